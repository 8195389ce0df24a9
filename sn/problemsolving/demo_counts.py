"""Demo figures after the real data ends, and the demo's assessments computed from them.

The demo's real police.uk data ends in 2023 (burglary records in 2024), but its cycle runs over the two
years to today, so a case's response would have no months after it to assess. `modelled_counts_load`
models the missing months: for every ward and every category the latest real year covers, a count drawn
from a Poisson distribution around the same calendar month of that year, with a mild downward trend,
lowered (or raised) from a month on where a case's response worked (or pushed the problem next door).
The figures go through the incidents ledger as their own counts-only source, labelled in Coverage as
MODELLED_LABEL, so every crime page's "where these figures come from" says they are not real. No real
month's figure changes: only months after each category's latest real month are written.

How the cases' demo (sn.problemsolving.demo) uses this, after its cases exist and before it closes any:

    effects = {(case.neighbourhood_id, category): [(first month after the response, 0.6)], ...}
    # and for a displaced case, its neighbour: {(neighbour_id, category): [(month, 1.5)]}
    modelled_counts_load(seed=seed, today=today, effects=effects)
    demo_assessments_create(cases=cases_whose_response_started, seed=seed, today=today)

`demo_assessments_create` bulk-creates their assessments (figures computed in memory from one read of
the counts per borough), the outcome judged from the figures, with evidence text.
"""

import time
from collections import defaultdict
from datetime import date, timedelta

import numpy as np
from django.db import connection, transaction
from django.db.models import Max, Q

from sn.accounts.models import User
from sn.core.months import add_months
from sn.core.roles import Role
from sn.geography.models import Neighbourhood
from sn.incidents.models import Coverage, IncidentMonthly
from sn.incidents.rollup import counts_load
from sn.incidents.writers import SQLITE_CACHE_KIB
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.services.assessment import (
    Periods,
    categories_words,
    default_periods,
    figures_from_counts,
    place_words,
)

MODELLED_LABEL = "Demo figures modelled from the 2022-23 police.uk counts; not real data"
TREND_PER_YEAR = 0.97  # crime drifting gently down, as London's recorded crime did in most recent years
Effects = dict[tuple[int, str], list[tuple[date, float]]]


def _latest_real_months() -> dict[str, date]:
    """Category -> its latest month covered by any source other than these modelled figures."""
    rows = Coverage.objects.exclude(label=MODELLED_LABEL).values("category").annotate(last=Max("month"))
    return {r["category"]: r["last"] for r in rows.order_by()}


# A ward's figures never fall below this share of what they would have been, nor rise above this many
# times it, however many responses worked on them.
FACTOR_RANGE = (0.3, 2.5)


def _factor(effects: list[tuple[date, float]], month: date) -> float:
    """The combined factor of every effect begun by `month` (1 before any). Effects build on each other:
    a second case on a ward's burglary starts from where the first left it, so a response that changed
    nothing shows no change, rather than the problem springing back to its level before the first."""
    combined = 1.0
    for start, factor in effects:
        if start <= month:
            combined *= factor
    low, high = FACTOR_RANGE
    return min(max(combined, low), high)


def modelled_counts_load(*, seed: int, today: date, effects: Effects | None = None) -> str:
    """Model every month after each category's latest real month up to the last complete month before
    `today`, for every ward, and load them (see the module docstring). Deterministic for a seed and a date;
    re-running replaces the modelled figures and nothing else."""
    started = time.perf_counter()
    effects = effects or {}
    last = add_months(today.replace(day=1), -1)
    latest = _latest_real_months()
    wards = list(
        Neighbourhood.objects.filter(kind=Neighbourhood.Kind.WARD).order_by("id").values_list("id", flat=True)
    )
    index = {ward: i for i, ward in enumerate(wards)}
    rng = np.random.default_rng(seed)
    counts: list[tuple[int, date, str, int]] = []
    cells: set[tuple[date, str]] = set()
    for category in sorted(latest):
        real_end = latest[category]
        months = []
        month = add_months(real_end, 1)
        while month <= last:
            months.append(month)
            month = add_months(month, 1)
        if not months:
            continue
        base = np.zeros((len(wards), 12))
        year = [add_months(real_end, -i) for i in range(11, -1, -1)]
        rows = IncidentMonthly.objects.filter(
            category=category, month__in=year, neighbourhood__kind=Neighbourhood.Kind.WARD
        ).values_list("neighbourhood_id", "month", "count")
        for ward, month, n in rows.order_by().iterator(chunk_size=20_000):
            base[index[ward], month.month - 1] = n
        for month in months:
            years_on = ((month.year - real_end.year) * 12 + month.month - real_end.month) / 12
            means = base[:, month.month - 1] * TREND_PER_YEAR**years_on
            for (ward, affected), changes in effects.items():
                if affected == category and ward in index:
                    means[index[ward]] *= _factor(changes, month)
            drawn = rng.poisson(means)
            counts += [(wards[i], month, category, int(drawn[i])) for i in np.flatnonzero(drawn).tolist()]
            cells.add((month, category))
    if not cells:
        return "Modelled demo figures: none needed (the real data reaches last month)."
    # In the ledger's index order, so that the inserts walk its B-tree instead of jumping about it; and on
    # SQLite a page cache that holds those indexes (the default 2 MB makes every insert a read).
    counts.sort()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    with transaction.atomic():
        stored = counts_load(counts=counts, cells=cells, label=MODELLED_LABEL)
    first, final = min(m for m, _ in cells), max(m for m, _ in cells)
    return (
        f"Modelled demo figures: {stored:,} ward counts for {first:%Y-%m}..{final:%Y-%m} "
        f"({time.perf_counter() - started:.1f} s)"
    )


EVIDENCE = {
    "resolved": "The figures show a fall well beyond the rest of the borough's, and the panel and the "
    "partners report the problem has stopped: no repeat reports from the residents who raised it.",
    "reduced": "The figures show a fall against the rest of the borough's (on small counts, so not "
    "conclusive on their own); residents and partners report fewer problems but some continue, so the "
    "team keeps an eye on it through the ward's routine patrols.",
    "displaced": "The case's own figures fell, but a neighbouring ward rose over the same months; "
    "intelligence suggests the same group moved there, and the neighbouring team has been told.",
    "no_change": "The figures show no change beyond the rest of the borough's; the response did not "
    "reach the problem, and the panel has been told what will be tried next.",
}


def _recorders(cases: list[Case]) -> tuple[dict[int, User], User | None]:
    """The user of each case's owner, and a sergeant to record for owners who do not sign in."""
    by_officer = {
        u.officer_id: u
        for u in User.objects.filter(officer_id__in={c.owner_id for c in cases}, is_active=True)
    }
    fallback = User.objects.filter(Q(role=Role.SERGEANT) | Q(is_superuser=True)).order_by("id").first()
    return by_officer, fallback


def demo_assessments_create(*, cases, seed: int, today: date) -> int:
    """Assessments for `cases` whose response has started, from the counts as they stand (run
    modelled_counts_load first); one read of the counts per borough. A street or area case is
    assessed on its ward's counts (the modelled months have no points), which its figures say. The
    outcome is what the figures suggest, with evidence in words. Returns the number created."""
    wanted = [c.pk for c in cases if c.response_started_on is not None]
    cases = list(
        Case.objects.filter(pk__in=wanted, assessment__isnull=True)
        .select_related("neighbourhood__borough")
        .order_by("id")
    )
    if not cases:
        return 0
    rng = np.random.default_rng(seed)
    latest = max((m for m in Coverage.objects.values_list("month", flat=True).distinct()), default=None)
    by_officer, fallback = _recorders(cases)
    neighbours: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for ward, other, name, borough in Neighbourhood.neighbours.through.objects.filter(
        from_neighbourhood_id__in={c.neighbourhood_id for c in cases},
        to_neighbourhood__kind=Neighbourhood.Kind.WARD,
    ).values_list(
        "from_neighbourhood_id",
        "to_neighbourhood_id",
        "to_neighbourhood__name",
        "to_neighbourhood__borough_id",
    ):
        neighbours[ward].append((other, name, borough))
    by_borough: dict[int, list[Case]] = defaultdict(list)
    for case in cases:
        by_borough[case.neighbourhood.borough_id].append(case)
    created = []
    for borough_id, group in sorted(by_borough.items()):
        planned = [(c, default_periods(c, latest=latest, on=today)) for c in group]
        planned = [(c, p) for c, p in planned if p is not None]
        if not planned:
            continue
        months = {m for _, p in planned for m in (*p.before, *p.after)}
        categories = {code for c, _ in planned for code in c.categories}
        extra = {n for c, _ in planned for n, _, _ in neighbours[c.neighbourhood_id]}
        rows = IncidentMonthly.objects.filter(
            Q(neighbourhood__borough_id=borough_id, neighbourhood__kind=Neighbourhood.Kind.WARD)
            | Q(neighbourhood_id__in=extra),
            month__in=sorted(months),
            category__in=sorted(categories),
        ).values_list("neighbourhood_id", "neighbourhood__borough_id", "month", "category", "count")
        counts: dict[tuple[int, date, str], int] = {}
        in_borough: set[int] = set()
        for ward, ward_borough, month, category, n in rows.order_by().iterator(chunk_size=20_000):
            counts[ward, month, category] = n
            if ward_borough == borough_id:
                in_borough.add(ward)
        # The borough's count per month and category, summed once rather than ward by ward for each case.
        borough_counts: dict[tuple[date, str], int] = defaultdict(int)
        for (ward, month, category), n in counts.items():
            if ward in in_borough:
                borough_counts[month, category] += n
        for case, periods in planned:
            created.append(
                _assessment(
                    case,
                    periods,
                    counts,
                    borough_counts,
                    in_borough,
                    neighbours,
                    by_officer,
                    fallback,
                    today,
                    rng,
                )
            )
    Assessment.objects.bulk_create([a for a in created if a is not None], batch_size=500)
    return sum(a is not None for a in created)


def _assessment(
    case, periods: Periods, counts, borough_counts, in_borough, neighbours, by_officer, fallback, today, rng
):
    recorder = by_officer.get(case.owner_id) or fallback
    if recorder is None:
        return None

    def total(wards, period) -> int:
        return sum(counts.get((w, m, c), 0) for w in wards for m in period for c in case.categories)

    ward = case.neighbourhood_id
    area = (total([ward], periods.before), total([ward], periods.after))
    borough = tuple(
        sum(borough_counts.get((m, c), 0) for m in period for c in case.categories)
        for period in (periods.before, periods.after)
    )
    figures, displacement = figures_from_counts(
        what=categories_words(case.category_labels),
        area_name=case.neighbourhood.name,
        borough_name=case.neighbourhood.borough.name,
        area=area,
        borough=borough,
        neighbours=[
            (n, name, (total([n], periods.before), total([n], periods.after)), n in in_borough)
            for n, name, _ in sorted(neighbours[ward], key=lambda item: item[1])
        ],
    )
    figures.update(
        months_before=len(periods.before),
        months_after=len(periods.after),
        place=case.place,
        categories=case.categories,
    )
    if case.place != Case.Place.WARD:
        figures["note"] = (
            f"Counted for the whole of {case.neighbourhood.name}: the demo's modelled months are ward "
            f"counts, with no points to place in {place_words(case)}."
        )
    outcome = _judged(figures)
    recorded_on = min(today, max(add_months(periods.after_end, 1), case.response_started_on) + _days(rng))
    return Assessment(
        case=case,
        before_start=periods.before_start,
        before_end=periods.before_end,
        after_start=periods.after_start,
        after_end=periods.after_end,
        category_codes=case.category_codes,
        figures=figures,
        displacement=displacement,
        outcome=outcome,
        evidence=EVIDENCE[outcome],
        recorded_by=recorder,
        recorded_on=recorded_on,
    )


WEAK_FALL = 0.85  # a fall the team calls "reduced" though the figures alone cannot rule out chance


def _judged(figures: dict) -> str:
    """The team's judgement: what the figures suggest, except that a clear fall in a small count, not
    beyond chance on its own, is judged "reduced" on what residents and partners report (the evidence
    says so), as teams do; the page shows the figures' own suggestion beside it."""
    suggested = figures["suggested"]
    ratio = figures.get("ratio")
    if suggested == "no_change" and ratio is not None and ratio <= WEAK_FALL:
        return "reduced"
    return suggested


def _days(rng) -> timedelta:
    return timedelta(days=int(rng.integers(3, 20)))
