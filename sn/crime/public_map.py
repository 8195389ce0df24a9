"""Reads of the published crime layer (sn.incidents.disclosure): what the public crime map and the
police.uk-compatible API may show. Nothing here reads Incident: every crime comes from PublishedCrime,
whose locations are snap points or withheld, so a caller cannot show more than disclosure control let
through.

Crimes come back as `MapCrime` tuples, not model instances. The reads by place (a radius, a polygon)
filter a month held in memory as numpy columns (sn.crime.published_layer): a 1-mile radius in central
London holds about 10,000 crimes a month, which the database takes 50-200 ms to return and numpy a few
milliseconds to find. The other reads go to the database's indexes. `category` None or "all-crime"
means every category; an unknown slug finds nothing.
"""

import math
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

import numpy as np
import shapely
from django.conf import settings
from django.db.models import Count, Max

from sn.crime.published_layer import held_months, month_layer
from sn.geography.models import Neighbourhood
from sn.incidents.categories import Category
from sn.incidents.models import PublishedCrime, SnapPoint

ALL_CRIME = "all-crime"
EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LATITUDE = 69.05
# nearest_snap_point looks within a window this many degrees of latitude wide each way, doubling it up to
# the largest (about 90 km): police.uk answers a point far from any crime with the nearest location too.
NEAREST_FIRST_WINDOW = 0.005
NEAREST_LAST_WINDOW = 0.8


class MapCrime(NamedTuple):
    """One published crime, with the fields of PublishedCrime (its snap point's id and name)."""

    id: int
    persistent_id: str
    month: date
    category: str
    neighbourhood_id: int
    snap_point_id: int | None
    latitude: float | None
    longitude: float | None
    street_name: str
    outcome_category: str
    outcome_month: date | None


FIELDS = MapCrime._fields


def min_count() -> int:
    """The smallest number of crimes a published point or count may show (SN_DISCLOSURE_MIN_COUNT)."""
    return int(settings.SN_DISCLOSURE_MIN_COUNT)


def _in_category(queryset, category: str | None):
    if category in (None, "", ALL_CRIME):
        return queryset
    return queryset.filter(category=category)


def _crimes(queryset) -> list[MapCrime]:
    return [MapCrime._make(row) for row in queryset.values_list(*FIELDS)]


def published_months() -> list[date]:
    """The months with published crimes, newest first (held in memory while the layer is unchanged)."""
    return held_months(_published_months)


def _published_months() -> list[date]:
    """A loose index scan on (month, latitude): one seek per month, so it costs the same however many
    crimes a month holds."""
    months: list[date] = []
    published = PublishedCrime.objects.all()
    while True:
        latest = published.aggregate(latest=Max("month"))["latest"]
        if latest is None:
            return months
        months.append(latest)
        published = PublishedCrime.objects.filter(month__lt=latest)


def _miles_between(lat: float, lng: float, lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
    """Great-circle distances (haversine) from one point to many."""
    phi1, phi2 = math.radians(lat), np.radians(lats)
    dphi = phi2 - phi1
    dlambda = np.radians(lngs - lng)
    a = np.sin(dphi / 2) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _from_layer(layer, positions: np.ndarray) -> list[MapCrime]:
    at = positions.tolist()
    month = layer.month
    return [
        MapCrime(
            layer.ids[i],
            layer.persistent_ids[i],
            month,
            layer.categories[layer.category[i]],
            layer.neighbourhood_ids[i],
            layer.snap_point_ids[i],
            float(layer.lat[i]),
            float(layer.lng[i]),
            layer.street_names[i],
            layer.outcome_categories[i],
            layer.outcome_months[i],
        )
        for i in at
    ]


def _category(category: str | None) -> str | None:
    return None if category in (None, "", ALL_CRIME) else category


def published_crimes_in_radius(
    *, lat: float, lng: float, month: date, category: str | None = None, miles: float = 1.0
) -> list[MapCrime]:
    """The crimes published at points within `miles` of (lat, lng) in `month` (police.uk's crimes-street
    by point: a 1-mile radius), in the order of their ids. From the month held in memory
    (sn.crime.published_layer): the bounding box, then the exact distance, in numpy."""
    layer = month_layer(month)
    dlat = miles / MILES_PER_DEGREE_LATITUDE
    dlng = dlat / max(math.cos(math.radians(lat)), 0.01)
    near = (
        (layer.lat >= lat - dlat)
        & (layer.lat <= lat + dlat)
        & (layer.lng >= lng - dlng)
        & (layer.lng <= lng + dlng)
    )
    candidates = layer.rows(near, _category(category))
    if not len(candidates):
        return []
    inside = _miles_between(lat, lng, layer.lat[candidates], layer.lng[candidates]) <= miles
    return _from_layer(layer, candidates[inside])


def published_crimes_in_polygon(*, polygon, month: date, category: str | None = None) -> list[MapCrime]:
    """The crimes published at points inside `polygon` (a shapely (Multi)Polygon in lng/lat) in `month`
    (police.uk's crimes-street by poly), in the order of their ids. A point on the boundary counts as
    inside."""
    layer = month_layer(month)
    west, south, east, north = polygon.bounds
    in_box = (layer.lat >= south) & (layer.lat <= north) & (layer.lng >= west) & (layer.lng <= east)
    candidates = layer.rows(in_box, _category(category))
    if not len(candidates):
        return []
    shapely.prepare(polygon)
    inside = shapely.intersects_xy(polygon, layer.lng[candidates], layer.lat[candidates])
    return _from_layer(layer, candidates[inside])


def published_crimes_at_point(
    *, snap_point_id: int, month: date, category: str | None = None
) -> list[MapCrime]:
    """The crimes published at one snap point in `month` (police.uk's crimes-at-location)."""
    at = PublishedCrime.objects.filter(snap_point_id=snap_point_id, month=month)
    return _crimes(_in_category(at, category).order_by("id"))


def nearest_snap_point(*, lat: float, lng: float) -> SnapPoint | None:
    """The snap point nearest (lat, lng), or None when there is none within about 90 km (police.uk's
    crimes-at-location by lat/lng "snaps to the nearest" location)."""
    window = NEAREST_FIRST_WINDOW
    while window <= NEAREST_LAST_WINDOW:
        near = SnapPoint.objects.filter(latitude__gte=lat - window, latitude__lte=lat + window)
        rows = list(near.values_list("id", "latitude", "longitude"))
        if rows:
            ids, lats, lngs = (np.array(column) for column in zip(*rows, strict=True))
            distances = _miles_between(lat, lng, lats.astype(float), lngs.astype(float))
            best = int(np.argmin(distances))
            # Only a point within the window's own reach is surely the nearest: one further away in
            # latitude may lie outside the band and be nearer.
            if distances[best] <= window * MILES_PER_DEGREE_LATITUDE:
                return SnapPoint.objects.get(pk=int(ids[best]))
        window *= 2
    return None


def withheld_crimes(*, month: date, category: str | None = None) -> list[MapCrime]:
    """The crimes of `month` published without a location: every crime of a category that has no points
    (SN_DISCLOSURE_NO_POINT_CATEGORIES), and those of a ward and month too few to publish at any point
    (police.uk's crimes-no-location)."""
    withheld = PublishedCrime.objects.filter(snap_point__isnull=True, month=month)
    return _crimes(_in_category(withheld, category).order_by("id"))


class CategoryCount(NamedTuple):
    """A category's count in an area and month. `count` is None when it is suppressed: then `low` and
    `high` bound it (a count under the threshold is between 1 and threshold - 1 in each ward)."""

    category: str
    count: int | None
    low: int
    high: int

    @property
    def label(self) -> str:
        return Category(self.category).label

    @property
    def suppressed(self) -> bool:
        return self.count is None


def _category_rows(per_ward: dict[str, list[int]], threshold: int) -> list[CategoryCount]:
    """Every category (zeros too, in the categories' order). Each ward's count under the threshold is
    suppressed; an area's figure is exact only when none of its wards' figures is suppressed, else a
    range, so a suppressed ward figure can never be got from an area's figure minus its other wards'."""
    rows = []
    for category in Category.values:
        counts = per_ward.get(category, [])
        small = [n for n in counts if 0 < n < threshold]
        shown = sum(n for n in counts if n >= threshold)
        if small:
            rows.append(
                CategoryCount(category, None, shown + len(small), shown + len(small) * (threshold - 1))
            )
        else:
            rows.append(CategoryCount(category, shown, shown, shown))
    return rows


def suppressed_counts(
    *,
    month: date,
    neighbourhood: Neighbourhood | None = None,
    neighbourhoods: Iterable[Neighbourhood] | None = None,
    polygon=None,
) -> list[CategoryCount]:
    """Counts by category for a ward (`neighbourhood`), an area made of wards (`neighbourhoods`, e.g. a
    borough), or a drawn `polygon`, in `month`, under disclosure control: each ward's count under
    SN_DISCLOSURE_MIN_COUNT is suppressed (primary suppression), and an area's figure that includes one
    is shown only as a range (the secondary suppression that stops differencing).

    A ward's figures include the crimes whose locations are withheld (they are the ward's, only not at a
    point). A polygon counts the crimes published at points inside it, which are public already; a count
    under the threshold is still suppressed, as for a ward."""
    threshold = min_count()
    if polygon is not None:
        crimes = published_crimes_in_polygon(polygon=polygon, month=month)
        per_area: dict[str, list[int]] = {}
        for crime in crimes:
            per_area.setdefault(crime.category, [0])[0] += 1
        return _category_rows(per_area, threshold)
    if neighbourhood is not None:
        ids = [neighbourhood.id]
    elif neighbourhoods is not None:
        ids = [n.id for n in neighbourhoods]
    else:
        raise ValueError("suppressed_counts needs a neighbourhood, neighbourhoods or a polygon")
    grouped = (
        PublishedCrime.objects.filter(month=month, neighbourhood_id__in=ids)
        .values_list("neighbourhood_id", "category")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_ward: dict[str, list[int]] = {}
    for _, category, n in grouped:
        per_ward.setdefault(category, []).append(n)
    return _category_rows(per_ward, threshold)


class CountsTotal(NamedTuple):
    """The total of a counts table: exact when no row is suppressed, else the range the rows allow (the
    total then tells nothing the rows do not)."""

    count: int | None
    low: int
    high: int


def counts_total(rows: list[CategoryCount], *, categories: Iterable[str] | None = None) -> CountsTotal:
    """The total of `rows` (of `categories` only, e.g. the crimes without ASB)."""
    chosen = [r for r in rows if categories is None or r.category in set(categories)]
    low, high = sum(r.low for r in chosen), sum(r.high for r in chosen)
    exact = all(r.count is not None for r in chosen)
    return CountsTotal(low if exact else None, low, high)


class MapPoint(NamedTuple):
    """A published point of an area's month: its crimes counted, in all and by category (most first)."""

    snap_point_id: int
    latitude: float
    longitude: float
    name: str
    count: int
    categories: list[tuple[str, int]]


def _points(rows: Iterable[tuple[int, float, float, str, str, int]]) -> list[MapPoint]:
    found: dict[int, dict] = {}
    for snap_id, lat, lng, name, category, n in rows:
        point = found.setdefault(snap_id, {"at": (lat, lng, name), "categories": Counter()})
        point["categories"][category] += n
    points = [
        MapPoint(
            snap_id,
            *point["at"],
            sum(point["categories"].values()),
            sorted(point["categories"].items(), key=lambda item: (-item[1], item[0])),
        )
        for snap_id, point in found.items()
    ]
    return sorted(points, key=lambda p: (-p.count, p.name, p.snap_point_id))


def published_points(
    *,
    month: date,
    category: str | None = None,
    neighbourhood_ids: Iterable[int] | None = None,
    polygon=None,
) -> list[MapPoint]:
    """The published points of the wards `neighbourhood_ids`, or inside `polygon`, in `month`, busiest
    first: what the public map draws, one marker per point."""
    if polygon is not None:
        crimes = published_crimes_in_polygon(polygon=polygon, month=month, category=category)
        return _points(
            (c.snap_point_id, c.latitude, c.longitude, c.street_name, c.category, 1) for c in crimes
        )
    located = PublishedCrime.objects.filter(
        month=month, neighbourhood_id__in=list(neighbourhood_ids or []), snap_point__isnull=False
    )
    grouped = (
        _in_category(located, category)
        .values_list("snap_point_id", "latitude", "longitude", "street_name", "category")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _points(grouped)
