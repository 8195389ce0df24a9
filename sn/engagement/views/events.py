"""A ward's engagement events: the list (upcoming, to write up, written up), planning, editing, writing up
and archiving, and one event's page."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.concerns.permissions import VIEW_CONCERNS
from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.core.parameters import bad_parameter
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.engagement.forms import WRITE_UP_ROWS, ArchiveForm, EventConcernForm, EventForm, WriteUpForm
from sn.engagement.models import EventKind, EventStatus
from sn.engagement.permissions import EVENTS, MANAGE_ENGAGEMENT, VIEW_ENGAGEMENT, get_event_for_user
from sn.engagement.selectors import event_concerns, status_counts, ward_events, write_up_due
from sn.engagement.services import (
    event_archive,
    event_concern_add,
    event_create,
    event_update,
    event_write_up,
)
from sn.engagement.survey_results import survey_results
from sn.engagement.views.maps import event_map, ward_map
from sn.geography.selectors import get_neighbourhood_for_user
from sn.teams.models import Officer
from sn.teams.selectors import active_postings

EVENTS_PER_PAGE = 25


def team_officers(neighbourhood, also=None) -> list[Officer]:
    """Who may be named as leading an event: the team today, its cluster's inspector, and whoever led it
    already (they may have moved on since)."""
    today = timezone.localdate()
    ids = set(
        active_postings(on=today)
        .filter(team__neighbourhood=neighbourhood)
        .values_list("officer_id", flat=True)
    )
    if neighbourhood.cluster_id and neighbourhood.cluster.inspector_id:
        ids.add(neighbourhood.cluster.inspector_id)
    if also is not None:
        ids.add(also.pk)
    return list(Officer.objects.filter(pk__in=ids).order_by("last_name", "first_name"))


@access(permission=VIEW_ENGAGEMENT)
def ward_event_list(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    counts = status_counts(neighbourhood)
    status = request.GET.get("show") or (
        EventStatus.TO_WRITE_UP if counts[EventStatus.TO_WRITE_UP] else EventStatus.UPCOMING
    )
    if status not in EventStatus.values:
        return bad_parameter(
            request, name="show", value=status, error="Show upcoming, to-write-up or written-up"
        )
    kind = request.GET.get("kind", "")
    if kind and kind not in EventKind.values:
        return bad_parameter(request, name="kind", value=kind, error="Choose a kind of event from the list")
    events = EVENTS.filter_for(
        request.user, ward_events(neighbourhood, status=status, kinds=[kind] if kind else None)
    )
    page = _page(request, events)
    context = {
        "neighbourhood": neighbourhood,
        "status": status,
        "statuses": [(s.value, s.label, counts[s.value]) for s in EventStatus],
        "kind": kind,
        "kinds": EventKind.choices,
        "page": page,
        "events": list(page.object_list),
        "can_manage": has_permission(request.user, MANAGE_ENGAGEMENT),
        "today": timezone.localdate(),
    }
    return render(request, "engagement/ward_events.html", context)


def _page(request, events):
    return Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))


@access(permission=MANAGE_ENGAGEMENT)
def event_new(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    officer = getattr(request.user, "officer", None)
    officers = team_officers(neighbourhood)
    initial = {"led_by": officer.pk if officer in officers else None}
    return form_page(
        request,
        form_class=EventForm,
        template="engagement/event_form.html",
        form_kwargs={"officers": officers, "initial": initial},
        save=lambda form: event_create(
            neighbourhood=neighbourhood, **form.service_kwargs(), actor=request.user
        ),
        success_url=lambda event: event.get_absolute_url(),
        success_message=lambda event: f"{event.get_kind_display()} on {event.day:%d %B %Y} saved",
        context={
            "neighbourhood": neighbourhood,
            "ward_map": ward_map(neighbourhood),
            "title": "Plan or record an event",
        },
    )


@access(permission=VIEW_ENGAGEMENT)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk)
    now = timezone.now()
    context = {
        "event": event,
        "neighbourhood": event.neighbourhood,
        "status": event.status(now),
        "due": write_up_due(event) if not event.is_written_up else None,
        "concerns": list(event_concerns(event)),
        "can_manage": EVENTS.filter_for(request.user, for_write=True).filter(pk=event.pk).exists(),
        "can_see_concerns": has_permission(request.user, VIEW_CONCERNS),
        "can_see_history": has_permission(request.user, VIEW_AUDIT_HISTORY),
        "event_map": event_map(event),
    }
    if event.kind == EventKind.VISUAL_AUDIT:
        context["findings"] = list(event.findings.select_related("concern").order_by("id"))
    if event.kind == EventKind.SURVEY:
        context["results"] = survey_results(event.neighbourhood, start=event.day, end=event.day, event=event)
    return render(request, "engagement/event_detail.html", context)


@access(permission=MANAGE_ENGAGEMENT)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, for_write=True)
    local = timezone.localtime(event.starts_at)
    initial = {
        "kind": event.kind,
        "title": event.title,
        "starts_at": local.date(),
        "start_time": local.time().replace(second=0, microsecond=0),
        "ends_at": timezone.localtime(event.ends_at).time().replace(second=0, microsecond=0)
        if event.ends_at
        else None,
        "venue": event.venue,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "led_by": event.led_by_id,
        "led_by_name": event.led_by_name,
        "public": event.public,
        "notes": event.notes,
    }
    return form_page(
        request,
        form_class=EventForm,
        template="engagement/event_form.html",
        form_kwargs={"officers": team_officers(event.neighbourhood, also=event.led_by), "initial": initial},
        save=lambda form: event_update(event=event, **form.service_kwargs(), actor=request.user),
        success_url=event.get_absolute_url(),
        success_message="Event changed",
        context={
            "neighbourhood": event.neighbourhood,
            "event": event,
            "ward_map": ward_map(event.neighbourhood),
            "title": f"Change {event.title}",
        },
    )


def _rows(request) -> int:
    text = request.GET.get("rows", "")
    return int(text) if text.isdigit() else WRITE_UP_ROWS


@access(permission=MANAGE_ENGAGEMENT)
def event_write_up_page(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, for_write=True)
    rows = _rows(request)
    initial = {"attendance": event.attendance, "notes": event.notes}

    def save(form):
        return event_write_up(
            event=event,
            attendance=form.cleaned_data["attendance"],
            notes=form.cleaned_data["notes"],
            concerns=form.concerns(),
            actor=request.user,
        )

    return form_page(
        request,
        form_class=WriteUpForm,
        template="engagement/event_write_up.html",
        form_kwargs={"rows": rows, "initial": initial},
        save=save,
        success_url=event.get_absolute_url(),
        success_message="Write-up saved",
        context={
            "event": event,
            "neighbourhood": event.neighbourhood,
            "happened": event.starts_at <= timezone.now(),
            "more_rows": rows + WRITE_UP_ROWS,
        },
    )


@access(permission=MANAGE_ENGAGEMENT)
def event_concern_new(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=EventConcernForm,
        template="engagement/event_concern_form.html",
        save=lambda form: event_concern_add(event=event, concern=form.concern(), actor=request.user),
        success_url=event.get_absolute_url() + "#concerns",
        success_message=lambda concern: f"Concern about {concern.get_topic_display().lower()} recorded",
        context={
            "event": event,
            "neighbourhood": event.neighbourhood,
            "ward_map": ward_map(event.neighbourhood),
            "happened": event.starts_at <= timezone.now(),
        },
    )


@access(permission=MANAGE_ENGAGEMENT)
def event_archive_page(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=ArchiveForm,
        template="engagement/event_archive.html",
        save=lambda form: event_archive(event=event, reason=form.cleaned_data["reason"], actor=request.user),
        success_url=reverse("engagement:ward_events", args=[event.neighbourhood.code]),
        success_message=f"{event.title} archived",
        context={"event": event, "neighbourhood": event.neighbourhood},
    )
