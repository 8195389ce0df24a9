"""Reads: demand by hour of week for an area, the town-centre crime counts, and plan against delivery.

Demand has two halves because the sources differ. Calls for service carry a time and a place, so the
calls from inside the area give both the shape over the week and its size. police.uk crimes and ASB carry
only a month and a (snapped) point, so their monthly count inside the area is spread over the week in the
shape of the ward's calls: where the calls are at 22:00 on a Friday, so (we assume) is the crime.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import shapely
from django.conf import settings
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from sn.incidents.categories import Category
from sn.incidents.models import CountSource, Coverage, Incident
from sn.patrols.models import DAYS, PatrolArea, PatrolPlan, PatrolRecord, PatrolSlot
from sn.rosters.models import CallForService
from sn.workforce.models import Duty, DutyCode

HOURS_OF_WEEK = 168
# A slot counts as covered when a patrol or an on-duty duty in the ward overlaps it by at least this.
COVER_MINIMUM = timedelta(hours=1)


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def points_inside(geometry, points: list[tuple]) -> np.ndarray:
    """Which (lng, lat, ...) points lie in the geometry, in one vectorised call."""
    if not points:
        return np.zeros(0, dtype=bool)
    xs = np.array([p[0] for p in points], dtype=float)
    ys = np.array([p[1] for p in points], dtype=float)
    return shapely.contains_xy(geometry, xs, ys)


def hour_of_week(moment: datetime) -> int:
    local = timezone.localtime(moment)
    return local.weekday() * 24 + local.hour


@dataclass
class Demand:
    """Demand in each of the 168 hours of an average week (Monday 00:00 first), read from the `weeks`
    weeks before `until` (exclusive)."""

    calls: list[float] = field(default_factory=lambda: [0.0] * HOURS_OF_WEEK)
    crime: list[float] = field(default_factory=lambda: [0.0] * HOURS_OF_WEEK)
    weeks: int = 0
    calls_in_area: int = 0
    crimes_in_area: int = 0
    months: int = 0
    until: date | None = None

    @property
    def since(self) -> date | None:
        return self.until - timedelta(weeks=self.weeks) if self.until else None

    @property
    def total(self) -> list[float]:
        return [a + b for a, b in zip(self.calls, self.crime, strict=True)]

    def rows(self) -> list[dict]:
        """Seven rows of 24 cells for the heat table, each with its share of the busiest hour. A cell
        is the hour's demand over all the weeks read, not in an average week: an area has a few calls
        a week, so a mean per hour is a few hundredths and read 0.0 in every cell."""
        total = self.total
        peak = max(total) or 1.0
        return [
            {
                "day": DAYS[d],
                "cells": [
                    {
                        "value": over_weeks(total[d * 24 + h], self.weeks),
                        "level": min(4, int(5 * total[d * 24 + h] / peak)),
                    }
                    for h in range(24)
                ],
            }
            for d in range(7)
        ]

    def describe(self) -> str:
        """The demand in words, with the weeks read: plans drawn on different days read different weeks,
        so two plans' counts (or a plan's and today's heat map) can differ."""
        weeks = f"the {self.weeks} weeks"
        if self.until:
            weeks += f" from {self.since:%-d %B %Y} to {self.until - timedelta(days=1):%-d %B %Y}"
        return (
            f"{self.calls_in_area} calls for service from the area over {weeks} (calls "
            "without a location shared by the area's share of the ward's crime) and "
            f"{self.crimes_in_area} crimes and ASB incidents in it over {self.months} months, spread over "
            "the week in the shape of the ward's calls (taken with the borough's)"
        )


def over_weeks(per_week: float, weeks: int) -> float:
    """A demand per average week as the count over the `weeks` weeks read, the unit the area page shows
    for the heat map's cells and the plan's slots alike (a slot is the sum of its hours' cells)."""
    return round(per_week * weeks, 1)


def latest_crime_month(until: date, categories=None) -> date | None:
    """The last month police.uk data is loaded for before `until`, for the categories patrols answer
    (the town-centre ones and ASB): the data lags by months or more, and categories arrive apart."""
    categories = categories or [*category_keys(), Category.ANTI_SOCIAL_BEHAVIOUR]
    return Incident.objects.filter(month__lt=month_start(until), category__in=list(categories)).aggregate(
        last=Max("month")
    )["last"]


def area_demand(area: PatrolArea, *, until: date | None = None) -> Demand:
    until = until or timezone.localdate()
    weeks = settings.SN_PATROL_DEMAND_WEEKS
    since = until - timedelta(weeks=weeks)
    calls = list(
        CallForService.objects.filter(
            neighbourhood_id=area.neighbourhood_id,
            received_at__gte=timezone.make_aware(datetime.combine(since, datetime.min.time())),
            received_at__lt=timezone.make_aware(datetime.combine(until, datetime.min.time())),
        ).values_list("longitude", "latitude", "received_at")
    )
    last = latest_crime_month(until)
    crimes = []
    if last:
        crimes = list(
            Incident.objects.filter(
                neighbourhood_id=area.neighbourhood_id,
                month__gte=add_months(last, -CRIME_MONTHS + 1),
                month__lte=last,
                longitude__isnull=False,
            ).values_list("longitude", "latitude")
        )
    borough_calls = CallForService.objects.filter(
        neighbourhood__borough_id=area.neighbourhood.borough_id,
        received_at__gte=timezone.make_aware(datetime.combine(since, datetime.min.time())),
        received_at__lt=timezone.make_aware(datetime.combine(until, datetime.min.time())),
    ).values_list("received_at", flat=True)
    prior = [0.0] * HOURS_OF_WEEK
    for moment in borough_calls:
        prior[hour_of_week(moment)] += 1
    return demand_from(area.shape(), calls=calls, crimes=crimes, weeks=weeks, prior=prior, until=until)


CRIME_MONTHS = 3
# A ward has a few calls a week, too few to give the shape of its week alone: its shape is taken with
# the borough's, weighted as this many calls, so that one busy Monday does not outweigh Friday nights.
PRIOR_CALLS = 100


def demand_from(
    geometry,
    *,
    calls: list[tuple],
    crimes: list[tuple],
    weeks: int,
    prior: list[float] | None = None,
    until: date | None = None,
) -> Demand:
    """Demand in the area from the ward's calls (lng, lat, received_at) and its crimes and ASB of the
    last CRIME_MONTHS months (lng, lat). Calls without a location (command-and-control exports often
    have none) are shared to the area by its share of the ward's crime."""
    demand = Demand(weeks=weeks, months=CRIME_MONTHS, until=until)
    inside_crime = points_inside(geometry, crimes)
    demand.crimes_in_area = int(inside_crime.sum())
    crime_share = demand.crimes_in_area / len(crimes) if crimes else 0.0
    ward_shape = [0.0] * HOURS_OF_WEEK
    located = [c for c in calls if c[0] is not None and c[1] is not None]
    for call in calls:
        ward_shape[hour_of_week(call[2])] += 1
    for call, is_in in zip(located, points_inside(geometry, located), strict=True):
        if is_in:
            demand.calls[hour_of_week(call[2])] += 1 / weeks
            demand.calls_in_area += 1
    unlocated = len(calls) - len(located)
    if unlocated:
        for call in calls:
            if call[0] is None or call[1] is None:
                demand.calls[hour_of_week(call[2])] += crime_share / weeks
        demand.calls_in_area += round(unlocated * crime_share)
    per_week = demand.crimes_in_area / CRIME_MONTHS * 12 / 52
    prior_total = sum(prior or [])
    if prior_total:
        ward_shape = [n + PRIOR_CALLS * p / prior_total for n, p in zip(ward_shape, prior, strict=True)]
    total_shape = sum(ward_shape)
    if total_shape:
        demand.crime = [per_week * n / total_shape for n in ward_shape]
    else:
        demand.crime = [per_week / HOURS_OF_WEEK] * HOURS_OF_WEEK
    return demand


def choose_slots(total: list[float], *, slots: int, hours: int) -> list[tuple[int, float]]:
    """The `slots` busiest windows of `hours` consecutive hours of the week, not overlapping, greedy:
    (first hour of week, demand in the window), busiest first. A window may run past midnight (a Friday
    night slot from 22:00 to 01:00) and past Sunday into Monday. Greedy is exact enough here: the slots
    are few and short against 168 hours, so they rarely compete for the same hours (OR-Tools would
    change the choice only when two peaks overlap by an hour or two)."""
    sums = [sum(total[(s + k) % HOURS_OF_WEEK] for k in range(hours)) for s in range(HOURS_OF_WEEK)]
    taken = [False] * HOURS_OF_WEEK
    chosen: list[tuple[int, float]] = []
    for start in sorted(range(HOURS_OF_WEEK), key=lambda s: (-sums[s], s)):
        if len(chosen) >= slots:
            break
        cells = [(start + k) % HOURS_OF_WEEK for k in range(hours)]
        if any(taken[c] for c in cells) or sums[start] <= 0:
            continue
        for c in cells:
            taken[c] = True
        chosen.append((start, sums[start]))
    return chosen


def slot_bounds(week_start: date, first_hour: int, hours: int) -> tuple[datetime, datetime]:
    day = week_start + timedelta(days=first_hour // 24)
    starts = timezone.make_aware(
        datetime.combine(day, datetime.min.time()) + timedelta(hours=first_hour % 24)
    )
    return starts, starts + timedelta(hours=hours)


def covered_slots(slots):
    """Annotate slots with whether a patrol record of their area or an on-duty duty in the area's ward
    overlapped them by COVER_MINIMUM: one query however many weeks."""
    records = PatrolRecord.objects.filter(
        area_id=OuterRef("plan__area_id"),
        started_at__lte=OuterRef("ends_at") - COVER_MINIMUM,
        ended_at__gte=OuterRef("starts_at") + COVER_MINIMUM,
    )
    duties = Duty.objects.filter(
        neighbourhood_id=OuterRef("plan__area__neighbourhood_id"),
        # The codes by id: a join to the codes for every duty read doubled the time of a force's month.
        code_id__in=list(DutyCode.objects.filter(kind=DutyCode.Kind.ON_DUTY).values_list("id", flat=True)),
        # A duty is shorter than a day, so only those starting the day before, on or after the slot's
        # day can overlap it: the (neighbourhood, date) index then reads a handful of rows.
        date__gte=OuterRef("date") - timedelta(days=1),
        date__lte=OuterRef("date") + timedelta(days=1),
        starts_at__lte=OuterRef("ends_at") - COVER_MINIMUM,
        ends_at__gte=OuterRef("starts_at") + COVER_MINIMUM,
    )
    return slots.annotate(by_record=Exists(records), by_duty=Exists(duties))


def planned_slots(start: datetime, end: datetime, *, now: datetime | None = None):
    """The slots of adopted plans that started in [start, end) and have ended: those that can have been
    delivered."""
    now = now or timezone.now()
    return PatrolSlot.objects.filter(
        plan__status=PatrolPlan.Status.ADOPTED, starts_at__gte=start, starts_at__lt=end, ends_at__lte=now
    )


def delivery_by_week(area: PatrolArea, *, weeks: int = 8, now: datetime | None = None) -> list[dict]:
    """Plan against delivery for the area's last `weeks` weeks of adopted plans."""
    now = now or timezone.now()
    plans = list(
        area.plans.filter(status=PatrolPlan.Status.ADOPTED, week_start__lte=timezone.localdate(now)).order_by(
            "-week_start"
        )[:weeks]
    )
    slots = covered_slots(PatrolSlot.objects.filter(plan__in=plans, ends_at__lte=now)).values_list(
        "plan_id", "by_record", "by_duty"
    )
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for plan_id, by_record, by_duty in slots:
        counts[plan_id][0] += 1
        counts[plan_id][1] += int(by_record or by_duty)
    rows = []
    for plan in reversed(plans):
        planned, delivered = counts[plan.pk]
        rows.append(
            {
                "week_start": plan.week_start,
                "planned": planned,
                "delivered": delivered,
                "percent": round(100 * delivered / planned) if planned else None,
            }
        )
    return rows


def slot_cover(plan: PatrolPlan, *, now: datetime | None = None) -> list[dict]:
    """The plan's slots with whether each was covered, and its demand over the weeks the plan read (the
    heat map's unit)."""
    now = now or timezone.now()
    weeks = settings.SN_PATROL_DEMAND_WEEKS
    rows = []
    for slot in covered_slots(plan.slots.all()):
        if slot.ends_at > now:
            state = "To come"
        elif slot.by_record:
            state = "Patrolled (recorded)"
        elif slot.by_duty:
            state = "Covered by a duty in the ward"
        else:
            state = "Not covered"
        rows.append({"slot": slot, "state": state, "demand": over_weeks(slot.demand, weeks)})
    return rows


def town_centre_categories() -> list[tuple[str, dict]]:
    return list(settings.SN_TOWN_CENTRE_CRIME_CATEGORIES.items())


def category_keys() -> dict[str, str]:
    """police.uk category -> town-centre category key."""
    return {cat: key for key, spec in town_centre_categories() for cat in spec["categories"]}


# The sources whose records carry a location: counts-only figures (per ward) cannot say what fell inside
# an area, so a month they alone cover has no town-centre figure.
LOCATED_SOURCES = (CountSource.RECORDS, CountSource.PLACED)


def located_months(months) -> set[date]:
    """The months (first days) of `months` for which located police.uk data of every town-centre
    category is loaded, by the coverage record the loads keep (sn.incidents.models.Coverage): a month
    with no incidents of a category is then a true zero, a month nobody loaded has no figure."""
    wanted = set(category_keys())
    if not wanted:
        return set()
    held: dict[date, set[str]] = defaultdict(set)
    for month, category in Coverage.objects.filter(
        month__in=list(months), category__in=list(wanted), source__in=LOCATED_SOURCES
    ).values_list("month", "category"):
        held[month].add(category)
    return {month for month, categories in held.items() if categories >= wanted}


def months_starting_in(start: date, end: date) -> list[date]:
    """The first days of the months that start in [start, end)."""
    first = month_start(start) if start.day == 1 else add_months(month_start(start), 1)
    found = []
    while first < end:
        found.append(first)
        first = add_months(first, 1)
    return found


def latest_located_month(until: date) -> date | None:
    """The last month before `until` with located data of every town-centre category loaded."""
    wanted = set(category_keys())
    if not wanted:
        return None
    held: dict[date, set[str]] = defaultdict(set)
    for month, category in Coverage.objects.filter(
        month__lt=until, category__in=list(wanted), source__in=LOCATED_SOURCES
    ).values_list("month", "category"):
        held[month].add(category)
    return max((m for m, categories in held.items() if categories >= wanted), default=None)


def town_centre_crime(area: PatrolArea, *, months: int = 12, until: date | None = None) -> dict:
    """Incidents of the town-centre categories inside the area, by month, newest last: the twelve months
    to the latest month with located data loaded (to last month when none is). A month with no data
    loaded has no figures (None cells and `covered` False), never a false zero."""
    until = until or timezone.localdate()
    latest = latest_located_month(add_months(month_start(until), 1))
    last = latest or add_months(month_start(until), -1)
    first = add_months(last, -months + 1)
    mapping = category_keys()
    rows = list(
        Incident.objects.filter(
            neighbourhood_id=area.neighbourhood_id,
            month__gte=first,
            month__lte=last,
            category__in=list(mapping),
            longitude__isnull=False,
        ).values_list("longitude", "latitude", "month", "category")
    )
    counts: dict[tuple[date, str], int] = defaultdict(int)
    for row, inside in zip(rows, points_inside(area.shape(), rows), strict=True):
        if inside:
            counts[(row[2], mapping[row[3]])] += 1
    month_list = [add_months(first, i) for i in range(months)]
    columns = [
        {
            "key": key,
            "label": spec["label"],
            "recorded": bool(spec["categories"]),
            "note": spec.get("note", ""),
        }
        for key, spec in town_centre_categories()
    ]
    covered = located_months(month_list)
    table = [
        {
            "month": m,
            "covered": m in covered,
            "cells": [
                counts.get((m, c["key"]), 0) if c["recorded"] and m in covered else None for c in columns
            ],
        }
        for m in month_list
    ]
    return {"columns": columns, "rows": table, "last": last, "latest": latest, "any": bool(covered)}


TOWN_CENTRE_SOURCE_CATEGORIES = (Category.SHOPLIFTING, Category.THEFT_FROM_THE_PERSON, Category.ROBBERY)
