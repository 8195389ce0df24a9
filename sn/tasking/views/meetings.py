"""The tasking pages of a borough (its meetings, open actions and bids) and of one meeting (who came,
the agenda of actions to follow up, decisions, actions set, bids decided), with the lead's forms."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.geography.scope import scope_of
from sn.tasking import services
from sn.tasking.forms import ActionForm, DecisionForm, FollowUpForm, GuestForm, MeetingForm
from sn.tasking.models import Action
from sn.tasking.pack.deployments import borough_reported
from sn.tasking.permissions import (
    MANAGE_TASKING,
    PREPARE_PACKS,
    RAISE_BIDS,
    VIEW_TASKING,
    get_action_for_user,
    get_meeting_for_user,
)
from sn.tasking.selectors import (
    agenda,
    borough_meetings,
    boroughs_for_user,
    get_borough_for_user,
    open_borough_actions,
    open_borough_bids,
)
from sn.tasking.views.common import (
    borough_organisations,
    borough_people,
    meeting_context,
    meeting_url,
    open_cases,
)


@access(permission=VIEW_TASKING)
def index(request: HttpRequest) -> HttpResponse:
    """The boroughs whose tasking the user reads."""
    boroughs = list(boroughs_for_user(request.user).order_by("name"))
    return render(request, "tasking/index.html", {"boroughs": boroughs})


@access(permission=VIEW_TASKING)
def borough_detail(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    today = timezone.localdate()
    meetings = borough_meetings(borough)
    user = request.user
    return render(
        request,
        "tasking/borough.html",
        {
            "borough": borough,
            "coming": [m for m in reversed(meetings) if m.held_on >= today],
            "past": [m for m in meetings if m.held_on < today],
            "actions": open_borough_actions(borough),
            "bids": open_borough_bids(borough),
            "today": today,
            "can_manage": has_permission(user, MANAGE_TASKING),
            "bid_wards": list(
                scope_of(user).neighbourhoods().filter(borough=borough, team__isnull=False).order_by("name")
            )
            if has_permission(user, RAISE_BIDS)
            else [],
        },
    )


@access(permission=MANAGE_TASKING)
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    people = borough_people(borough)
    by_id = {str(u.pk): u for u in people}
    return form_page(
        request,
        form_class=MeetingForm,
        template="tasking/form.html",
        save=lambda form: services.meeting_create(
            borough=borough,
            actor=request.user,
            **{**form.cleaned_data, "attendees": [by_id[pk] for pk in form.cleaned_data["attendees"]]},
        ),
        success_url=meeting_url,
        success_message="Meeting recorded",
        form_kwargs={"people": people, "initial": {"kind": "tasking_group", "held_on": timezone.localdate()}},
        context={
            "borough": borough,
            "title": "Record a tasking meeting",
            "back": reverse("tasking:borough", args=[code]),
        },
    )


@access(permission=VIEW_TASKING)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    today = timezone.localdate()
    user = request.user
    return render(
        request,
        "tasking/meeting.html",
        {
            "borough": meeting.borough,
            "meeting": meeting,
            "held": meeting.held_on <= today,
            "attendees": list(meeting.attendees.order_by("last_name", "first_name")),
            "guests": list(meeting.guests.select_related("organisation")),
            "agenda": agenda(meeting),
            "followed_up": list(meeting.follow_ups.select_related("action__owner_user", "action__meeting")),
            "decisions": list(meeting.decisions.select_related("case")),
            "actions": list(meeting.actions.select_related("owner_user", "case")),
            "bids": list(meeting.bids_decided.select_related("neighbourhood")),
            "deployments": borough_reported(meeting.borough, meeting.held_on),
            "pack": getattr(meeting, "pack", None),
            "today": today,
            "can_manage": has_permission(user, MANAGE_TASKING),
            "can_prepare": has_permission(user, PREPARE_PACKS),
            "can_see_history": has_permission(user, VIEW_AUDIT_HISTORY),
        },
    )


@access(permission=MANAGE_TASKING)
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, for_write=True)
    people = borough_people(meeting.borough)
    by_id = {str(u.pk): u for u in people}

    def save(form):
        data = {**form.cleaned_data, "attendees": [by_id[p] for p in form.cleaned_data["attendees"]]}
        return services.meeting_update(meeting=meeting, actor=request.user, **data)

    return form_page(
        request,
        form_class=MeetingForm,
        template="tasking/form.html",
        save=save,
        success_url=meeting_url(meeting),
        success_message="Meeting saved",
        form_kwargs={
            "people": people,
            "editing": True,
            "initial": {
                "held_on": meeting.held_on,
                "chair": meeting.chair,
                "place": meeting.place,
                "notes": meeting.notes,
                "attendees": [str(pk) for pk in meeting.attendees.values_list("pk", flat=True)],
            },
        },
        context=meeting_context(meeting, "Change the meeting's record"),
    )


@access(permission=MANAGE_TASKING)
def guest_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=GuestForm,
        template="tasking/form.html",
        save=lambda form: services.guest_add(meeting=meeting, actor=request.user, **form.cleaned_data),
        success_url=meeting_url(meeting),
        success_message=lambda guest: f"{guest.name} added",
        form_kwargs={"organisations": borough_organisations(meeting.borough)},
        context=meeting_context(meeting, "Add someone from a partner organisation"),
    )


@access(permission=MANAGE_TASKING)
def decision_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=DecisionForm,
        template="tasking/form.html",
        save=lambda form: services.decision_add(meeting=meeting, actor=request.user, **form.cleaned_data),
        success_url=meeting_url(meeting),
        success_message="Decision recorded",
        form_kwargs={"cases": open_cases(meeting.borough)},
        context=meeting_context(meeting, "Record a decision"),
    )


@access(permission=MANAGE_TASKING)
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=ActionForm,
        template="tasking/form.html",
        save=lambda form: services.action_add(meeting=meeting, actor=request.user, **form.cleaned_data),
        success_url=meeting_url(meeting),
        success_message=lambda action: f"Action set: {action.description}",
        form_kwargs={"cases": open_cases(meeting.borough), "people": borough_people(meeting.borough)},
        context=meeting_context(meeting, "Set an action"),
    )


@access(permission=MANAGE_TASKING)
def follow_up(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, for_write=True)
    action: Action = get_action_for_user(request.user, action_pk, for_write=True)
    return form_page(
        request,
        form_class=FollowUpForm,
        template="tasking/form.html",
        save=lambda form: services.action_follow_up(
            action=action, meeting=meeting, actor=request.user, **form.cleaned_data
        ),
        success_url=meeting_url(meeting),
        success_message=lambda f: f"{f.get_outcome_display()}: {action.description}",
        context=meeting_context(meeting, "Follow up an action", action=action),
    )
