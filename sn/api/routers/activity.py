"""EPIC activity: the monthly EPIC report of a ward, a cluster, a borough or the force (the report pages'
own selector, sn.activity.selectors.epic_report, behind the same permissions), and the activity records
of the wards in scope (the activity ACTIVITY record rule, as the record pages)."""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sn.activity.models import ActivityRecord
from sn.activity.permissions import ACTIVITY, VIEW_ACTIVITY
from sn.activity.selectors import Area, EpicReport, Figure, epic_report
from sn.api.common import MONTH_PATTERN, AreaCode, Paging, answers, code_filter, month_of
from sn.core.access import api_access, require_permission
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.selectors import get_borough_for_user, get_cluster_for_user, get_neighbourhood_for_user

router = Router(tags=["EPIC activity"])


class FigureOut(Schema):
    key: str
    label: str
    current: int = Field(description="In the month")
    previous: int = Field(description="In the month before")
    year_earlier: int = Field(description="In the same month a year earlier")


class InterventionFigureOut(Schema):
    delivered_by: str
    label: str
    done: FigureOut = Field(description="Interventions done in the month")
    open_at_end: int = Field(description="Open at the month's end")


class PriorityRowOut(Schema):
    priority_id: int
    ward: str
    wording: str
    topic: str
    status: str
    activity: int = Field(description="Activity counted against it in the month")


class PartOut(Schema):
    code: str
    name: str
    total: int
    previous_total: int
    families: dict[str, int]


class EpicReportOut(Schema):
    area: str | None = Field(description="Code of the ward, cluster or borough; null for the force")
    name: str
    month: str = Field(description="YYYY-MM")
    records: FigureOut
    total: FigureOut
    families: list[FigureOut] = Field(description="Enforcement, prevention, intelligence, communication")
    kinds: list[FigureOut] = Field(description="Every kind of activity with any count in the three months")
    stages: list[FigureOut] = Field(description="By stage of the seven-stage model")
    delivered: list[FigureOut] = Field(description="By who delivered it: police, partners, the public")
    interventions: list[InterventionFigureOut]
    priorities: list[PriorityRowOut] = Field(description="The priorities tackled in the month")
    parts: list[PartOut] = Field(description="Wards of a cluster or borough, boroughs of the force")
    series_months: list[str] = Field(description="The thirteen months of `series`, oldest first")
    series: dict[str, list[int]] = Field(description="Each family's counts over series_months")


def _figure(f: Figure) -> FigureOut:
    return FigureOut(
        key=f.key, label=f.label, current=f.current, previous=f.previous, year_earlier=f.year_earlier
    )


def report_out(report: EpicReport) -> EpicReportOut:
    return EpicReportOut(
        area=report.area.code if report.area is not None else None,
        name=report.name,
        month=f"{report.month:%Y-%m}",
        records=_figure(report.records),
        total=_figure(report.total),
        families=[_figure(f) for f in report.families],
        kinds=[_figure(f) for f in report.kinds if f.any],
        stages=[_figure(f) for f in report.stages],
        delivered=[_figure(f) for f in report.delivered],
        interventions=[
            InterventionFigureOut(
                delivered_by=i.delivered_by, label=i.label, done=_figure(i.done), open_at_end=i.open_at_end
            )
            for i in report.interventions
        ],
        priorities=[
            PriorityRowOut(
                priority_id=p.priority_id,
                ward=p.ward_code,
                wording=p.wording,
                topic=p.topic,
                status=p.status,
                activity=p.activity,
            )
            for p in report.priorities
        ],
        parts=[
            PartOut(
                code=p.code, name=p.name, total=p.total, previous_total=p.previous_total, families=p.families
            )
            for p in report.parts
        ],
        series_months=[f"{m:%Y-%m}" for m in report.months],
        series=report.series,
    )


class MonthIn(Schema):
    month: str | None = Field(None, pattern=MONTH_PATTERN, description="YYYY-MM; default this month")


def _report(area: Area, month: str | None) -> EpicReportOut:
    chosen = month_of(month) or timezone.localdate().replace(day=1)
    return report_out(epic_report(area=area, month=chosen))


@router.get("/epic/wards/{code}", response=answers(EpicReportOut, one=True), url_name="epic_ward")
@api_access(permission=VIEW_ACTIVITY)
def epic_ward(request: HttpRequest, code: AreaCode, query: Query[MonthIn]):
    """The EPIC report of a ward in your scope for a month."""
    return _report(get_neighbourhood_for_user(request.user, code), query.month)


@router.get("/epic/clusters/{code}", response=answers(EpicReportOut, one=True), url_name="epic_cluster")
@api_access(permission=VIEW_CLUSTER_OVERVIEW)
def epic_cluster(request: HttpRequest, code: AreaCode, query: Query[MonthIn]):
    """The EPIC report of a cluster in your scope for a month, with its wards."""
    require_permission(request, VIEW_ACTIVITY)
    return _report(get_cluster_for_user(request.user, code), query.month)


@router.get("/epic/boroughs/{code}", response=answers(EpicReportOut, one=True), url_name="epic_borough")
@api_access(permission=VIEW_BOROUGH_OVERVIEW)
def epic_borough(request: HttpRequest, code: AreaCode, query: Query[MonthIn]):
    """The EPIC report of a borough in your scope for a month, with its wards."""
    require_permission(request, VIEW_ACTIVITY)
    return _report(get_borough_for_user(request.user, code), query.month)


@router.get("/epic/force", response=answers(EpicReportOut), url_name="epic_force")
@api_access(permission=VIEW_FORCE_OVERVIEW)
def epic_force(request: HttpRequest, query: Query[MonthIn]):
    """The force's EPIC report for a month, with its boroughs."""
    require_permission(request, VIEW_ACTIVITY)
    return _report(None, query.month)


class CountOut(Schema):
    kind: str
    label: str
    family: str
    count: int


class RecordOut(Schema):
    id: int
    ward: str
    on: date
    summary: str
    stage: int = Field(description="1 to 7, the seven-stage model")
    delivered_by: str
    organisation: str | None
    priority_id: int | None
    case_id: int | None
    counts: list[CountOut]

    @staticmethod
    def resolve_ward(r: ActivityRecord) -> str:
        return r.neighbourhood.code

    @staticmethod
    def resolve_organisation(r: ActivityRecord) -> str | None:
        return r.organisation.name if r.organisation_id else None

    @staticmethod
    def resolve_counts(r: ActivityRecord) -> list[CountOut]:
        return [
            CountOut(kind=c.kind, label=c.label, family=str(c.family), count=c.count) for c in r.counts.all()
        ]


class RecordFilters(Schema):
    ward: str | None = code_filter()
    month: str | None = Field(None, pattern=MONTH_PATTERN, description="Only this month's (YYYY-MM)")


@router.get("/activity", response=answers(list[RecordOut]), url_name="activity_records")
@api_access(permission=VIEW_ACTIVITY)
@paginate(Paging)
def activity_records(request: HttpRequest, filters: Query[RecordFilters]):
    """The EPIC activity records of the wards in your scope, latest first."""
    month = month_of(filters.month)
    queryset = ACTIVITY.filter_for(request.user, ActivityRecord.objects.all())
    if filters.ward:
        queryset = queryset.filter(neighbourhood__code=filters.ward)
    if month:
        queryset = queryset.filter(month=month)
    return (
        queryset.select_related("neighbourhood", "organisation")
        .prefetch_related("counts")
        .order_by("-on", "-id")
    )
