"""Problem-solving cases, through the problem-solving CASES record rule exactly as the case pages use it:
the police read the cases of their scope at /cases (view_cases), a partner reads only the cases their
organisation is invited to, while the invitation stands, at /partner/cases (view_invited_cases), the
same split as the pages' addresses. A case outside the caller's reach is a 404."""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sn.api.common import Paging, answers, code_filter
from sn.core.access import api_access
from sn.problemsolving.models import Case
from sn.problemsolving.permissions import VIEW_CASES, VIEW_INVITED_CASES, get_case_for_user
from sn.problemsolving.selectors import filter_cases, visible_cases, with_counts

router = Router(tags=["Problem-solving cases"])


class InterventionOut(Schema):
    description: str
    delivered_by: str = Field(description="police, partner or public")
    organisation: str | None
    status: str
    due_on: date
    completed_on: date | None

    @staticmethod
    def resolve_organisation(i) -> str | None:
        return i.organisation.name if i.organisation_id else None


class CaseOut(Schema):
    id: int
    reference: str = Field(description="PS-00042")
    title: str
    ward: str
    ward_name: str
    borough: str
    stage: Case.Stage
    stage_label: str
    topic: str
    categories: list[str] = Field(description="police.uk category codes")
    owner: str = Field(description="The officer who owns it")
    priority_id: int | None = Field(description="The panel priority it works, if any")
    opened_on: date
    period_start: date
    period_end: date
    review_due_on: date | None = Field(description="When the sergeant next reviews it; null once closed")
    last_activity_on: date
    closed_on: date | None
    open_interventions: int
    all_interventions: int

    @staticmethod
    def resolve_ward(c: Case) -> str:
        return c.neighbourhood.code

    @staticmethod
    def resolve_ward_name(c: Case) -> str:
        return c.neighbourhood.name

    @staticmethod
    def resolve_borough(c: Case) -> str:
        return c.neighbourhood.borough.code

    @staticmethod
    def resolve_stage_label(c: Case) -> str:
        return c.get_stage_display()

    @staticmethod
    def resolve_owner(c: Case) -> str:
        return c.owner.full_name

    @staticmethod
    def resolve_opened_on(c: Case) -> date:
        return timezone.localdate(c.created_at)

    @staticmethod
    def resolve_review_due_on(c: Case) -> date | None:
        return c.review_due_on if c.is_open else None


class CaseDetailOut(CaseOut):
    problem_statement: str
    place: str = Field(description="ward, streets or area")
    streets: list[str]
    analysis_summary: str
    response_started_on: date | None
    closing_note: str
    interventions: list[InterventionOut]

    @staticmethod
    def resolve_streets(c: Case) -> list[str]:
        return c.street_list

    @staticmethod
    def resolve_interventions(c: Case):
        return c.interventions.select_related("organisation").order_by("due_on", "id")


class CaseFilters(Schema):
    ward: str | None = code_filter()
    stage: Case.Stage | None = Field(None, description="Only cases at this stage")
    open: bool | None = Field(None, description="true: only open cases; false: only closed ones")


def _listed(request: HttpRequest, filters: CaseFilters):
    queryset = visible_cases(request.user)
    if filters.ward:
        queryset = queryset.filter(neighbourhood__code=filters.ward)
    queryset = filter_cases(queryset, stage=filters.stage or "", today=timezone.localdate())
    if filters.open is not None:
        queryset = (
            queryset.exclude(stage=Case.Stage.CLOSED)
            if filters.open
            else queryset.filter(stage=Case.Stage.CLOSED)
        )
    return with_counts(queryset).order_by("-last_activity_on", "-id")


def _one(request: HttpRequest, pk: int) -> Case:
    case = get_case_for_user(request.user, pk)
    return with_counts(visible_cases(request.user).filter(pk=case.pk)).get()


@router.get("/cases", response=answers(list[CaseOut]), url_name="cases")
@api_access(permission=VIEW_CASES)
@paginate(Paging)
def cases(request: HttpRequest, filters: Query[CaseFilters]):
    """The cases in your scope, latest activity first (police roles)."""
    return _listed(request, filters)


@router.get("/cases/{pk}", response=answers(CaseDetailOut, one=True), url_name="case")
@api_access(permission=VIEW_CASES)
def case(request: HttpRequest, pk: int):
    """One case in your scope; 404 outside it."""
    return _one(request, pk)


@router.get("/partner/cases", response=answers(list[CaseOut]), url_name="partner_cases")
@api_access(permission=VIEW_INVITED_CASES)
@paginate(Paging)
def partner_cases(request: HttpRequest, filters: Query[CaseFilters]):
    """The cases your organisation is invited to, latest activity first (partners)."""
    return _listed(request, filters)


@router.get("/partner/cases/{pk}", response=answers(CaseDetailOut, one=True), url_name="partner_case")
@api_access(permission=VIEW_INVITED_CASES)
def partner_case(request: HttpRequest, pk: int):
    """One case your organisation is invited to; 404 for any other."""
    return _one(request, pk)
