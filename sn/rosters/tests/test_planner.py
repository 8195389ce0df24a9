"""The shift planner: every proposal keeps the working-time rules (the workforce's own check), keeps
each team's working days and shift lengths, gives 16-hour cover whenever today's patterns do, and is
the same every time."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sn.rosters.planner import TeamInput, planner_weights, propose, rule_breaches
from sn.rosters.profiles import demo_call_profile, table_2_wishes
from sn.rosters.selectors import figures
from sn.workforce.working_time import breaches

WEIGHTS = planner_weights(demo_call_profile(), table_2_wishes())
EARLY = {"start": "07:00", "hours": 8.0}
LATE = {"start": "15:00", "hours": 8.0}


def _team(i: int, days) -> TeamInput:
    return TeamInput(team_id=i, name=f"Team {i}", staff=5 + i, days=days)


day = st.one_of(
    st.none(),
    st.builds(
        lambda hour, half, hours: {"start": f"{hour:02d}:{30 if half else 0:02d}", "hours": hours},
        st.integers(5, 18),
        st.booleans(),
        st.sampled_from([6.0, 7.5, 8.0, 9.0, 10.0, 11.0]),
    ),
)
team_days = st.lists(day, min_size=7, max_size=7)


@settings(max_examples=25)
@given(st.lists(team_days, min_size=1, max_size=4))
def test_every_proposal_keeps_the_working_time_rules_and_the_working_days(patterns):
    teams = [_team(i, days) for i, days in enumerate(patterns)]
    proposal = propose(teams, WEIGHTS, deterministic_seconds=0.5)
    if not proposal.found:
        return  # some random patterns leave no start times that keep the rest rule
    assert rule_breaches(proposal) == {}
    for team, planned in zip(teams, proposal.teams, strict=True):
        assert breaches(planned.after) == []
        for before, after in zip(team.days, planned.after, strict=True):
            assert (before is None) == (after is None)
            if before is not None:
                assert after["hours"] == min(before["hours"], 10.0)


def test_offset_teams_keep_16_hour_cover_and_move_hours_into_the_evenings():
    teams = [
        _team(0, [EARLY] * 5 + [None, None]),
        _team(1, [None, None] + [EARLY] * 5),
        _team(2, [LATE] * 5 + [None, None]),
        _team(3, [None, None] + [LATE] * 5),
    ]
    proposal = propose(teams, WEIGHTS)
    assert proposal.status == "optimal"
    before, after = figures(proposal.cover_before), figures(proposal.cover_after)
    assert before.full_cover and after.full_cover
    assert after.evening > before.evening
    assert rule_breaches(proposal) == {}


def test_the_same_inputs_give_the_same_proposal():
    teams = [_team(0, [EARLY] * 5 + [None, None]), _team(1, [None, None] + [LATE] * 5)]
    first, second = propose(teams, WEIGHTS), propose(teams, WEIGHTS)
    assert [t.after for t in first.teams] == [t.after for t in second.teams]


def test_a_team_that_cannot_cover_16_hours_alone_still_gets_the_best_it_can():
    proposal = propose([_team(0, [EARLY] * 5 + [None, None])], WEIGHTS)
    assert proposal.found and not figures(proposal.cover_after).full_cover
    assert rule_breaches(proposal) == {}
