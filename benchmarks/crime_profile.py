"""Demand ranking and borough crime profile on the full demo force with five years of incident counts.

The demo force (683 team areas) gets 60 months of IncidentMonthly rows in every police.uk category,
drawn from Poisson counts around realistic London rates (about 90 crimes per 1,000 residents a year,
spread across wards so that the busiest carries many times the quietest's demand, with seasonality
and a drift per ward), and the demo borough gets the year's Incident rows with street locations for
its top-locations table.

Measured over RUNS runs each: the force demand ranking (sn.crime.demand.force_demand) and a borough's
12-month profile (sn.crime.profile.borough_profile). Baselines, in the same process on the same data:
the same figures computed with one query per ward, as a first draft would write them.
"""

import time
from collections import defaultdict
from datetime import date

import numpy as np
from django.db import connection
from django.db.models import Count, Q, Sum

from benchmarks.demo_db import demo_database
from benchmarks.report import line, section, si, times, verdict
from benchmarks.runner import timed as shared_timed
from sn.core.months import add_months, month_span
from sn.crime.demand import AreaDemand, DemandRanking, demand_weights, force_demand, rank_areas
from sn.crime.months import latest_month
from sn.crime.profile import TOP_LOCATIONS, borough_profile
from sn.demo.force import DEMO_BOROUGH
from sn.geography.models import Borough, Neighbourhood
from sn.incidents.categories import Category
from sn.incidents.models import Incident, IncidentMonthly

RUNS, QUICK_RUNS = 50, 10
TARGET_P95_MS = 200
MONTHS = 60
END_MONTH = date(2026, 9, 1)
SEED = 2026
BATCH = 10_000
# Shares of notifiable offences by category, roughly London's in police.uk data; ASB on top of crime.
CRIME_SHARES = {
    Category.VIOLENT_CRIME: 0.33,
    Category.OTHER_THEFT: 0.13,
    Category.VEHICLE_CRIME: 0.11,
    Category.BURGLARY: 0.07,
    Category.CRIMINAL_DAMAGE_ARSON: 0.065,
    Category.THEFT_FROM_THE_PERSON: 0.055,
    Category.PUBLIC_ORDER: 0.055,
    Category.SHOPLIFTING: 0.05,
    Category.ROBBERY: 0.035,
    Category.DRUGS: 0.03,
    Category.BICYCLE_THEFT: 0.02,
    Category.POSSESSION_OF_WEAPONS: 0.008,
    Category.OTHER_CRIME: 0.012,
}
ASB_PER_CRIME = 0.35
STREETS = [
    "High Street",
    "Station Road",
    "Church Lane",
    "Park Road",
    "Market Place",
    "Mill Lane",
    "Green Lane",
]


def generate_counts(rng: np.random.Generator) -> tuple[int, list[date]]:
    """60 months of counts for every area of the force; rows with a count of 0 are left out, as the
    importer's rollup leaves them out."""
    IncidentMonthly.objects.all().delete()
    Incident.objects.all().delete()
    months = month_span(END_MONTH, MONTHS)
    areas = list(Neighbourhood.objects.values_list("id", "population").order_by("id"))
    categories = [*CRIME_SHARES, Category.ANTI_SOCIAL_BEHAVIOUR]
    shares = np.array([*CRIME_SHARES.values(), ASB_PER_CRIME]) / sum(CRIME_SHARES.values())
    # Crimes a month per area: population times a rate that varies a lot between places (town
    # centres and the West End far above suburbs), and a yearly drift per area.
    population = np.array([p or 8000 for _, p in areas], dtype=float)
    rate = rng.lognormal(np.log(90 / 12 / 1000), 0.3, len(areas))
    drift = rng.lognormal(0, 0.08, len(areas))
    season = 1 + 0.12 * np.sin(2 * np.pi * (np.array([m.month for m in months]) - 4) / 12)
    years = (np.arange(MONTHS) - MONTHS + 1) / 12
    per_month = season[None, :] * drift[:, None] ** years[None, :]  # areas x months
    expected = (population * rate)[:, None, None] * per_month[:, :, None] * shares[None, None, :]
    counts = rng.poisson(expected)
    rows = [
        IncidentMonthly(neighbourhood_id=areas[a][0], month=months[m], category=categories[c], count=int(n))
        for (a, m, c), n in np.ndenumerate(counts)
        if n
    ]
    for start in range(0, len(rows), BATCH):
        IncidentMonthly.objects.bulk_create(rows[start : start + BATCH])
    return len(rows), months


def generate_incidents(borough: Borough, rng: np.random.Generator) -> int:
    """The demo borough's last 12 months as Incident rows with "On or near" streets, matching the counts."""
    wards = dict(borough.neighbourhoods.values_list("id", "name"))
    monthly = IncidentMonthly.objects.filter(
        neighbourhood_id__in=wards, month__gte=add_months(END_MONTH, -11), month__lte=END_MONTH
    ).values_list("neighbourhood_id", "month", "category", "count")
    weights = 1 / np.arange(1, 41)  # a few streets take most incidents
    weights /= weights.sum()
    incidents = []
    for ward_id, month, category, count in monthly:
        streets = rng.choice(40, size=count, p=weights)
        for street in streets:
            name = (
                f"On or near {wards[ward_id].split()[0]} {STREETS[street % len(STREETS)]} {street // 7 or ''}"
            )
            incidents.append(
                Incident(
                    source_key=f"bench-{len(incidents)}",
                    month=month,
                    category=category,
                    location=name.strip(),
                    neighbourhood_id=ward_id,
                    placed=True,
                )
            )
    for start in range(0, len(incidents), BATCH):
        Incident.objects.bulk_create(incidents[start : start + BATCH])
    return len(incidents)


def naive_force_demand() -> DemandRanking:
    """The baseline: one aggregate query per area, then the same ranking."""
    weights = demand_weights()
    end_month = latest_month()
    start_month = add_months(end_month, -11)
    asb = Q(category=Category.ANTI_SOCIAL_BEHAVIOUR)
    areas = []
    for n in Neighbourhood.objects.select_related("borough"):
        sums = IncidentMonthly.objects.filter(
            neighbourhood=n, month__gte=start_month, month__lte=end_month
        ).aggregate(crime=Sum("count", filter=~asb), asb=Sum("count", filter=asb))
        crime, asb_count = sums["crime"] or 0, sums["asb"] or 0
        areas.append(
            AreaDemand(
                neighbourhood_id=n.id,
                code=n.code,
                name=n.name,
                kind=n.kind,
                borough_id=n.borough_id,
                borough_code=n.borough.code,
                borough_name=n.borough.name,
                population=n.population,
                crime=crime,
                asb=asb_count,
                demand=weights.index(crime, asb_count),
            )
        )
    return DemandRanking(start_month, end_month, 12, weights, rank_areas(areas))


def naive_borough_profile(borough: Borough) -> tuple[dict[str, list[int]], list]:
    """The baseline: each ward's monthly counts and top locations by its own queries, added up and
    merged in Python (each ward's top ten holds every entry of the borough's top ten for that ward)."""
    current = month_span(latest_month(), 12)
    previous = [add_months(m, -12) for m in current]
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * (len(current) + len(previous)))
    index = {m: i for i, m in enumerate([*current, *previous])}
    locations = []
    for ward in borough.neighbourhoods.all():
        for month, category, count in IncidentMonthly.objects.filter(
            neighbourhood=ward, month__in=[*current, *previous]
        ).values_list("month", "category", "count"):
            totals[category][index[month]] += count
        top = (
            Incident.objects.filter(neighbourhood=ward, month__gte=current[0], month__lte=current[-1])
            .exclude(location="")
            .values_list("location")
            .annotate(n=Count("id"))
            .order_by("-n", "location")[:TOP_LOCATIONS]
        )
        locations += [(location, ward.id, ward.name, n) for location, n in top]
    locations.sort(key=lambda row: (-row[3], row[0], row[1]))
    top = [(location, name, n) for location, _, name, n in locations[:TOP_LOCATIONS]]
    return {c: totals[c][: len(current)] for c in Category.values}, top


def timed(fn, runs: int) -> tuple[dict, object]:
    """Timed with the queries of one run counted, as every figure here reports them."""
    return shared_timed(fn, runs, count_queries=True)


def summary(label: str, fast: dict, naive: dict, runs: int, same: bool) -> list[str]:
    ok = verdict(fast["p95"] < TARGET_P95_MS)
    return [
        f"{label}: p50 {fast['p50']:.1f} ms, p95 {fast['p95']:.1f} ms over {runs} runs, "
        f"{fast['queries']} queries (target p95 < {TARGET_P95_MS} ms on {connection.vendor}): {ok}",
        f"{label} vs one query per ward: {times(naive['p50'] / fast['p50'])} (p50 {fast['p50']:.1f} vs "
        f"{naive['p50']:.1f} ms, {fast['queries']} vs {naive['queries']} queries, "
        f"same result: {'yes' if same else 'NO'})",
    ]


def run(*, quick: bool = False) -> list[str]:
    runs = QUICK_RUNS if quick else RUNS
    section("crime: force demand ranking and borough profile on five years of counts")
    with demo_database():
        rng = np.random.default_rng(SEED)
        started = time.perf_counter()
        rows, months = generate_counts(rng)
        borough = Borough.objects.get(code=DEMO_BOROUGH)
        incidents = generate_incidents(borough, rng)
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE"
            )  # fresh planner statistics, as after an import (autovacuum on PostgreSQL)
        line(
            "incident counts",
            f"{si(rows)} monthly rows ({months[0]:%Y-%m} to {months[-1]:%Y-%m}), {si(incidents)} incidents "
            f"in {borough.name}, made in {time.perf_counter() - started:.1f} s",
        )
        ranking_stats, ranking = timed(force_demand, runs)
        naive_ranking_stats, naive_ranking = timed(naive_force_demand, max(3, runs // 10))
        same_ranking = [(a.code, a.demand, a.force_rank, a.borough_rank) for a in ranking.areas] == [
            (a.code, a.demand, a.force_rank, a.borough_rank) for a in naive_ranking.areas
        ]
        spread = ranking.spread()
        line(
            "areas ranked",
            f"{len(ranking.areas)}; spread {spread.ratio:.1f}x "
            f"({spread.busiest.name} against {spread.quietest.name})",
        )
        line(
            "demand ranking p50 / p95",
            f"{ranking_stats['p50']:.1f} / {ranking_stats['p95']:.1f} ms, {ranking_stats['queries']} queries",
        )
        line(
            "naive ranking p50 / p95",
            f"{naive_ranking_stats['p50']:.1f} / {naive_ranking_stats['p95']:.1f} ms, "
            f"{naive_ranking_stats['queries']} queries",
        )

        profile_stats, profile = timed(lambda: borough_profile(borough), runs)
        naive_profile_stats, (naive_series, naive_locations) = timed(
            lambda: naive_borough_profile(borough), max(3, runs // 10)
        )
        same_profile = {c.category: list(c.monthly) for c in profile.categories} == naive_series and [
            (loc.location, loc.area, loc.count) for loc in profile.top_locations
        ] == naive_locations
        line(
            f"{borough.name} profile p50 / p95",
            f"{profile_stats['p50']:.1f} / {profile_stats['p95']:.1f} ms, "
            f"{profile_stats['queries']} queries; crime {profile.crime.current:,} "
            f"({profile.crime.percent_change:+.1f}%, p = {profile.crime.p_value:.3g})",
        )
        line(
            "naive profile p50 / p95",
            f"{naive_profile_stats['p50']:.1f} / {naive_profile_stats['p95']:.1f} ms, "
            f"{naive_profile_stats['queries']} queries",
        )
    return [
        *summary("crime demand ranking", ranking_stats, naive_ranking_stats, runs, same_ranking),
        *summary(
            f"crime profile ({borough.name}, 12 months)",
            profile_stats,
            naive_profile_stats,
            runs,
            same_profile,
        ),
    ]
