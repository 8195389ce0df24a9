"""The incident data for a case's place and categories: what its "analysis data" section shows and what
its assessment counts. Reads only; the place decides where the counts come from:

* the whole ward: the IncidentMonthly rollup, as every crime page (counts-only months included);
* named streets: the incidents whose police.uk location is "On or near <street>" in the case's ward;
* an area drawn on the map: the incident points inside the polygon (a bounding-box filter in SQL, then
  a prepared shapely geometry on the candidates).

Streets and areas need points: a month the data holds only as ward counts (counts-only figures) has
none, so their series cannot be built for it. `missing_months` names those months (sn.crime.coverage
with `ward=False` says which months have points for which categories).
"""

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

import numpy as np
import shapely
from django.db.models import Count, Sum

from sn.core.months import add_months, month_span, months_in_words
from sn.crime.coverage import period_coverage
from sn.geography.geometry import GeometryError, parse_area
from sn.geography.models import Neighbourhood
from sn.incidents.models import Incident, IncidentMonthly
from sn.problemsolving.models import Case

STREET_PREFIX = "On or near "
TOP_LOCATIONS = 10
MAP_POINTS = 3000  # the latest points of the problem period; a busy ward has more than a map can show


def reads_points(case: Case) -> bool:
    """A street or area case counts points; a ward case (or a non-ward area's case) its rollup."""
    return case.place in (Case.Place.STREETS, Case.Place.AREA)


def street_locations(case: Case) -> list[str]:
    """The police.uk location texts of the case's streets (typed with or without "On or near")."""
    found = []
    for street in case.street_list:
        typed_prefix = street.lower().startswith(STREET_PREFIX.lower())
        found.append(STREET_PREFIX + (street[len(STREET_PREFIX) :].strip() if typed_prefix else street))
    return found


def area_geometry(case: Case):
    """The drawn area as a prepared shapely geometry, or None when the case has none (or it is unreadable)."""
    try:
        geometry = parse_area(json.loads(case.area)) if case.area.strip() else None
    except (ValueError, GeometryError):
        return None
    if geometry is not None:
        shapely.prepare(geometry)
    return geometry


def _point_rows(case: Case, months: Iterable[date], fields: tuple[str, ...]):
    """Incident rows (as `fields` tuples) of the case's streets or area over `months`, its categories."""
    rows = Incident.objects.filter(month__in=sorted(set(months)), category__in=case.categories)
    if case.place == Case.Place.STREETS:
        return list(
            rows.filter(neighbourhood_id=case.neighbourhood_id, location__in=street_locations(case))
            .values_list(*fields)
            .order_by()
        )
    geometry = area_geometry(case)
    if geometry is None:
        return []
    minx, miny, maxx, maxy = geometry.bounds
    candidates = list(
        rows.filter(longitude__gte=minx, longitude__lte=maxx, latitude__gte=miny, latitude__lte=maxy)
        .values_list("longitude", "latitude", *fields)
        .order_by()
    )
    if not candidates:
        return []
    xs = np.fromiter((r[0] for r in candidates), dtype=float, count=len(candidates))
    ys = np.fromiter((r[1] for r in candidates), dtype=float, count=len(candidates))
    inside = shapely.contains_xy(geometry, xs, ys)
    return [row[2:] for row, keep in zip(candidates, inside.tolist(), strict=True) if keep]


def area_counts(case: Case, months: Iterable[date]) -> dict[tuple[date, str], int]:
    """(month, category) -> incidents in the case's place, for its categories (missing keys are 0)."""
    months = sorted(set(months))
    if not reads_points(case):
        rows = (
            IncidentMonthly.objects.filter(
                neighbourhood_id=case.neighbourhood_id, month__in=months, category__in=case.categories
            )
            .values("month", "category")
            .annotate(n=Sum("count"))
            .order_by()
        )
        return {(r["month"], r["category"]): r["n"] for r in rows}
    return dict(Counter(_point_rows(case, months, ("month", "category"))))


def borough_counts(case: Case, months: Iterable[date]) -> dict[date, int]:
    """Month -> incidents of the case's categories in its borough's wards (overlays are not added: their
    incidents are already their wards')."""
    rows = (
        IncidentMonthly.objects.filter(
            neighbourhood__borough_id=case.neighbourhood.borough_id,
            neighbourhood__kind=Neighbourhood.Kind.WARD,
            month__in=sorted(set(months)),
            category__in=case.categories,
        )
        .values("month")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return {r["month"]: r["n"] for r in rows}


def ward_counts(
    neighbourhood_ids: Iterable[int], case: Case, months: Iterable[date]
) -> dict[tuple[int, date], int]:
    """(neighbourhood id, month) -> incidents of the case's categories, from the rollup."""
    rows = (
        IncidentMonthly.objects.filter(
            neighbourhood_id__in=list(neighbourhood_ids),
            month__in=sorted(set(months)),
            category__in=case.categories,
        )
        .values("neighbourhood_id", "month")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return {(r["neighbourhood_id"], r["month"]): r["n"] for r in rows}


def missing_months(case: Case, months: Iterable[date]) -> dict[date, list[str]]:
    """Month -> the case's categories the data does not cover for its place: not loaded at all, or, for
    a street or area case, held only as ward counts (no points to place in streets or an area)."""
    ward = not reads_points(case) and case.neighbourhood.is_ward
    return period_coverage(months, ward=ward).gaps(case.categories)


def points_only_as_counts(case: Case, months: Iterable[date]) -> list[date]:
    """For a street or area case, the months the ward counts cover but no points do: the months its own
    series cannot be built for, though the ward's can."""
    if not reads_points(case):
        return []
    with_counts = period_coverage(months, ward=True)
    with_points = period_coverage(months, ward=False)
    categories = case.categories
    return [
        m
        for m in with_counts.months
        if not any((m, c) not in with_counts.covered for c in categories)
        and any((m, c) not in with_points.covered for c in categories)
    ]


def top_locations(case: Case, months: Iterable[date]) -> list[tuple[str, int]]:
    """The most frequent police.uk locations of the case's incidents over `months`."""
    months = sorted(set(months))
    if reads_points(case):
        found = Counter(loc for (loc,) in _point_rows(case, months, ("location",)) if loc)
        return sorted(found.items(), key=lambda item: (-item[1], item[0]))[:TOP_LOCATIONS]
    rows = (
        Incident.objects.filter(
            neighbourhood_id=case.neighbourhood_id, month__in=months, category__in=case.categories
        )
        .exclude(location="")
        .values("location")
        .annotate(n=Count("id"))
        .order_by("-n", "location")[:TOP_LOCATIONS]
    )
    return [(r["location"], r["n"]) for r in rows]


def map_points(case: Case, months: Iterable[date]) -> tuple[list[list], int]:
    """Up to MAP_POINTS incident points ([lat, lng, category]) of the latest months, and how many there
    are in all."""
    months = sorted(set(months), reverse=True)
    fields = ("latitude", "longitude", "category", "month")
    if reads_points(case):
        rows = [r for r in _point_rows(case, months, fields) if r[0] is not None]
    else:
        rows = list(
            Incident.objects.filter(
                neighbourhood_id=case.neighbourhood_id,
                month__in=months,
                category__in=case.categories,
                latitude__isnull=False,
            )
            .values_list(*fields)
            .order_by()
        )
    rows.sort(key=lambda r: r[3], reverse=True)
    return [[round(r[0], 5), round(r[1], 5), r[2]] for r in rows[:MAP_POINTS]], len(rows)


def monthly_series(
    counts: dict[tuple[date, str], int],
    months: list[date],
    categories: list[str],
    gaps: dict[date, list[str]] | None = None,
):
    """Category -> counts per month (zero-filled), and the total per month. A month the data does not
    cover for a category (`gaps`) is None, not 0: the chart leaves a gap and the table says so, since
    no data is not the same as no incidents."""
    gaps = gaps or {}
    series = defaultdict(list)
    for category in categories:
        series[category] = [
            None if category in gaps.get(m, ()) else counts.get((m, category), 0) for m in months
        ]
    totals = [
        None if any(series[c][i] is None for c in categories) else sum(series[c][i] for c in categories)
        for i in range(len(months))
    ]
    return dict(series), totals


PALETTE_SIZE = 14  # the crime chart's palette (static/crime/profile_chart.js)


def analysis_data_context(case: Case) -> dict:
    """What the case page's "incident data" section shows: over the problem period and the 12 months
    before it, the monthly series per category (chart and table), the top locations and the points
    (map), with the months the data cannot give for the case's place said in words."""
    first = add_months(case.period_start.replace(day=1), -12)
    last = case.period_end.replace(day=1)
    months = month_span(last, (last.year - first.year) * 12 + last.month - first.month + 1)
    problem = [m for m in months if m >= case.period_start.replace(day=1)]
    counts = area_counts(case, months)
    gaps = missing_months(case, months)
    series, totals = monthly_series(counts, months, case.categories, gaps)
    labels = dict(zip(case.categories, case.category_labels, strict=True))
    counts_only = points_only_as_counts(case, months)
    points, point_total = map_points(case, problem)
    chart = {
        "labels": [f"{m:%b %Y}" for m in months],
        "datasets": [
            {"label": labels[c], "data": series[c], "colour": i % PALETTE_SIZE}
            for i, c in enumerate(case.categories)
        ],
    }
    if case.place == Case.Place.AREA and case.area.strip():
        outline = case.area
    else:
        outline = case.neighbourhood.display_boundary
    return {
        "case": case,
        "place": {
            Case.Place.STREETS: "the case's streets",
            Case.Place.AREA: "the area drawn for the case",
        }.get(case.place, case.neighbourhood.name),
        "months": months,
        "problem_start": problem[0] if problem else None,
        "rows": [
            {
                "month": m,
                "counts": [series[c][i] for c in case.categories],
                "total": totals[i],
                "problem": m in problem,
            }
            for i, m in enumerate(months)
        ],
        "category_labels": case.category_labels,
        "chart": chart,
        "top_locations": top_locations(case, problem),
        "points": points,
        "point_total": point_total,
        "outline": outline,
        "gaps": months_in_words(list(gaps)) if gaps else "",
        "counts_only": months_in_words(counts_only) if counts_only else "",
        "reads_points": reads_points(case),
    }
