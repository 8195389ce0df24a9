"""Ward panel priorities in scope (view_ward_panel, through the panels' PRIORITIES record rule, as the
priority pages), with their state and, once the sergeant has approved and published it, their
"You said, we did" statement; one priority with its milestones and dated progress."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sn.api.common import Paging, answers, code_filter
from sn.core.access import api_access
from sn.panels.models import Priority, Statement
from sn.panels.permissions import PRIORITIES, VIEW_PANEL, get_priority_for_user
from sn.panels.selectors import priority_history, with_last_update

router = Router(tags=["Priorities"])


def _published(statement: Statement | None) -> bool:
    """As sn.panels.selectors.published_statements: approved by the sergeant, and published."""
    return (
        statement is not None
        and statement.status == Statement.Status.APPROVED
        and statement.approved_at is not None
        and statement.published_at is not None
    )


class StatementOut(Schema):
    you_said: str
    we_did: str
    approved_at: str
    published_at: str


class PriorityOut(Schema):
    id: int
    ward: str
    ward_name: str
    topic: str
    topic_label: str
    wording: str = Field(description="How the priority is put to residents")
    status: Priority.Status
    status_label: str
    selected_on: date
    ended_on: date | None
    last_update: date | None = Field(description="Date of the latest progress update")
    owner: str = Field(description="The officer who owns it")
    statement: StatementOut | None = Field(description="'You said, we did', once approved and published")

    @staticmethod
    def resolve_ward(p: Priority) -> str:
        return p.neighbourhood.code

    @staticmethod
    def resolve_ward_name(p: Priority) -> str:
        return p.neighbourhood.name

    @staticmethod
    def resolve_topic_label(p: Priority) -> str:
        return p.get_topic_display()

    @staticmethod
    def resolve_status_label(p: Priority) -> str:
        return p.get_status_display()

    @staticmethod
    def resolve_last_update(p: Priority) -> date | None:
        return getattr(p, "last_update", None)

    @staticmethod
    def resolve_owner(p: Priority) -> str:
        return p.owner.full_name

    @staticmethod
    def resolve_statement(p: Priority) -> StatementOut | None:
        s = getattr(p, "statement", None)
        if not _published(s):
            return None
        return StatementOut(
            you_said=s.you_said,
            we_did=s.we_did,
            approved_at=s.approved_at.isoformat(),
            published_at=s.published_at.isoformat(),
        )


class MilestoneOut(Schema):
    description: str
    target: str
    due_on: date
    achieved_on: date | None


class ProgressOut(Schema):
    on: date
    kind: str = Field(description="selected, update, review, milestone or endorsed")
    text: str
    by: str


class PriorityDetailOut(PriorityOut):
    milestones: list[MilestoneOut]
    progress: list[ProgressOut] = Field(description="The priority's dated story, newest first")

    @staticmethod
    def resolve_milestones(p: Priority):
        return list(p.milestones.all())

    @staticmethod
    def resolve_progress(p: Priority) -> list[ProgressOut]:
        return [ProgressOut(on=e.on, kind=e.kind, text=e.text, by=e.by) for e in priority_history(p)]


def _priorities(queryset):
    return with_last_update(queryset.select_related("neighbourhood", "owner", "statement"))


class PriorityFilters(Schema):
    ward: str | None = code_filter()
    status: Priority.Status | None = Field(None, description="Only priorities in this state")
    current: bool = Field(False, description="Only those holding a place on the panel now")


@router.get("/priorities", response=answers(list[PriorityOut]), url_name="priorities")
@api_access(permission=VIEW_PANEL)
@paginate(Paging)
def priorities(request: HttpRequest, filters: Query[PriorityFilters]):
    """The priorities of the wards in your scope, newest first."""
    queryset = PRIORITIES.filter_for(request.user, Priority.objects.all())
    if filters.ward:
        queryset = queryset.filter(neighbourhood__code=filters.ward)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.current:
        queryset = queryset.filter(status__in=[Priority.Status.ACTIVE, Priority.Status.PANEL_RESOLVED])
    return _priorities(queryset).order_by("-selected_on", "-id")


@router.get("/priorities/{pk}", response=answers(PriorityDetailOut, one=True), url_name="priority")
@api_access(permission=VIEW_PANEL)
def priority(request: HttpRequest, pk: int):
    """One priority in your scope, with its milestones and progress; 404 outside it."""
    found = get_priority_for_user(request.user, pk)
    p = _priorities(Priority.objects.filter(pk=found.pk)).get()
    return p
