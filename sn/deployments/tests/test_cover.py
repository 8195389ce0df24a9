"""The cover rule (sn.deployments.cover) as properties over generated rosters: taking officers away
never adds cover, a ward with two PCs and two PCSOs in every shift can always lend one of each, and
every refusal names the ward, the day and the shift."""

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sn.deployments.cover import PC, PCSO, Refusal, Stint, refusals, uncovered_shifts

FIRST = date(2026, 3, 2)
SHIFTS = [(7, 8), (14, 8), (10, 10), (18, 6)]


def _stint(officer: int, rank: str, day: int, shift: tuple[int, int]) -> Stint:
    start = datetime.combine(FIRST + timedelta(days=day), datetime.min.time()) + timedelta(hours=shift[0])
    return Stint(officer, rank, FIRST + timedelta(days=day), start, start + timedelta(hours=shift[1]))


rosters = st.lists(
    st.tuples(
        st.integers(0, 7),  # officer
        st.integers(0, 3),  # day
        st.sampled_from(SHIFTS),
    ),
    max_size=30,
).map(lambda rows: [_stint(o, PC if o % 2 == 0 else PCSO, d, s) for o, d, s in rows])
officers = st.frozensets(st.integers(0, 7), max_size=8)
DAYS = [FIRST + timedelta(days=n) for n in range(4)]


@settings(deadline=None, max_examples=150)
@given(rosters, officers, officers)
def test_taking_officers_away_never_adds_cover(stints, away, more):
    fewer = frozenset((o, d) for o in away for d in DAYS)
    most = fewer | frozenset((o, d) for o in more for d in DAYS)
    gaps = {shift for shift, _ in uncovered_shifts(stints, fewer)}
    assert gaps <= {shift for shift, _ in uncovered_shifts(stints, most)}


@settings(deadline=None, max_examples=150)
@given(rosters, officers, officers)
def test_lending_more_officers_never_refuses_less(stints, lending, more):
    kwargs = {"ward": "Ward", "days": DAYS, "rostered_days": DAYS, "stints": stints}
    fewer = refusals(lending=lending, **kwargs)
    most = refusals(lending=lending | more, **kwargs)
    assert {(r.day, r.shift) for r in fewer} <= {(r.day, r.shift) for r in most}


@settings(deadline=None, max_examples=100)
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from(SHIFTS)), min_size=1, max_size=8, unique=True))
def test_two_of_each_rank_in_every_shift_can_always_lend_one_of_each(shifts):
    # Officers 0, 2 are PCs and 1, 3 PCSOs, all working every shift of the roster.
    stints = [_stint(o, PC if o % 2 == 0 else PCSO, d, s) for d, s in shifts for o in range(4)]
    days = sorted({s.day for s in stints})
    assert (
        refusals(ward="Ward", days=days, rostered_days=days, stints=stints, lending=frozenset({0, 1})) == []
    )
    refused = refusals(ward="Ward", days=days, rostered_days=days, stints=stints, lending=frozenset({0, 2}))
    assert refused and all("no PC" in r.message for r in refused)


@settings(deadline=None, max_examples=100)
@given(rosters, officers)
def test_every_refusal_names_the_ward_day_and_shift(stints, lending):
    for refusal in refusals(ward="Ward X", days=DAYS, rostered_days=DAYS, stints=stints, lending=lending):
        assert refusal.message.startswith("Ward X would have no ")
        assert f"{refusal.day:%A} {refusal.day.day} {refusal.day:%B %Y}" in refusal.message
        assert (
            f"in the {refusal.shift.starts_at:%H:%M} to {refusal.shift.ends_at:%H:%M} shift"
            in refusal.message
        )


def test_a_day_with_nothing_rostered_cannot_be_checked():
    found = refusals(ward="Ward X", days=DAYS[:2], rostered_days=DAYS[:1], stints=[], lending=frozenset({1}))
    assert found == [Refusal(ward="Ward X", day=DAYS[1])]
    assert "not rostered for Tuesday 3 March 2026; the cover cannot be checked" in found[0].message


def test_cover_may_pass_from_one_officer_to_another_within_a_shift():
    early = _stint(0, PC, 0, (7, 8))
    split = [_stint(2, PC, 0, (7, 4)), _stint(4, PC, 0, (11, 4)), _stint(1, PCSO, 0, (7, 8))]
    assert (
        refusals(
            ward="W", days=DAYS[:1], rostered_days=DAYS[:1], stints=[early, *split], lending=frozenset({0})
        )
        == []
    )
    # Without the second half of the split, the early shift and the split's own late half have no PC.
    found = refusals(
        ward="W", days=DAYS[:1], rostered_days=DAYS[:1], stints=[early, *split], lending=frozenset({0, 4})
    )
    assert [(r.shift.label, r.missing) for r in found] == [
        ("07:00 to 15:00", ("PC",)),
        ("11:00 to 15:00", ("PC",)),
    ]


def test_a_shift_the_lent_officer_does_not_work_is_not_theirs_to_break():
    # The late shift has no PC at all; lending a PC from the early shift (which keeps one) is allowed.
    stints = [
        _stint(0, PC, 0, (7, 8)),
        _stint(2, PC, 0, (7, 8)),
        _stint(1, PCSO, 0, (7, 8)),
        _stint(3, PCSO, 0, (14, 8)),
    ]
    assert (
        refusals(ward="W", days=DAYS[:1], rostered_days=DAYS[:1], stints=stints, lending=frozenset({0})) == []
    )
