"""A meeting's page (agenda, attendance, minutes, papers and the panel's decisions) and the forms that
plan, record and cancel it, and choose and review priorities at it."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.concerns.selectors import period_ending, ward_concerns
from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.panels import services
from sn.panels.dates import long_date
from sn.panels.forms import (
    CancelForm,
    MeetingForm,
    MeetingRecordForm,
    PaperForm,
    PrioritySelectForm,
    ReviewForm,
)
from sn.panels.models import Meeting, PanelMember, Priority
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.panels.notices import meeting_notices
from sn.panels.permissions import (
    MANAGE_PANEL,
    RECORD_PANEL_DECISION,
    VIEW_PANEL,
    get_meeting_for_user,
    get_priority_for_user,
    is_chair_of,
    require_decision_maker,
)
from sn.panels.selectors import concern_topics_for_selection, current_priorities, priority_warnings
from sn.panels.views.common import attending_officers, get_panel_for_user, team_officers


def _meeting_url(meeting: Meeting) -> str:
    return reverse("panels:meeting", args=[meeting.pk])


@access(permission=VIEW_PANEL)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    user, panel = request.user, meeting.panel
    decides = has_permission(user, RECORD_PANEL_DECISION) and (
        user.role != "panel_member" or is_chair_of(user, panel)
    )
    reviews = list(meeting.reviews.select_related("priority"))
    reviewed = {r.priority_id for r in reviews}
    current = current_priorities(panel.neighbourhood)
    return render(
        request,
        "panels/meeting.html",
        {
            "meeting": meeting,
            "panel": panel,
            "neighbourhood": panel.neighbourhood,
            "members_present": list(meeting.members_present.order_by("name")),
            "officers_present": list(meeting.officers_present.all()),
            "papers": list(meeting.papers.all()),
            "notices": meeting_notices(meeting),
            "selected": list(meeting.priorities_selected.all()),
            "reviews": reviews,
            # Priorities chosen before this meeting, not yet reviewed at it.
            "to_review": [
                p
                for p in current
                if p.id not in reviewed
                and p.status == Priority.Status.ACTIVE
                and p.selected_at_id != meeting.pk
                and p.selected_on <= meeting.held_on
            ],
            "can_manage": has_permission(user, MANAGE_PANEL),
            "can_decide": decides,
            "can_see_history": has_permission(user, VIEW_AUDIT_HISTORY),
            "warnings": priority_warnings(current),
        },
    )


@access(permission=MANAGE_PANEL)
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    panel = get_panel_for_user(request.user, code)
    return form_page(
        request,
        form_class=MeetingForm,
        template="panels/form.html",
        save=lambda form: services.meeting_plan(
            panel=panel,
            starts_at=form.cleaned_data["starts_at"],
            place=form.cleaned_data["place"],
            agenda=form.cleaned_data["agenda"],
            actor=request.user,
        ),
        success_url=_meeting_url,
        success_message=lambda meeting: f"Meeting on {long_date(meeting.held_on)} planned",
        form_kwargs={"initial": {"place": panel.usual_venue, "time": "19:00"}},
        context={"neighbourhood": panel.neighbourhood, "panel": panel, "title": "Plan a meeting"},
    )


def _when_initial(meeting: Meeting) -> dict:
    local = timezone.localtime(meeting.starts_at)
    return {"date": local.date(), "time": local.time().replace(second=0, microsecond=0)}


@access(permission=MANAGE_PANEL)
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=MeetingForm,
        template="panels/form.html",
        save=lambda form: services.meeting_update(
            meeting=meeting,
            starts_at=form.cleaned_data["starts_at"],
            place=form.cleaned_data["place"],
            agenda=form.cleaned_data["agenda"],
            actor=request.user,
        ),
        success_url=_meeting_url,
        success_message="Meeting details saved",
        form_kwargs={"initial": {**_when_initial(meeting), "place": meeting.place, "agenda": meeting.agenda}},
        context=_meeting_context(meeting, "Change the meeting's details"),
    )


def _meeting_context(meeting: Meeting, title: str) -> dict:
    return {
        "neighbourhood": meeting.panel.neighbourhood,
        "panel": meeting.panel,
        "meeting": meeting,
        "title": title,
    }


@access(permission=MANAGE_PANEL)
def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, for_write=True)
    neighbourhood = meeting.panel.neighbourhood
    initial = {
        **_when_initial(meeting),
        "minutes": meeting.minutes,
        "public_count": meeting.public_count,
        "members_present": list(meeting.members_present.values_list("pk", flat=True)),
        "officers_present": list(meeting.officers_present.values_list("pk", flat=True)),
    }
    return form_page(
        request,
        form_class=MeetingRecordForm,
        template="panels/form.html",
        save=lambda form: services.meeting_record_held(
            meeting=meeting,
            starts_at=form.cleaned_data["starts_at"],
            minutes=form.cleaned_data["minutes"],
            members_present=form.cleaned_data["members_present"],
            officers_present=form.cleaned_data["officers_present"],
            public_count=form.cleaned_data["public_count"],
            actor=request.user,
        ),
        success_url=_meeting_url,
        success_message="Meeting recorded as held",
        form_kwargs={
            "initial": initial,
            "members": PanelMember.objects.live().filter(panel=meeting.panel).order_by("name"),
            "officers": attending_officers(neighbourhood),
        },
        context=_meeting_context(meeting, "Record the meeting"),
    )


@access(permission=MANAGE_PANEL)
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=CancelForm,
        template="panels/form.html",
        save=lambda form: services.meeting_cancel(meeting=meeting, actor=request.user, **form.cleaned_data),
        success_url=_meeting_url,
        success_message="Meeting cancelled",
        context={**_meeting_context(meeting, "Cancel the meeting"), "button": "Cancel the meeting"},
    )


@access(permission=MANAGE_PANEL)
def paper_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=PaperForm,
        template="panels/form.html",
        save=lambda form: services.meeting_paper_add(
            meeting=meeting, actor=request.user, **form.cleaned_data
        ),
        success_url=_meeting_url(meeting),
        success_message=lambda paper: f"Paper '{paper.title}' added",
        context=_meeting_context(meeting, "Add a paper"),
    )


@access(permission=RECORD_PANEL_DECISION)
def priority_select(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    require_decision_maker(request.user, meeting.panel)
    neighbourhood = meeting.panel.neighbourhood
    ranking = concern_topics_for_selection(neighbourhood)
    period = period_ending(months=settings.SN_CONCERNS_DEFAULT_MONTHS)
    current = current_priorities(neighbourhood)
    return form_page(
        request,
        form_class=PrioritySelectForm,
        template="panels/priority_select.html",
        save=lambda form: services.priority_select(meeting=meeting, actor=request.user, **form.cleaned_data),
        success_url=lambda priority: reverse("panels:priority", args=[priority.pk]),
        success_message=lambda priority: f"Priority chosen: {priority.wording}",
        form_kwargs={
            "concerns": ward_concerns(neighbourhood, start=period.start, end=period.end),
            "officers": team_officers(neighbourhood),
            "current": Priority.objects.filter(neighbourhood=neighbourhood, status__in=HOLDING_A_PLACE),
            "topics": [rank.topic for rank in ranking],
        },
        context={
            **_meeting_context(meeting, "Choose a priority"),
            "ranking": ranking,
            "period": period,
            "current": current,
            "warnings": priority_warnings(current),
            "most": settings.SN_PRIORITIES_MAX,
            "normal": settings.SN_PRIORITIES_NORMAL,
        },
    )


@access(permission=RECORD_PANEL_DECISION)
def priority_review(request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    require_decision_maker(request.user, meeting.panel)
    priority = get_priority_for_user(request.user, priority_pk)
    return form_page(
        request,
        form_class=ReviewForm,
        template="panels/review_form.html",
        save=lambda form: services.priority_review(
            priority=priority, meeting=meeting, actor=request.user, **form.cleaned_data
        ),
        success_url=_meeting_url(meeting),
        success_message=lambda review: f"Review recorded: {review.get_outcome_display()}",
        context={**_meeting_context(meeting, "Review a priority"), "priority": priority},
    )
