"""The workforce demo: patterns that keep the rules and give a cluster 16-hour cover, duties for every
posted officer over the period, deterministic."""

import hashlib
from collections import defaultdict
from datetime import date

import pytest

from sn.workforce.demo import event_days, pattern_for, workforce_demo_load
from sn.workforce.models import Duty, ShiftPattern
from sn.workforce.working_time import breaches, on_duty_by_hour

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 18)


def digest() -> str:
    rows = Duty.objects.order_by("officer_id", "starts_at").values_list(
        "officer__collar_number",
        "team__neighbourhood__code",
        "neighbourhood_id",
        "starts_at",
        "ends_at",
        "code__code",
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


@pytest.mark.parametrize("teams", [4, 5, 6, 7, 8])
def test_a_clusters_patterns_keep_the_rules_and_cover_sixteen_hours_every_day(teams):
    patterns = [pattern_for(position) for position in range(teams)]
    assert not any(breaches(p) for p in patterns)
    cover = [max(hours) for hours in zip(*(on_duty_by_hour(p) for p in patterns), strict=True)]
    for day in range(7):
        assert sum(cover[day * 24 : day * 24 + 24]) == 16, day


def test_public_order_days_include_carnival_and_new_years_eve():
    days = event_days(date(2026, 1, 1), date(2026, 12, 31))
    assert {date(2026, 8, 30), date(2026, 8, 31), date(2026, 12, 31)} <= days


def test_the_demo_rosters_every_posted_officer_deterministically(world):
    summary = workforce_demo_load(seed=7, today=TODAY, progress=lambda _: None)
    assert "duties for" in summary
    assert ShiftPattern.objects.count() == len(world.teams)
    days = Duty.objects.values_list("date", flat=True)
    assert min(days) >= date(2025, 12, 1) and max(days) <= date(2026, 4, 15)
    officers = set(Duty.objects.values_list("officer_id", flat=True))
    assert world.officers["pc_a"].pk in officers and world.officers["sergeant_a"].pk in officers
    assert world.officers["inspector_a"].pk not in officers
    # The shared sergeant works with each of their two teams in turn.
    sergeant_teams = set(
        Duty.objects.filter(officer=world.officers["sergeant_a"]).values_list("team_id", flat=True)
    )
    assert sergeant_teams == {world.teams["a1"].pk, world.teams["a2"].pk}
    # No officer has two duties at once, and abstractions have no ward.
    by_officer = defaultdict(list)
    for officer_id, starts, ends in Duty.objects.values_list("officer_id", "starts_at", "ends_at"):
        by_officer[officer_id].append((starts, ends))
    for spans in by_officer.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert not Duty.objects.filter(reason__isnull=False, neighbourhood__isnull=False).exists()
    assert not Duty.objects.filter(date__gt=TODAY, code__code="AB").exists()
    first = digest()
    Duty.objects.all().delete()
    ShiftPattern.objects.all().delete()
    workforce_demo_load(seed=7, today=TODAY, progress=lambda _: None)
    assert digest() == first
