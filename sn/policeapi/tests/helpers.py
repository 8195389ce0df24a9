"""A published crime layer, stops and ward content for the police.uk API's tests, spelled out so that
tests can rely on it. Built straight into the published tables (SnapPoint, PublishedCrime): the API
reads only those, and how they are built is disclosure control's business (sn.incidents.disclosure,
tested there). Idempotent: a second call returns what the first made."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from sn.engagement.models import EventKind
from sn.engagement.tests.factories import EventFactory
from sn.incidents.categories import Category
from sn.incidents.models import PublishedCrime, SnapPoint, StopSearch
from sn.incidents.tests.factories import StopSearchFactory, sha256_of
from sn.panels.models import Meeting, Priority, Statement
from sn.panels.tests.factories import MeetingFactory, PanelFactory, PriorityFactory
from sn.testing.world import World

MONTH = date(2024, 1, 1)
EARLIER = date(2023, 12, 1)
# Points inside ward a1 (the square lng -0.20..-0.19, lat 51.50..51.51) and ward b1 (lng -0.16..-0.15).
HIGH_STREET = (51.505, -0.195)
MILL_LANE = (51.502, -0.192)
FAR_ROAD = (51.505, -0.155)


@dataclass
class Published:
    high_street: SnapPoint
    mill_lane: SnapPoint
    far_road: SnapPoint
    with_outcome: PublishedCrime  # a burglary at High Street, "Unable to prosecute suspect" in 2024-02
    without_month: PublishedCrime  # a burglary at High Street, "Under investigation", no outcome month
    no_outcome: PublishedCrime  # a burglary at High Street with no outcome yet


def _point(ward, where, name) -> SnapPoint:
    point, _ = SnapPoint.objects.get_or_create(
        neighbourhood=ward,
        latitude=where[0],
        longitude=where[1],
        defaults={"name": f"On or near {name}", "source": SnapPoint.Source.POLICE_UK},
    )
    return point


def _crime(n, point, category, month=MONTH, **fields) -> PublishedCrime:
    located = point is not None
    pid = "" if category == Category.ANTI_SOCIAL_BEHAVIOUR else sha256_of(50_000 + n)
    return PublishedCrime(
        id=50_000 + n,
        persistent_id=pid,
        month=month,
        category=category,
        neighbourhood=fields.pop("ward", None) or point.neighbourhood,
        snap_point=point,
        latitude=point.latitude if located else None,
        longitude=point.longitude if located else None,
        street_name=point.name if located else "",
        **fields,
    )


def published_layer(world: World) -> Published:
    """At High Street (a1), January 2024: three burglaries (one with an outcome dated February, one
    under investigation with no outcome month, one with none) and three ASB incidents; at Mill Lane (a1)
    three vehicle crimes; at Far Road (b1) three shoplifting; two violent crimes of a1 withheld (no
    point); and three burglaries at High Street in December 2023."""
    a1, b1 = world.wards["a1"], world.wards["b1"]
    high, mill, far = (
        _point(a1, HIGH_STREET, "High Street"),
        _point(a1, MILL_LANE, "Mill Lane"),
        _point(b1, FAR_ROAD, "Far Road"),
    )
    if not PublishedCrime.objects.filter(id=50_000).exists():
        rows = [
            _crime(
                0,
                high,
                Category.BURGLARY,
                outcome_category="Unable to prosecute suspect",
                outcome_month=date(2024, 2, 1),
            ),
            _crime(1, high, Category.BURGLARY, outcome_category="Under investigation"),
            _crime(2, high, Category.BURGLARY),
            *(_crime(n, high, Category.ANTI_SOCIAL_BEHAVIOUR) for n in (3, 4, 5)),
            *(
                _crime(
                    n,
                    mill,
                    Category.VEHICLE_CRIME,
                    outcome_category="Investigation complete; no suspect identified",
                )
                for n in (6, 7, 8)
            ),
            *(_crime(n, far, Category.SHOPLIFTING) for n in (9, 10, 11)),
            *(
                _crime(n, None, Category.VIOLENT_CRIME, ward=a1, outcome_category="Under investigation")
                for n in (12, 13)
            ),
            *(_crime(n, high, Category.BURGLARY, month=EARLIER) for n in (14, 15, 16)),
        ]
        PublishedCrime.objects.bulk_create(rows)
    crimes = PublishedCrime.objects.in_bulk([50_000, 50_001, 50_002])
    return Published(high, mill, far, crimes[50_000], crimes[50_001], crimes[50_002])


def stops(world: World) -> list[StopSearch]:
    """January 2024: two person searches recorded near High Street, a vehicle search with no location;
    one stop in December 2023 near Far Road."""
    a1, b1 = world.wards["a1"], world.wards["b1"]
    if StopSearch.objects.exists():
        return list(StopSearch.objects.order_by("occurred_at", "id"))
    return [
        StopSearchFactory(
            neighbourhood=a1,
            latitude=51.5051,
            longitude=-0.1951,
            occurred_at=datetime(2024, 1, 6, 22, 45, tzinfo=UTC),
        ),
        StopSearchFactory(
            neighbourhood=a1,
            latitude=51.5049,
            longitude=-0.1949,
            occurred_at=datetime(2024, 1, 9, 14, 0, tzinfo=UTC),
            outcome="Arrest",
            part_of_policing_operation=True,
            policing_operation="Operation Test",
        ),
        StopSearchFactory(
            neighbourhood=None,
            latitude=None,
            longitude=None,
            type="Vehicle search",
            occurred_at=datetime(2024, 1, 20, 9, 30, tzinfo=UTC),
            outcome_linked_to_object=None,
            removal_of_clothing=None,
        ),
        StopSearchFactory(
            neighbourhood=b1,
            latitude=FAR_ROAD[0],
            longitude=FAR_ROAD[1],
            occurred_at=datetime(2023, 12, 2, 12, 0, tzinfo=UTC),
        ),
    ]


@dataclass
class WardContent:
    event: object
    private_event: object
    meeting: Meeting
    current: Priority
    ended: Priority
    draft_priority: Priority
    statement: Statement


def ward_content(world: World) -> WardContent:
    """Ward a1's panel, with: a public street briefing in ten days and a private one; a planned panel
    meeting in three weeks; a current priority; an ended priority with a published "you said, we did"
    statement; and an ended priority whose statement is approved but not published."""
    a1 = world.wards["a1"]
    now = timezone.now()
    event = EventFactory(
        neighbourhood=a1,
        public=True,
        kind=EventKind.STREET_BRIEFING,
        title="Street briefing at the market",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=1),
        written_up_at=None,
        attendance=None,
        venue="Market Square",
    )
    private = EventFactory(
        neighbourhood=a1,
        public=False,
        title="Private visit",
        starts_at=now + timedelta(days=5),
        written_up_at=None,
        attendance=None,
    )
    panel = PanelFactory(neighbourhood=a1)
    held = MeetingFactory(panel=panel)
    meeting = MeetingFactory(
        panel=panel, status=Meeting.Status.PLANNED, starts_at=now + timedelta(days=21), place="Library hall"
    )
    owner = world.officers["pc_a"]
    # Closed as panels closes a priority: resolved at a meeting and endorsed by the sergeant.
    closed = {
        "status": Priority.Status.CLOSED,
        "resolved_at": held,
        "endorsed_at": now - timedelta(days=4),
        "ended_on": timezone.localdate() - timedelta(days=4),
    }
    current = PriorityFactory(selected_at=held, wording="Reduce <burglary> & theft", owner=owner)
    ended = PriorityFactory(
        selected_at=held,
        wording="Stop street drinking",
        owner=owner,
        selected_on=date(2024, 3, 1),
        **closed,
    )
    draft = PriorityFactory(
        selected_at=held,
        wording="Speeding on Mill Lane",
        owner=owner,
        selected_on=date(2024, 2, 1),
        **closed,
    )
    statement = Statement.objects.create(
        priority=ended,
        you_said="Street drinking by the shops",
        we_did="We patrolled & the council closed the off-licence",
        status=Statement.Status.APPROVED,
        approved_at=now - timedelta(days=3),
        published_at=now - timedelta(days=2),
    )
    Statement.objects.create(
        priority=draft,
        you_said="Speeding",
        we_did="NOT PUBLISHED: speed checks",
        status=Statement.Status.APPROVED,
        approved_at=now - timedelta(days=1),
    )
    return WardContent(event, private, meeting, current, ended, draft, statement)
