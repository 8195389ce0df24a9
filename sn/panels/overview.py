"""Panels across a cluster, borough or the force: each ward's panel against its meeting cadence, and the
topics of the priorities panels are tackling, as inspectors and borough leads compare them."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sn.concerns.taxonomy import TOPICS, Topic
from sn.geography.models import Neighbourhood
from sn.panels.models import Meeting, Panel, Priority
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.panels.selectors import Cadence, cadences, meeting_interval

YEAR = timedelta(days=365)


@dataclass
class WardRow:
    """One ward in an overview: its panel (None when it has none) and how its meetings keep time."""

    neighbourhood: Neighbourhood
    panel: Panel | None = None
    members: int = 0
    has_chair: bool = False
    cadence: Cadence | None = None
    meetings_in_year: int = 0
    longest_gap_weeks: float | None = None
    priorities: int = 0
    youth_priority: bool = False

    @property
    def state(self) -> str:
        return "no panel" if self.panel is None else self.cadence.state

    @property
    def days_overdue(self) -> int:
        return self.cadence.days_overdue if self.cadence else 0


@dataclass
class TopicRow:
    topic: str
    priorities: int
    wards: int
    share_of_wards: float  # of the area's wards, with at least one current priority on the topic

    @property
    def label(self) -> str:
        return Topic(self.topic).label


@dataclass
class Overview:
    rows: list[WardRow]
    topics: list[TopicRow] = field(default_factory=list)
    today: date | None = None

    @property
    def panels(self) -> int:
        return sum(1 for r in self.rows if r.panel is not None)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.panel is not None and r.cadence.overdue)

    @property
    def on_time_share(self) -> float | None:
        """Of the area's panels, the share not overdue a meeting today."""
        return (self.panels - self.overdue) / self.panels if self.panels else None

    @property
    def kept_cadence_share(self) -> float | None:
        """Of the panels that met in the last year, the share whose longest gap was within the cadence."""
        _, most = meeting_interval()
        measured = [r for r in self.rows if r.longest_gap_weeks is not None]
        if not measured:
            return None
        return sum(1 for r in measured if r.longest_gap_weeks <= most) / len(measured)

    @property
    def worst_first(self) -> list[WardRow]:
        order = {"no panel": 0, "overdue": 1, "due": 2, "on time": 3}
        return sorted(self.rows, key=lambda r: (order[r.state], -r.days_overdue, r.neighbourhood.name))


def area_overview(neighbourhoods: QuerySet[Neighbourhood], *, today: date | None = None) -> Overview:
    """Every neighbourhood of the area with its active panel, in a fixed number of queries."""
    today = today or timezone.localdate()
    wards = list(neighbourhoods.select_related("cluster", "borough").order_by("name"))
    ids = [w.pk for w in wards]
    panels = Panel.objects.filter(neighbourhood_id__in=ids, dissolved_on__isnull=True).annotate(
        current_members=Count(
            "members",
            filter=Q(members__left_on__isnull=True, members__archived_at__isnull=True),
            distinct=True,
        ),
        current_chairs=Count(
            "members",
            filter=Q(
                members__left_on__isnull=True, members__archived_at__isnull=True, members__is_chair=True
            ),
            distinct=True,
        ),
    )
    by_ward = {p.neighbourhood_id: p for p in panels}
    timing = cadences(Panel.objects.filter(pk__in=[p.pk for p in by_ward.values()]), today=today)
    held = defaultdict(list)
    for panel_id, starts_at in (
        Meeting.objects.filter(
            panel_id__in=[p.pk for p in by_ward.values()],
            status=Meeting.Status.HELD,
            # A range on the column itself: a date cast would run per row on SQLite.
            starts_at__gte=timezone.make_aware(datetime.combine(today - YEAR, datetime.min.time())),
        )
        .order_by("starts_at")
        .values_list("panel_id", "starts_at")
    ):
        held[panel_id].append(timezone.localdate(starts_at))
    current = list(
        Priority.objects.filter(neighbourhood_id__in=ids, status__in=HOLDING_A_PLACE).values_list(
            "neighbourhood_id", "topic", "young_people"
        )
    )
    rows = []
    for ward in wards:
        row = WardRow(neighbourhood=ward)
        panel = by_ward.get(ward.pk)
        if panel is not None:
            row.panel, row.members, row.has_chair = panel, panel.current_members, panel.current_chairs > 0
            row.cadence = timing[panel.pk]
            dates = held[panel.pk]
            row.meetings_in_year = len(dates)
            if dates:
                # The gap still open counts: a panel that stopped meeting months ago has a long gap now.
                gaps = [b - a for a, b in zip(dates, dates[1:], strict=False)] + [today - dates[-1]]
                row.longest_gap_weeks = max(g.days for g in gaps) / 7
        rows.append(row)
    _add_priorities(rows, current)
    return Overview(rows=rows, topics=_topics(current, len(wards)), today=today)


def _add_priorities(rows: list[WardRow], current: list[tuple[int, str, bool]]) -> None:
    per_ward = Counter(ward_id for ward_id, _, _ in current)
    youth = {ward_id for ward_id, topic, flag in current if flag or TOPICS[topic].young_people}
    for row in rows:
        row.priorities = per_ward[row.neighbourhood.pk]
        row.youth_priority = row.neighbourhood.pk in youth


def _topics(current: list[tuple[int, str, bool]], ward_count: int) -> list[TopicRow]:
    priorities = Counter(topic for _, topic, _ in current)
    wards = Counter(topic for _, topic in {(w, t) for w, t, _ in current})
    rows = [
        TopicRow(topic, priorities[topic], wards[topic], wards[topic] / ward_count if ward_count else 0.0)
        for topic in priorities
    ]
    return sorted(rows, key=lambda r: (-r.wards, -r.priorities, r.label))
