"""The monthly EPIC report of an area (a ward, a cluster, a borough, or the force): activity by family
and kind, by stage of the seven-stage model and by who delivered it; the priorities each panel was
tackling in the month with the activity and interventions on each; the interventions by police,
partners and the public done in the month and open at its end; each set against the previous month and
the same month a year earlier. Seed 002, paragraph 22.

One function computes it for any area, with a handful of GROUP BY queries whatever the area's size (the
force's report is as many queries as a ward's), so that the tasking group's pack and the force page
cost the same few queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum

from sn.activity.kinds import FAMILY_LABELS, FAMILY_OF, KINDS, DeliveredBy, Family, Stage
from sn.activity.models import ActivityCount, ActivityRecord
from sn.core.months import add_months, month_end
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.panels.models import Priority
from sn.problemsolving.models import Intervention

Area = Neighbourhood | Cluster | Borough | None
SERIES_MONTHS = 13  # the month and the twelve before it: the chart, and the same month a year earlier
OPEN_STATUSES = (Intervention.Status.PLANNED, Intervention.Status.IN_PROGRESS)


@dataclass(frozen=True)
class Figure:
    """A count in the month, the month before and the same month a year earlier."""

    key: str
    label: str
    current: int = 0
    previous: int = 0
    year_earlier: int = 0
    family: str = ""

    @property
    def on_previous(self) -> int:
        return self.current - self.previous

    @property
    def on_year_earlier(self) -> int:
        return self.current - self.year_earlier

    @property
    def any(self) -> bool:
        return bool(self.current or self.previous or self.year_earlier)


@dataclass(frozen=True)
class InterventionFigure:
    delivered_by: str
    label: str
    done: Figure
    open_at_end: int


@dataclass
class PriorityRow:
    priority_id: int
    ward_code: str
    ward_name: str
    wording: str
    topic: str
    status: str
    selected_on: date
    activity: int = 0
    done: dict[str, int] = field(default_factory=dict)  # interventions done in the month, by deliverer
    open: dict[str, int] = field(default_factory=dict)  # open at the month's end, by deliverer


@dataclass(frozen=True)
class AreaRow:
    """One part of the area (a ward of a cluster or borough, a borough of the force) in the month."""

    code: str
    name: str
    families: dict[str, int]
    total: int
    previous_total: int


@dataclass
class EpicReport:
    area: Area
    name: str
    month: date
    months: list[date]  # the series, oldest first; the last is the month
    kinds: list[Figure]
    families: list[Figure]
    stages: list[Figure]
    delivered: list[Figure]
    records: Figure
    interventions: list[InterventionFigure]
    priorities: list[PriorityRow]
    parts: list[AreaRow]
    parts_label: str  # what the parts are: "Ward", "Borough"; "" for a ward
    series: dict[str, list[int]]  # family -> counts over `months`

    @property
    def previous_month(self) -> date:
        return add_months(self.month, -1)

    @property
    def year_earlier_month(self) -> date:
        return add_months(self.month, -12)

    @property
    def total(self) -> Figure:
        return Figure(
            "total",
            "All activity",
            sum(f.current for f in self.families),
            sum(f.previous for f in self.families),
            sum(f.year_earlier for f in self.families),
        )

    @property
    def has_activity(self) -> bool:
        return any(any(values) for values in self.series.values())

    @property
    def priority_topics(self) -> list[tuple[str, int]]:
        """Each priority topic with the number of teams tackling it, most first (seed 001's "top
        priorities": ASB by youths, 426 teams)."""
        teams: dict[str, set[str]] = defaultdict(set)
        for row in self.priorities:
            teams[row.topic].add(row.ward_code)
        return sorted(((topic, len(codes)) for topic, codes in teams.items()), key=lambda t: (-t[1], t[0]))


def area_name(area: Area) -> str:
    return "The force" if area is None else area.name


def _area_q(area: Area, path: str) -> Q:
    """Records reaching their neighbourhood through `path` that lie in `area`."""
    if area is None:
        return Q()
    if isinstance(area, Neighbourhood):
        return Q(**{f"{path}_id": area.pk})
    if isinstance(area, Cluster):
        return Q(**{f"{path}__cluster_id": area.pk})
    if isinstance(area, Borough):
        return Q(**{f"{path}__borough_id": area.pk})
    raise TypeError(f"an EPIC report is for a ward, cluster, borough or the force, not {area!r}")


def _parent_q(area: Cluster | Borough) -> Q:
    return Q(cluster_id=area.pk) if isinstance(area, Cluster) else Q(borough_id=area.pk)


def epic_report(*, area: Area, month: date) -> EpicReport:
    """The EPIC report of `area` (None: the force) for `month` (any day of it)."""
    month = month.replace(day=1)
    months = [add_months(month, -i) for i in range(SERIES_MONTHS - 1, -1, -1)]
    previous, year_earlier = add_months(month, -1), add_months(month, -12)
    compared = (month, previous, year_earlier)
    counts = ActivityCount.objects.filter(_area_q(area, "neighbourhood"))

    # 1. Every kind, month by month over the series.
    by_kind: dict[str, dict[date, int]] = defaultdict(dict)
    for row in (
        counts.filter(month__gte=months[0], month__lte=month)
        .values("month", "kind")
        .annotate(total=Sum("count"))
        .order_by()
    ):
        by_kind[row["kind"]][row["month"]] = row["total"]
    kinds = [
        Figure(
            k.key,
            k.label,
            by_kind[k.key].get(month, 0),
            by_kind[k.key].get(previous, 0),
            by_kind[k.key].get(year_earlier, 0),
            family=str(k.family),
        )
        for k in KINDS
    ]
    series = {str(f): [0] * len(months) for f in Family}
    for kind, values in by_kind.items():
        family = FAMILY_OF.get(kind)
        if family is None:
            continue
        for i, m in enumerate(months):
            series[family][i] += values.get(m, 0)
    families = [
        Figure(
            str(f),
            f.label,
            sum(k.current for k in kinds if k.family == f),
            sum(k.previous for k in kinds if k.family == f),
            sum(k.year_earlier for k in kinds if k.family == f),
        )
        for f in Family
    ]

    # 2. By stage and by deliverer, with the number of records.
    stage_totals: dict[tuple[int, date], int] = defaultdict(int)
    delivered_totals: dict[tuple[str, date], int] = defaultdict(int)
    record_totals: dict[date, int] = defaultdict(int)
    for row in (
        counts.filter(month__in=compared)
        .values("month", "stage", "delivered_by")
        .annotate(total=Sum("count"))
        .order_by()
    ):
        m = row["month"]
        stage_totals[(row["stage"], m)] += row["total"]
        delivered_totals[(row["delivered_by"], m)] += row["total"]
    for m, records in (
        ActivityRecord.objects.filter(_area_q(area, "neighbourhood"), month__in=compared)
        .values("month")
        .annotate(records=Count("id"))
        .values_list("month", "records")
        .order_by()
    ):
        record_totals[m] = records
    stages = [Figure(str(s.value), s.label, *(stage_totals[(s.value, m)] for m in compared)) for s in Stage]
    delivered = [
        Figure(str(d), d.label, *(delivered_totals[(str(d), m)] for m in compared)) for d in DeliveredBy
    ]
    records = Figure("records", "Activity records", *(record_totals[m] for m in compared))

    # 3. The parts of the area in the month and the month before.
    parts, parts_label = _parts(area, counts, month, previous)

    # 4. The priorities the panels were tackling, with their activity and interventions.
    priorities = _priorities(area, month)
    by_priority = dict(
        ActivityRecord.objects.filter(_area_q(area, "neighbourhood"), month=month, priority__isnull=False)
        .values("priority")
        .annotate(total=Sum("counts__count"))
        .order_by()
        .values_list("priority", "total")
    )
    for row in priorities:
        row.activity = by_priority.get(row.priority_id, 0)

    # 5. Interventions by police, partners and the public.
    interventions = _interventions(
        area, month, previous, year_earlier, {p.priority_id: p for p in priorities}
    )

    return EpicReport(
        area=area,
        name=area_name(area),
        month=month,
        months=months,
        kinds=kinds,
        families=families,
        stages=stages,
        delivered=delivered,
        records=records,
        interventions=interventions,
        priorities=priorities,
        parts=parts,
        parts_label=parts_label,
        series=series,
    )


def _parts(area: Area, counts, month: date, previous: date) -> tuple[list[AreaRow], str]:
    if isinstance(area, Neighbourhood):
        return [], ""
    if area is None:
        parts = {b.id: (b.code, b.name) for b in Borough.objects.only("id", "code", "name")}
        part_of = dict(Neighbourhood.objects.values_list("id", "borough_id"))
        label = "Borough"
    else:
        wards = Neighbourhood.objects.filter(_parent_q(area))
        parts = {n.id: (n.code, n.name) for n in wards.only("id", "code", "name")}
        part_of = {pk: pk for pk in parts}
        label = "Ward"
    families: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    previous_totals: dict[int, int] = defaultdict(int)
    for row in (
        counts.filter(month__in=(month, previous))
        .values("neighbourhood", "month", "kind")
        .annotate(total=Sum("count"))
        .order_by()
    ):
        part = part_of.get(row["neighbourhood"])
        if part is None:
            continue
        if row["month"] == month:
            families[part][FAMILY_OF.get(row["kind"], "")] += row["total"]
        else:
            previous_totals[part] += row["total"]
    rows = [
        AreaRow(
            code=code,
            name=name,
            families={str(f): families[pk][str(f)] for f in Family},
            total=sum(families[pk].values()),
            previous_total=previous_totals[pk],
        )
        for pk, (code, name) in parts.items()
    ]
    return sorted(rows, key=lambda r: r.name), label


def _priorities(area: Area, month: date) -> list[PriorityRow]:
    """The priorities that held a panel's place at some time in the month."""
    end = month_end(month)
    topics = dict(Priority._meta.get_field("topic").choices)
    statuses = dict(Priority.Status.choices)
    held = (
        Priority.objects.filter(_area_q(area, "neighbourhood"), selected_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=month))
        .values_list(
            "id", "neighbourhood__code", "neighbourhood__name", "wording", "topic", "status", "selected_on"
        )
        .order_by("neighbourhood__name", "selected_on", "id")
    )
    return [
        PriorityRow(pk, code, name, wording, topics.get(topic, topic), statuses.get(status, status), selected)
        for pk, code, name, wording, topic, status, selected in held
    ]


def _interventions(
    area: Area, month: date, previous: date, year_earlier: date, priorities: dict[int, PriorityRow]
) -> list[InterventionFigure]:
    """Interventions done in each compared month, and open at the end of the month: begun (the case's
    response had started) and neither done nor cancelled by then. A cancelled intervention has no date,
    so it is never counted as open in a past month."""
    end = month_end(month)

    def done_in(m: date) -> Q:
        return Q(status=Intervention.Status.DONE, completed_on__gte=m, completed_on__lte=month_end(m))

    open_at_end = Q(case__response_started_on__lte=end) & (
        Q(status__in=OPEN_STATUSES) | Q(status=Intervention.Status.DONE, completed_on__gt=end)
    )
    rows = (
        Intervention.objects.filter(_area_q(area, "case__neighbourhood"))
        .values("case__priority", "delivered_by")
        .annotate(
            done=Count("id", filter=done_in(month)),
            done_previous=Count("id", filter=done_in(previous)),
            done_year_earlier=Count("id", filter=done_in(year_earlier)),
            open=Count("id", filter=open_at_end),
        )
        .order_by()
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in rows:
        who = row["delivered_by"]
        for i, name in enumerate(("done", "done_previous", "done_year_earlier", "open")):
            totals[who][i] += row[name]
        priority = priorities.get(row["case__priority"])
        if priority is not None:
            priority.done[who] = priority.done.get(who, 0) + row["done"]
            priority.open[who] = priority.open.get(who, 0) + row["open"]
    return [
        InterventionFigure(
            str(d),
            d.label,
            Figure(str(d), d.label, *totals[str(d)][:3]),
            totals[str(d)][3],
        )
        for d in DeliveredBy
    ]


def family_label(family: str) -> str:
    return FAMILY_LABELS.get(family, family)
