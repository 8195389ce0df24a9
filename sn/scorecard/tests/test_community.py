"""Time in the community: on-duty minutes in a ward (own or lent) over working minutes (rostered less
exempt abstraction), "the majority" strictly more than half, and the pages listing teams and officers."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.scorecard.community import community_time_figures, majority_figures, officer_times
from sn.workforce.models import Duty
from sn.workforce.tests.factories import abstraction_policy_seed, duty_codes_seed

pytestmark = pytest.mark.django_db

MONTH = date(2025, 3, 1)
END = date(2025, 4, 1)


def duty(world, key, code, day, *, officer, hours=8, ward=None):
    codes = duty_codes_seed()
    team = world.teams[key]
    starts = timezone.make_aware(datetime.combine(day, time(7)))
    on_duty = codes[code].reason_id is None
    return Duty.objects.create(
        officer=officer,
        team=team,
        neighbourhood=(ward or team.neighbourhood) if on_duty else None,
        date=day,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        minutes=hours * 60,
        code=codes[code],
        reason_id=codes[code].reason_id,
    )


def days(n):
    return [MONTH + timedelta(days=i) for i in range(n)]


@pytest.fixture
def policy(db):
    return abstraction_policy_seed()


def test_exactly_half_is_not_the_majority_and_leave_is_not_working_time(world, policy):
    pc, pcso = world.officers["pc_a"], world.officers["pcso_a"]
    # The PC: 4 days in the ward, 4 other abstraction (counts), 5 on leave (exempt): 4/8, not a majority.
    for i, day in enumerate(days(13)):
        duty(world, "a1", "SN" if i < 4 else "AB" if i < 8 else "AL", day, officer=pc)
    # The PCSO: 3 in the ward, 1 lent to a2, 3 abstracted (AB counts): 4/7 in the community.
    for i, day in enumerate(days(7)):
        ward = world.wards["a2"] if i == 3 else None
        duty(world, "a1", "SN" if i < 4 else "AB", day, officer=pcso, ward=ward)
    times = officer_times(MONTH, END)
    a1 = world.wards["a1"].pk
    pc_time, pcso_time = times[(a1, pc.pk)], times[(a1, pcso.pk)]
    assert pc_time.working == 8 * 8 * 60 and pc_time.share == 0.5 and not pc_time.meets
    assert pcso_time.share == pytest.approx(4 / 7) and pcso_time.meets
    # Summed minutes, not an average of the two shares.
    assert community_time_figures(MONTH, END)[a1] == (8 * 8 * 60, 15 * 8 * 60)
    assert majority_figures(MONTH, END)[a1] == (1, 2)
    # The abstraction rate is the workforce's: counted over all rostered minutes (leave included).
    assert pc_time.abstraction_rate == pytest.approx(4 / 13)


def test_an_officer_counts_in_their_home_team_ward(world, policy):
    pc = world.officers["pc_a"]
    for day in days(3):
        duty(world, "a1", "SN", day, officer=pc, ward=world.wards["a3"])
    figures = community_time_figures(MONTH, END)
    assert set(figures) == {world.wards["a1"].pk}


def test_ward_page_lists_each_officer_below_the_commitment_first(world, policy, client_for):
    pc, pcso = world.officers["pc_a"], world.officers["pcso_a"]
    for i, day in enumerate(days(4)):
        duty(world, "a1", "SN" if i < 1 else "AB", day, officer=pc)
        duty(world, "a1", "SN", day, officer=pcso)
    url = reverse("scorecard:community_ward", args=[world.wards["a1"].code]) + "?month=2025-03"
    text = client_for("sergeant").get(url).content.decode()
    assert text.index(pc.full_name) < text.index(pcso.full_name)
    assert "1 of 2" in text and "25%" in text
    force = client_for("central_unit").get(reverse("scorecard:community_force") + "?month=2025-03")
    assert world.boroughs["a"].name in force.content.decode()
