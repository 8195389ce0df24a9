"""KIN compliance: each team's interviews last month against the standard and its members in date, added
up by cluster, borough and force, worst first, in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sn.community.compliance import by_borough, by_cluster, kin_compliance
from sn.community.tests.factories import KinInterviewFactory, KinMemberFactory
from sn.geography.models import Neighbourhood

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 15)
LAST_MONTH = date(2026, 2, 10)


def interviews(ward, count: int, day: date = LAST_MONTH, member=None):
    member = member or KinMemberFactory(
        neighbourhood=ward, joined_on=date(2020, 1, 1), last_interviewed_on=day
    )
    for _ in range(count):
        KinInterviewFactory(member=member, interviewed_on=day)
    return member


def compliance(settings, areas=None):
    settings.SN_KIN_INTERVIEWS_PER_MONTH = 3
    settings.SN_KIN_INTERVIEW_INTERVAL_MONTHS = 6
    return kin_compliance(areas or Neighbourhood.objects.all(), label=("force", "Force"), today=TODAY)


def team(result, world, key):
    return next(t for t in result.teams if t.code == world.wards[key].code)


def test_a_team_meets_the_monthly_standard_on_last_months_interviews(world, settings):
    interviews(world.wards["a1"], 3)
    interviews(world.wards["a2"], 2)
    interviews(world.wards["a2"], 5, day=date(2026, 3, 1))  # this month: counted apart

    result = compliance(settings)

    a1, a2 = team(result, world, "a1"), team(result, world, "a2")
    assert (a1.last_month, a1.meets_standard) == (3, True)
    assert (a2.last_month, a2.this_month, a2.meets_standard, a2.shortfall) == (2, 5, False, 1)
    assert result.last_month == date(2026, 2, 1) and result.this_month == date(2026, 3, 1)


def test_members_are_in_date_when_interviewed_or_joined_within_the_interval(world, settings):
    ward = world.wards["a1"]
    KinMemberFactory(
        neighbourhood=ward, last_interviewed_on=date(2025, 9, 15)
    )  # in date: 15 Sep is within 6 months
    KinMemberFactory(neighbourhood=ward, last_interviewed_on=date(2025, 9, 14))  # overdue by a day
    KinMemberFactory(neighbourhood=ward, joined_on=date(2026, 1, 5), last_interviewed_on=None)  # new: in date
    KinMemberFactory(
        neighbourhood=ward, joined_on=date(2024, 1, 5), last_interviewed_on=None
    )  # never: overdue
    gone = KinMemberFactory(neighbourhood=ward, last_interviewed_on=date(2020, 1, 1))
    gone.erased_at = gone.created_at  # withdrawn: no longer a member
    gone.save()

    a1 = team(compliance(settings), world, "a1")

    assert (a1.members, a1.members_in_date, a1.members_overdue) == (4, 2, 2)
    assert a1.in_date_share == 0.5


def test_the_monthly_trend_counts_interviews_and_teams_meeting_the_standard(world, settings):
    interviews(world.wards["a1"], 3, day=date(2026, 1, 20))
    interviews(world.wards["a2"], 1, day=date(2026, 1, 2))
    interviews(world.wards["a1"], 4, day=date(2025, 3, 31))  # the oldest month of the trend

    total = compliance(settings).total

    trend = {month: (count, meeting) for month, count, meeting in total.trend}
    assert trend[date(2026, 1, 1)] == (4, 1)
    assert trend[date(2025, 3, 1)] == (4, 1)
    assert len(total.trend) == 12 and min(trend) == date(2025, 3, 1)


def test_areas_add_up_their_teams_and_come_worst_first(world, settings):
    for key in ("a1", "a2", "a3"):
        interviews(world.wards[key], 3)
    interviews(world.wards["b1"], 1)

    result = compliance(settings)
    boroughs = result.groups(by_borough)

    assert [b.name for b in boroughs] == ["Borough B", "Borough A"]
    a = boroughs[1]
    assert (a.teams, a.teams_meeting, a.last_month) == (4, 3, 9)
    assert result.total.teams == 8 and result.total.teams_meeting == 3
    assert result.teams[0].meets_standard is False
    assert [c.code for c in result.groups(by_cluster)][0] == "C-B"


def test_an_area_is_only_its_own_teams(world, settings):
    interviews(world.wards["b1"], 7)
    result = compliance(settings, Neighbourhood.objects.filter(cluster=world.clusters["a"]))
    assert {t.code for t in result.teams} == {world.wards[k].code for k in ("a1", "a2", "a3", "a4")}
    assert result.total.last_month == 0


def test_the_whole_force_is_three_queries_however_many_teams_members_and_interviews(world, settings):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            compliance(settings)
        return len(captured)

    before = queries()
    for key in world.wards:
        member = interviews(world.wards[key], 2)
        interviews(world.wards[key], 1, day=LAST_MONTH - timedelta(days=60), member=member)
    assert before == queries() == 3
