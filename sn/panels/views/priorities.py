"""A priority's page (wording, concerns, milestones, progress, sign-off, statement), a ward's priorities
past and present, and the forms the team and the sergeant work them with."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.exports import requested_format, table_response
from sn.core.form_pages import form_page
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.core.roles import Role
from sn.geography.selectors import get_neighbourhood_for_user
from sn.panels import services
from sn.panels.forms import (
    APPROVE,
    ENDORSE,
    AchievedForm,
    ApproveForm,
    EndorseForm,
    MilestoneForm,
    PriorityEditForm,
    ProgressForm,
    PublishForm,
    StatementForm,
)
from sn.panels.links import priority_links
from sn.panels.models import Priority, Statement
from sn.panels.permissions import (
    APPROVE_STATEMENT,
    ENDORSE_SIGN_OFF,
    MANAGE_PRIORITIES,
    VIEW_PANEL,
    get_milestone_for_user,
    get_priority_for_user,
)
from sn.panels.selectors import is_stale, priority_history, ward_priorities
from sn.panels.signoff import sign_off_checklist
from sn.panels.views.common import team_officers

PRIORITY_HEADERS = [
    "Priority",
    "Topic",
    "Status",
    "Chosen on",
    "Ended on",
    "Owner",
    "Last update",
    "You said, we did",
]


def _priority_url(priority: Priority) -> str:
    return reverse("panels:priority", args=[priority.pk])


def _statement_of(priority: Priority) -> Statement | None:
    return Statement.objects.filter(priority=priority).first()


@access(permission=VIEW_PANEL)
def priority_detail(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk)
    user = request.user
    statement = _statement_of(priority)
    today = timezone.localdate()
    return render(
        request,
        "panels/priority.html",
        {
            "priority": priority,
            "neighbourhood": priority.neighbourhood,
            "concerns": list(priority.concerns.live().order_by("-raised_on")),
            "milestones": list(priority.milestones.all()),
            "history": priority_history(priority),
            "checklist": sign_off_checklist(priority),
            "links": priority_links(user, priority),
            "statement": statement,
            # Panel members and the public read a statement once it is published; the police see drafts.
            "can_see_draft": user.role != Role.PANEL_MEMBER,
            "can_manage": has_permission(user, MANAGE_PRIORITIES),
            "can_endorse": has_permission(user, ENDORSE_SIGN_OFF),
            "can_approve": has_permission(user, APPROVE_STATEMENT),
            "can_see_history": has_permission(user, VIEW_AUDIT_HISTORY),
            "stale": is_stale(priority, today=today) if priority.holds_a_place else False,
            "today": today,
        },
    )


def _priority_row(priority: Priority) -> list:
    statement = getattr(priority, "statement", None)
    published = statement is not None and statement.is_published
    return [
        priority.wording,
        priority.get_topic_display(),
        priority.get_status_display(),
        priority.selected_on,
        priority.ended_on,
        priority.owner.full_name,
        priority.last_update,
        f"{statement.you_said} / {statement.we_did}" if published else "",
    ]


@access(permission=VIEW_PANEL)
def ward_priorities_list(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    priorities = list(ward_priorities(neighbourhood))
    if fmt := requested_format(request):
        rows = [_priority_row(p) for p in priorities]
        return table_response(f"priorities-{neighbourhood.code}", PRIORITY_HEADERS, rows, fmt)
    return render(
        request,
        "panels/ward_priorities.html",
        {
            "neighbourhood": neighbourhood,
            "current": [p for p in priorities if p.holds_a_place],
            "past": [p for p in priorities if not p.holds_a_place],
        },
    )


def _priority_context(priority: Priority, title: str, **more) -> dict:
    return {"neighbourhood": priority.neighbourhood, "priority": priority, "title": title, **more}


@access(permission=MANAGE_PRIORITIES)
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=PriorityEditForm,
        template="panels/form.html",
        save=lambda form: services.priority_update(
            priority=priority, actor=request.user, **form.cleaned_data
        ),
        success_url=_priority_url(priority),
        success_message="Priority saved",
        form_kwargs={
            "officers": team_officers(priority.neighbourhood),
            "initial": {
                "wording": priority.wording,
                "owner": priority.owner_id,
                "young_people": priority.young_people,
            },
        },
        context=_priority_context(priority, "Change the priority"),
    )


@access(permission=MANAGE_PRIORITIES)
def update_new(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=ProgressForm,
        template="panels/form.html",
        save=lambda form: services.progress_update_add(
            priority=priority, actor=request.user, **form.cleaned_data
        ),
        success_url=_priority_url(priority),
        success_message="Progress update added",
        context=_priority_context(priority, "Add a progress update"),
    )


@access(permission=MANAGE_PRIORITIES)
def milestone_new(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=MilestoneForm,
        template="panels/form.html",
        save=lambda form: services.milestone_add(priority=priority, actor=request.user, **form.cleaned_data),
        success_url=_priority_url(priority),
        success_message=lambda milestone: f"Milestone added: {milestone.description}",
        context=_priority_context(priority, "Add a milestone or target"),
    )


@access(permission=MANAGE_PRIORITIES)
def milestone_achieved(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_milestone_for_user(request.user, pk, for_write=True)
    priority = milestone.priority
    return form_page(
        request,
        form_class=AchievedForm,
        template="panels/form.html",
        save=lambda form: services.milestone_achieve(
            milestone=milestone, actor=request.user, **form.cleaned_data
        ),
        success_url=_priority_url(priority),
        success_message=lambda milestone: f"Milestone met: {milestone.description}",
        context=_priority_context(priority, f"Milestone met: {milestone.description}"),
    )


def _endorse_save(priority: Priority, user):
    def save(form: EndorseForm):
        note = form.cleaned_data["note"]
        if form.cleaned_data["decision"] == ENDORSE:
            return services.priority_endorse(priority=priority, note=note, actor=user)
        return services.priority_endorsement_decline(priority=priority, note=note, actor=user)

    return save


@access(permission=ENDORSE_SIGN_OFF)
def priority_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk)
    return form_page(
        request,
        form_class=EndorseForm,
        template="panels/endorse_form.html",
        save=_endorse_save(priority, request.user),
        success_url=_priority_url(priority),
        success_message=lambda p: (
            "Sign-off endorsed: the priority is closed"
            if p.status == Priority.Status.CLOSED
            else "Sign-off returned to the panel"
        ),
        context=_priority_context(
            priority, "Endorse the panel's sign-off", checklist=sign_off_checklist(priority)
        ),
    )


def _statement_initial(statement: Statement | None) -> dict:
    if statement is None:
        return {}
    return {"you_said": statement.you_said, "we_did": statement.we_did}


@access(permission=MANAGE_PRIORITIES)
def statement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk, for_write=True)
    statement = _statement_of(priority)
    return form_page(
        request,
        form_class=StatementForm,
        template="panels/statement_form.html",
        save=lambda form: services.statement_save(priority=priority, actor=request.user, **form.cleaned_data),
        success_url=_priority_url(priority),
        success_message=lambda s: (
            "Statement sent to the sergeant for approval"
            if s.status == Statement.Status.AWAITING_APPROVAL
            else "Statement draft saved"
        ),
        form_kwargs={"initial": _statement_initial(statement)},
        context=_priority_context(priority, "'You said, we did' statement", statement=statement),
    )


def _approve_save(statement: Statement | None, user):
    def save(form: ApproveForm):
        if statement is None:
            raise _no_statement()
        if form.cleaned_data["decision"] == APPROVE:
            return services.statement_approve(statement=statement, actor=user)
        return services.statement_return(statement=statement, note=form.cleaned_data["note"], actor=user)

    return save


def _no_statement() -> ValidationError:
    return ValidationError("The team has not drafted a statement for this priority yet.")


@access(permission=APPROVE_STATEMENT)
def statement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk)
    statement = _statement_of(priority)
    return form_page(
        request,
        form_class=ApproveForm,
        template="panels/statement_approve.html",
        save=_approve_save(statement, request.user),
        success_url=_priority_url(priority),
        success_message=lambda s: (
            "Statement approved"
            if s.status == Statement.Status.APPROVED
            else "Statement returned to the team"
        ),
        context=_priority_context(priority, "Approve the statement", statement=statement),
    )


def _publish_save(statement: Statement | None, user):
    def save(form: PublishForm):
        if statement is None:
            raise _no_statement()
        return services.statement_publish(statement=statement, actor=user)

    return save


@access(permission=MANAGE_PRIORITIES)
def statement_publish(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk, for_write=True)
    statement = _statement_of(priority)
    return form_page(
        request,
        form_class=PublishForm,
        template="panels/statement_publish.html",
        save=_publish_save(statement, request.user),
        success_url=_priority_url(priority),
        success_message="Statement published: residents can read it",
        context=_priority_context(priority, "Publish the statement", statement=statement, button="Publish"),
    )
