"""Adopting the planner's proposal: a cluster inspector or above only (seed 000 paragraph 51), all the
changed teams or none, each through the workforce's shift_pattern_adopt; and the pages around it."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sn.rosters.plans import cluster_plan
from sn.rosters.services import shift_plan_adopt
from sn.workforce.models import ShiftPattern
from sn.workforce.tests.factories import ShiftPatternFactory

pytestmark = pytest.mark.django_db

EARLY = {"start": "07:00", "hours": 8.0}
LATE = {"start": "15:00", "hours": 8.0}


@pytest.fixture
def patterns(world):
    cache.clear()
    start = date(2020, 1, 6)
    ShiftPatternFactory(team=world.teams["a1"], effective_from=start, days=[EARLY] * 5 + [None, None])
    ShiftPatternFactory(team=world.teams["a2"], effective_from=start, days=[None, None] + [EARLY] * 5)
    ShiftPatternFactory(team=world.teams["a3"], effective_from=start, days=[LATE] * 5 + [None, None])
    ShiftPatternFactory(team=world.teams["a4"], effective_from=start, days=[None, None] + [LATE] * 5)
    return world


def _plan(world):
    today = timezone.localdate()
    return cluster_plan(world.clusters["a"], on=today, demand_end=today)


def test_an_inspector_adopts_the_changed_teams_patterns(patterns):
    plan = _plan(patterns)
    assert plan.proposal.changed
    when = timezone.localdate() + timedelta(days=14)
    adopted = shift_plan_adopt(
        cluster=patterns.clusters["a"],
        proposal=plan.proposal,
        effective_from=when,
        actor=patterns.user("inspector"),
    )
    assert adopted and all(p.effective_from == when for p in adopted)
    assert {p.team_id for p in adopted} == {t.team_id for t in plan.proposal.teams if t.changed_days}
    assert all(p.adopted_by == patterns.user("inspector") for p in adopted)


@pytest.mark.parametrize("role", ["sergeant", "team_officer", "analyst"])
def test_below_a_cluster_inspector_adoption_is_refused_and_nothing_written(patterns, role):
    before = ShiftPattern.objects.count()
    with pytest.raises(ValidationError, match="cluster inspector or above"):
        shift_plan_adopt(
            cluster=patterns.clusters["a"],
            proposal=_plan(patterns).proposal,
            effective_from=timezone.localdate() + timedelta(days=14),
            actor=patterns.user(role),
        )
    assert ShiftPattern.objects.count() == before


def test_an_inspector_cannot_adopt_for_another_cluster(patterns):
    with pytest.raises(ValidationError):
        shift_plan_adopt(
            cluster=patterns.clusters["b"],
            proposal=_plan(patterns).proposal,
            effective_from=timezone.localdate() + timedelta(days=14),
            actor=patterns.user("inspector"),
        )


def test_the_pages_show_cover_the_plan_and_adopt_it(patterns, client_for):
    code = patterns.clusters["a"].code
    client = client_for("inspector")
    page = client.get(reverse("rosters:cluster_cover", args=[code]))
    assert page.status_code == 200 and b"cover by hour of the week" in page.content
    planner = client.get(reverse("rosters:cluster_planner", args=[code]))
    assert b"Adopt the new shifts" in planner.content and b"(changed)" in planner.content
    when = timezone.localdate() + timedelta(days=21)
    response = client.post(
        reverse("rosters:cluster_adopt", args=[code]), {"effective_from": when.isoformat()}
    )
    assert response.status_code == 302
    assert ShiftPattern.objects.filter(effective_from=when).exists()
    past = client.post(reverse("rosters:cluster_adopt", args=[code]), {"effective_from": "2020-01-01"})
    assert past.status_code == 200 and b"cannot start in the past" in past.content


def test_a_pc_sees_their_teams_proposal_but_cannot_adopt(patterns, client_for):
    client = client_for("team_officer")
    page = client.get(reverse("rosters:ward_cover", args=[patterns.wards["a1"].code]))
    assert page.status_code == 200 and b"Proposed" in page.content
    assert b"Only a cluster inspector or above can adopt" in page.content
    code = patterns.clusters["a"].code
    refused = client.post(reverse("rosters:cluster_adopt", args=[code]), {"effective_from": "2099-01-05"})
    assert refused.status_code == 403
    assert not ShiftPattern.objects.filter(effective_from=date(2099, 1, 5)).exists()
