"""What the police.uk API reads beyond sn.crime.public_map: forces and neighbourhoods, a ward's team,
public events, priorities, the published crimes by persistent id or by outcome month, and stops and
searches placed at snap points. Crimes come only from PublishedCrime (the layer disclosure control
built), never from Incident; people only from the team's postings; contacts only the team's own."""

import math
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import shapely
from django.db.models import Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from sn.crime.public_map import FIELDS, MapCrime
from sn.engagement.models import Event
from sn.geography.models import Force, Neighbourhood
from sn.incidents.models import PublishedCrime, SnapPoint, StopSearch
from sn.panels.models import Meeting, Priority, Statement
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.panels.selectors import published_statements
from sn.teams.models import Rank, Team
from sn.teams.selectors import active_postings

MILES_PER_DEGREE_LATITUDE = 69.05
EARTH_RADIUS_MILES = 3958.8
SHORT_RANKS = {Rank.PC: "PC", Rank.PCSO: "PCSO", Rank.SPECIAL: "Special Constable"}
RANK_ORDER = {rank: i for i, rank in enumerate((Rank.INSPECTOR, Rank.SERGEANT, Rank.PC, Rank.PCSO))}
# police.uk never serves a neighbourhood of this id: the client cannot tell it from the list's path.
RESERVED_IDS = frozenset({"neighbourhoods"})


def force_by_code(code: str) -> Force | None:
    return Force.objects.filter(code=code).first()


def forces() -> list[Force]:
    return list(Force.objects.order_by("name"))


def neighbourhoods_of(force: Force):
    return (
        Neighbourhood.objects.filter(borough__force=force)
        .exclude(police_uk_id__in=RESERVED_IDS)
        .order_by("name", "police_uk_id")
    )


def neighbourhood_of(force: Force, police_uk_id: str) -> Neighbourhood | None:
    if police_uk_id in RESERVED_IDS:
        return None
    return (
        Neighbourhood.objects.filter(borough__force=force, police_uk_id=police_uk_id)
        .select_related("borough")
        .first()
    )


def team_of(neighbourhood: Neighbourhood) -> Team | None:
    return Team.objects.filter(neighbourhood=neighbourhood).first()


@dataclass(frozen=True)
class TeamMember:
    name: str
    rank: str


def team_members(team: Team | None, *, today: date) -> list[TeamMember]:
    """The officers posted to the team today (rank and name only), sergeants first."""
    if team is None:
        return []
    postings = (
        active_postings(on=today)
        .filter(team=team, officer__archived_at__isnull=True)
        .select_related("officer")
    )
    officers = sorted(
        {p.officer_id: p.officer for p in postings}.values(),
        key=lambda o: (RANK_ORDER.get(o.rank, 99), o.last_name, o.first_name, o.pk),
    )
    return [TeamMember(o.full_name, SHORT_RANKS.get(o.rank, o.get_rank_display())) for o in officers]


def upcoming_events(neighbourhood: Neighbourhood, *, now: datetime) -> list[Event]:
    """Public engagement events still to come and not cancelled (a cancelled event is archived)."""
    return list(
        Event.objects.live()
        .filter(neighbourhood=neighbourhood, public=True, starts_at__gte=now)
        .order_by("starts_at", "id")
    )


def upcoming_meetings(neighbourhood: Neighbourhood, *, now: datetime) -> list[Meeting]:
    """The ward panel's planned meetings still to come: date, time and place only (as the ward page)."""
    return list(
        Meeting.objects.filter(
            panel__neighbourhood=neighbourhood,
            panel__dissolved_on__isnull=True,
            status=Meeting.Status.PLANNED,
            starts_at__gte=now,
        )
        .only("id", "starts_at", "place")
        .order_by("starts_at", "id")
    )


def public_priorities(neighbourhood: Neighbourhood) -> list[tuple[Priority, Statement | None]]:
    """The ward's current priorities, and every priority with a published "you said, we did" statement
    (approved and published only: sn.panels.selectors.published_statements), each with that statement
    or None; newest first."""
    statements = {s.priority_id: s for s in published_statements(neighbourhood)}
    priorities = Priority.objects.filter(neighbourhood=neighbourhood).filter(
        Q(status__in=HOLDING_A_PLACE) | Q(pk__in=list(statements))
    )
    return [(p, statements.get(p.pk)) for p in priorities.order_by("-selected_on", "-id")]


# --- The published crimes.


def latest_month() -> date | None:
    return PublishedCrime.objects.aggregate(latest=Max("month"))["latest"]


def crime_by_persistent_id(persistent_id: str) -> MapCrime | None:
    row = PublishedCrime.objects.filter(persistent_id=persistent_id).values_list(*FIELDS).first()
    return None if row is None else MapCrime._make(row)


def _miles_between(lat: float, lng: float, lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
    phi1, phi2 = math.radians(lat), np.radians(lats)
    a = (
        np.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lngs - lng) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _months_to(month: date) -> list[date]:
    """Every published month up to `month`: an outcome in a month belongs to a crime of that month or
    before, and listing them lets the (month, latitude) index answer a band of latitude."""
    return list(
        PublishedCrime.objects.filter(month__lte=month).values_list("month", flat=True).distinct().order_by()
    )


def _located_with_outcome_in(month: date):
    """Located crimes whose last outcome is dated `month`; an outcome with no month of its own (the street
    CSV's "Last outcome category" carries none) is dated by its crime's, as outcome_status shows it."""
    return (
        PublishedCrime.objects.filter(snap_point__isnull=False)
        .filter(Q(outcome_month=month) | Q(outcome_month__isnull=True, month=month))
        .exclude(outcome_category="")
    )


def outcomes_at_point(*, snap_point_id: int, month: date) -> list[MapCrime]:
    rows = _located_with_outcome_in(month).filter(snap_point_id=snap_point_id).order_by("id")
    return [MapCrime._make(row) for row in rows.values_list(*FIELDS)]


def _in_box(month: date, south: float, north: float, west: float, east: float) -> list[tuple]:
    months = _months_to(month)
    if not months:
        return []
    rows = _located_with_outcome_in(month).filter(
        month__in=months,
        latitude__gte=south,
        latitude__lte=north,
        longitude__gte=west,
        longitude__lte=east,
    )
    return list(rows.order_by("id").values_list(*FIELDS))


def _coords(rows: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    index = FIELDS.index("latitude")
    lats = np.fromiter((row[index] for row in rows), dtype=float, count=len(rows))
    lngs = np.fromiter((row[index + 1] for row in rows), dtype=float, count=len(rows))
    return lats, lngs


def outcomes_in_radius(*, lat: float, lng: float, month: date, miles: float = 1.0) -> list[MapCrime]:
    dlat = miles / MILES_PER_DEGREE_LATITUDE
    dlng = dlat / max(math.cos(math.radians(lat)), 0.01)
    rows = _in_box(month, lat - dlat, lat + dlat, lng - dlng, lng + dlng)
    if not rows:
        return []
    lats, lngs = _coords(rows)
    keep = (_miles_between(lat, lng, lats, lngs) <= miles).tolist()
    return [MapCrime._make(row) for row, kept in zip(rows, keep, strict=True) if kept]


def outcomes_in_polygon(*, polygon, month: date) -> list[MapCrime]:
    west, south, east, north = polygon.bounds
    rows = _in_box(month, south, north, west, east)
    if not rows:
        return []
    lats, lngs = _coords(rows)
    shapely.prepare(polygon)
    keep = shapely.intersects_xy(polygon, lngs, lats).tolist()
    return [MapCrime._make(row) for row, kept in zip(rows, keep, strict=True) if kept]


# --- Stop and search.


def stop_months() -> set[date]:
    """The months with at least one stop and search."""
    return {
        moment.date() if isinstance(moment, datetime) else moment
        for moment in StopSearch.objects.annotate(m=TruncMonth("occurred_at"))
        .values_list("m", flat=True)
        .distinct()
        .order_by()
    }


def latest_stop_month() -> date | None:
    latest = StopSearch.objects.aggregate(latest=Max("occurred_at"))["latest"]
    return None if latest is None else timezone.localtime(latest).date().replace(day=1)


def stops_in_month(month: date, *, located: bool | None = None) -> list[StopSearch]:
    """The force's stops and searches of `month` (local time), oldest first; only those with a location
    (located=True), only those without (False), or all (None)."""
    start = timezone.make_aware(datetime.combine(month, time.min))
    end = timezone.make_aware(datetime.combine((month + timedelta(days=32)).replace(day=1), time.min))
    stops = StopSearch.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
    if located is True:
        stops = stops.filter(latitude__isnull=False, longitude__isnull=False)
    elif located is False:
        stops = stops.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
    return list(stops.order_by("occurred_at", "id"))


@dataclass(frozen=True)
class SnapIndex:
    """Every snap point, for placing many points at their nearest at once: a tree over the points with
    longitude scaled by cos(latitude), so that nearness in it is nearness on the ground."""

    version: tuple[int, int | None]
    ids: np.ndarray
    lats: np.ndarray
    lngs: np.ndarray
    names: list[str]
    scale: float
    tree: shapely.STRtree


_snap_index: SnapIndex | None = None
_snap_lock = threading.Lock()


def _current_snap_index() -> SnapIndex:
    global _snap_index
    aggregate = SnapPoint.objects.aggregate(latest=Max("id"))
    version = (SnapPoint.objects.count(), aggregate["latest"])
    with _snap_lock:
        if _snap_index is None or _snap_index.version != version:
            rows = list(SnapPoint.objects.order_by("id").values_list("id", "latitude", "longitude", "name"))
            ids = np.array([r[0] for r in rows], dtype=np.int64)
            lats = np.array([r[1] for r in rows], dtype=float)
            lngs = np.array([r[2] for r in rows], dtype=float)
            scale = math.cos(math.radians(float(lats.mean()))) if rows else 1.0
            tree = shapely.STRtree(shapely.points(lngs * scale, lats))
            _snap_index = SnapIndex(version, ids, lats, lngs, [r[3] for r in rows], scale, tree)
        return _snap_index


def snap_points_of(stops: list[StopSearch]) -> list[tuple[int, float, float, str] | None]:
    """Each stop's published location: the snap point nearest its recorded one, or None without one."""
    located = [i for i, s in enumerate(stops) if s.latitude is not None and s.longitude is not None]
    placed: list[tuple[int, float, float, str] | None] = [None] * len(stops)
    if not located:
        return placed
    index = _current_snap_index()
    if index.ids.size == 0:
        return placed
    lats = np.array([stops[i].latitude for i in located], dtype=float)
    lngs = np.array([stops[i].longitude for i in located], dtype=float)
    nearest = index.tree.nearest(shapely.points(lngs * index.scale, lats))
    for i, at in zip(located, nearest.tolist(), strict=True):
        placed[i] = (int(index.ids[at]), float(index.lats[at]), float(index.lngs[at]), index.names[at])
    return placed


Placed = tuple[StopSearch, tuple[int, float, float, str]]


def placed_stops(stops: list[StopSearch]) -> list[Placed]:
    """The stops that have a location, each with the snap point it is published at."""
    return [(s, p) for s, p in zip(stops, snap_points_of(stops), strict=True) if p is not None]


def stops_near(placed: list[Placed], *, lat: float, lng: float, miles: float = 1.0) -> list[Placed]:
    """The stops published (at their snap points) within `miles` of the point: chosen by the place the
    API shows, not the place recorded, so that the answer never tells more than its own locations."""
    if not placed:
        return []
    lats = np.array([p[1][1] for p in placed], dtype=float)
    lngs = np.array([p[1][2] for p in placed], dtype=float)
    keep = (_miles_between(lat, lng, lats, lngs) <= miles).tolist()
    return [p for p, kept in zip(placed, keep, strict=True) if kept]


def stops_inside(placed: list[Placed], *, polygon) -> list[Placed]:
    if not placed:
        return []
    lats = np.array([p[1][1] for p in placed], dtype=float)
    lngs = np.array([p[1][2] for p in placed], dtype=float)
    shapely.prepare(polygon)
    keep = shapely.intersects_xy(polygon, lngs, lats).tolist()
    return [p for p, kept in zip(placed, keep, strict=True) if kept]
