"""The arithmetic of abstraction: rostered hours are every duty hour of the home team, only reasons the
policy counts are counted, a policy applies from its own date, and every level is the hours-weighted
sum of the one below."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sn.geography.scope import Scope
from sn.workforce.abstraction.selectors import Level, abstraction_report
from sn.workforce.models import AbstractionPolicy, AbstractionReason, Duty
from sn.workforce.tests.factories import abstraction_policy_seed, duty_codes_seed

pytestmark = pytest.mark.django_db

MONTH = date(2025, 3, 1)
EVERYTHING = Scope(everything=True)
TEAMS = ("a1", "a2", "a3", "b1")
CODES = ("SN", "AL", "TRG", "PO", "AB")


def duty(world, key: str, code: str, day: date, *, hour: int = 7, hours: float = 8, officer=None) -> Duty:
    codes = duty_codes_seed()
    team = world.teams[key]
    starts = timezone.make_aware(datetime.combine(day, time(hour)))
    minutes = round(hours * 60)
    return Duty(
        officer=officer or world.officers["pc_a"],
        team=team,
        neighbourhood=None if codes[code].reason_id else team.neighbourhood,
        date=day,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        minutes=minutes,
        code=codes[code],
        reason_id=codes[code].reason_id,
    )


def report(level=Level.FORCE, area=None, month=MONTH):
    return abstraction_report(level=level, area=area, month=month, scope=EVERYTHING)


@pytest.fixture
def policy(world):
    duty_codes_seed()
    return abstraction_policy_seed()


def test_the_rate_counts_only_reasons_the_policy_does_not_exempt(world, policy):
    days = [MONTH + timedelta(days=i) for i in range(10)]
    Duty.objects.bulk_create(
        [duty(world, "a1", "SN", d) for d in days[:6]]
        + [duty(world, "a1", code, d) for code, d in zip(("AL", "TRG", "PO", "AB"), days[6:], strict=True)]
    )
    result = report(Level.TEAM, world.wards["a1"])
    assert result.tally.rostered_hours == 80
    assert result.tally.counted_hours == 8  # AB alone: leave, training and public order are exempt
    assert result.tally.rate == pytest.approx(0.1)
    assert result.target == Decimal("2.00")
    assert result.over_target
    statuses = {r.label: (r.status, r.hours) for r in result.reasons}
    assert statuses["Leave and time off"] == ("Exempt", 8)
    assert statuses["Other abstraction"] == ("Counts", 8)


def test_a_policy_change_mid_month_applies_from_its_date(world, policy):
    training = AbstractionReason.objects.get(key="training")
    stricter = AbstractionPolicy.objects.create(
        effective_from=MONTH.replace(day=15), target_rate=Decimal("1.50")
    )
    stricter.exempt_reasons.set(AbstractionReason.objects.filter(key__in=["leave", "public_order"]))
    Duty.objects.bulk_create(
        [
            duty(world, "a1", "TRG", MONTH.replace(day=10)),  # exempt: before the change
            duty(world, "a1", "TRG", MONTH.replace(day=20)),  # counts: from the change
            duty(world, "a1", "SN", MONTH.replace(day=14)),
            duty(world, "a1", "SN", MONTH.replace(day=15)),
        ]
    )
    result = report(Level.TEAM, world.wards["a1"])
    assert result.tally.counted_hours == 8
    assert result.tally.exempt_hours == 8
    assert result.target == Decimal("1.50")
    assert [c.effective_from for c in result.changes] == [MONTH.replace(day=15)]
    (line,) = [r for r in result.reasons if r.reason_id == training.pk]
    assert line.status.startswith("Exempt for part of the month")
    # The month before is under the first policy alone.
    Duty.objects.bulk_create([duty(world, "a1", "TRG", date(2025, 2, 10))])
    assert report(Level.TEAM, world.wards["a1"], date(2025, 2, 1)).tally.counted == 0


def test_the_trend_holds_the_last_twelve_months_with_duties(world, policy):
    held = [date(2023, 9, 1), date(2024, 1, 1)] + [date(2024, m, 1) for m in range(3, 13)] + [MONTH]
    Duty.objects.bulk_create([duty(world, "a1", "SN", m) for m in held])
    result = report()
    assert [p.month for p in result.trend] == held[-12:]  # gaps are skipped, the oldest left out


def test_teams_over_the_target_come_first(world, policy):
    first = MONTH
    Duty.objects.bulk_create(
        [duty(world, "a1", "SN", first + timedelta(days=i)) for i in range(20)]
        + [
            duty(world, "a2", "SN", first + timedelta(days=i), officer=world.officers["sergeant_a"])
            for i in range(9)
        ]
        + [duty(world, "a2", "AB", first + timedelta(days=10), officer=world.officers["sergeant_a"])]
        + [
            duty(world, "b1", "SN", first + timedelta(days=i), officer=world.officers["pc_b"])
            for i in range(30)
        ]
    )
    result = report()
    assert [t.key for t in result.teams][0] == world.wards["a2"].code
    assert [t.over_target for t in result.teams] == [True, False, False]
    assert {a.name for a in result.areas} == {"Borough A", "Borough B"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(TEAMS), st.sampled_from(CODES), st.integers(0, 27), st.integers(1, 20)),
        min_size=1,
        max_size=40,
    )
)
def test_the_force_rate_is_the_hours_weighted_mean_of_the_teams(world, policy, duties):
    Duty.objects.all().delete()
    officers = {
        key: world.officers[name]
        for key, name in zip(TEAMS, ("pc_a", "sergeant_a", "pcso_a", "pc_b"), strict=True)
    }
    rows, seen = [], set()
    for key, code, day, hours in duties:
        start = (key, day)
        if start in seen:  # one duty per officer and start
            continue
        seen.add(start)
        rows.append(
            duty(world, key, code, MONTH + timedelta(days=day), hours=hours / 2, officer=officers[key])
        )
    Duty.objects.bulk_create(rows)
    result = report()
    rostered = sum(t.tally.rostered for t in result.teams)
    assert result.tally.rostered == rostered == sum(d.minutes for d in rows)
    weighted = sum((t.tally.rate or 0) * t.tally.rostered for t in result.teams) / rostered
    assert result.tally.rate == pytest.approx(weighted)
    # Exempt reasons never count: only AB is counted under the default policy.
    assert result.tally.counted == sum(d.minutes for d in rows if d.code.code == "AB")
    assert sum(a.tally.counted for a in result.areas) == result.tally.counted


def test_a_correction_or_a_new_duty_is_counted_at_once(world, policy):
    """The sums are kept between requests (sn.workforce.abstraction.memo); any write must end that."""
    (first, _) = Duty.objects.bulk_create(
        [duty(world, "a1", "SN", MONTH), duty(world, "a1", "SN", MONTH.replace(day=2))]
    )
    assert report(Level.TEAM, world.wards["a1"]).tally.counted == 0
    codes = duty_codes_seed()
    first = Duty.objects.get(pk=first.pk)  # as a service reads it (the audit compares with the row read)
    first.code, first.reason, first.neighbourhood = codes["AB"], codes["AB"].reason, None
    first.save()  # a sergeant's correction, audited
    assert report(Level.TEAM, world.wards["a1"]).tally.counted_hours == 8
    Duty.objects.bulk_create([duty(world, "a1", "AB", MONTH.replace(day=3))])  # an import's new rows
    assert report(Level.TEAM, world.wards["a1"]).tally.counted_hours == 16
    first.delete()
    assert report(Level.TEAM, world.wards["a1"]).tally.counted_hours == 8
