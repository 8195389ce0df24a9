"""Recording key locations and recurring events on the ward's map: add, change, archive.

The ward is fetched in the user's scope first (404 outside it); a record through its rule, for writing
(404 out of reach, 403 when the user may only read it). Every rule is the service's.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from sn.core.access import access
from sn.core.form_pages import form_page
from sn.geography.selectors import get_neighbourhood_for_user
from sn.profiles.forms import ArchiveForm, KeyLocationForm, RecurringEventForm
from sn.profiles.permissions import (
    MANAGE_KEY_LOCATIONS,
    get_key_location_for_user,
    get_recurring_event_for_user,
)
from sn.profiles.selectors import key_locations, recurring_events
from sn.profiles.services import (
    key_location_archive,
    key_location_create,
    key_location_update,
    recurring_event_archive,
    recurring_event_create,
    recurring_event_update,
)
from sn.profiles.views import places_json, ward_map

LOCATION_FIELDS = ("kind", "name", "address", "description", "latitude", "longitude")
EVENT_FIELDS = (
    "kind",
    "name",
    "schedule",
    "next_date",
    "location",
    "expected_attendance",
    "description",
    "latitude",
    "longitude",
)


def _profile_url(neighbourhood, anchor: str) -> str:
    return reverse("profiles:ward_profile", args=[neighbourhood.code]) + anchor


def _place_context(neighbourhood, title: str, what: str, record=None) -> dict:
    """The form's map shows the ward and what is already on it, the record being changed apart."""
    locations = [p for p in key_locations(neighbourhood) if p != record]
    events = [e for e in recurring_events(neighbourhood) if e != record]
    return {
        "neighbourhood": neighbourhood,
        "title": title,
        "what": what,
        "record": record,
        "ward_map": ward_map(neighbourhood),
        "places": places_json(locations, events),
    }


@access(permission=MANAGE_KEY_LOCATIONS)
def location_new(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    return form_page(
        request,
        form_class=KeyLocationForm,
        template="profiles/place_form.html",
        save=lambda form: key_location_create(
            neighbourhood=neighbourhood, actor=request.user, **form.cleaned_data
        ),
        success_url=lambda location: _profile_url(neighbourhood, "#key-locations"),
        success_message=lambda location: f"{location.name} added to the key locations",
        context=_place_context(neighbourhood, "Add a key location", "key location"),
    )


@access(permission=MANAGE_KEY_LOCATIONS)
def location_edit(request: HttpRequest, pk: int) -> HttpResponse:
    location = get_key_location_for_user(request.user, pk, for_write=True)
    neighbourhood = location.neighbourhood
    return form_page(
        request,
        form_class=KeyLocationForm,
        template="profiles/place_form.html",
        save=lambda form: key_location_update(location=location, actor=request.user, **form.cleaned_data),
        success_url=_profile_url(neighbourhood, "#key-locations"),
        success_message=lambda saved: f"{saved.name} saved",
        form_kwargs={"initial": {f: getattr(location, f) for f in LOCATION_FIELDS}},
        context=_place_context(neighbourhood, f"Change {location.name}", "key location", location),
    )


@access(permission=MANAGE_KEY_LOCATIONS)
def location_archive(request: HttpRequest, pk: int) -> HttpResponse:
    location = get_key_location_for_user(request.user, pk, for_write=True)
    neighbourhood = location.neighbourhood
    return form_page(
        request,
        form_class=ArchiveForm,
        template="profiles/archive.html",
        save=lambda form: key_location_archive(
            location=location, reason=form.cleaned_data["reason"], actor=request.user
        ),
        success_url=_profile_url(neighbourhood, "#key-locations"),
        success_message=lambda archived: f"{archived.name} archived",
        context={"neighbourhood": neighbourhood, "record": location, "what": "key location"},
    )


@access(permission=MANAGE_KEY_LOCATIONS)
def event_new(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    return form_page(
        request,
        form_class=RecurringEventForm,
        template="profiles/place_form.html",
        save=lambda form: recurring_event_create(
            neighbourhood=neighbourhood, actor=request.user, **form.cleaned_data
        ),
        success_url=lambda event: _profile_url(neighbourhood, "#recurring-events"),
        success_message=lambda event: f"{event.name} added to the recurring events",
        context=_place_context(neighbourhood, "Add a recurring event", "recurring event"),
    )


@access(permission=MANAGE_KEY_LOCATIONS)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_recurring_event_for_user(request.user, pk, for_write=True)
    neighbourhood = event.neighbourhood
    return form_page(
        request,
        form_class=RecurringEventForm,
        template="profiles/place_form.html",
        save=lambda form: recurring_event_update(event=event, actor=request.user, **form.cleaned_data),
        success_url=_profile_url(neighbourhood, "#recurring-events"),
        success_message=lambda saved: f"{saved.name} saved",
        form_kwargs={"initial": {f: getattr(event, f) for f in EVENT_FIELDS}},
        context=_place_context(neighbourhood, f"Change {event.name}", "recurring event", event),
    )


@access(permission=MANAGE_KEY_LOCATIONS)
def event_archive(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_recurring_event_for_user(request.user, pk, for_write=True)
    neighbourhood = event.neighbourhood
    return form_page(
        request,
        form_class=ArchiveForm,
        template="profiles/archive.html",
        save=lambda form: recurring_event_archive(
            event=event, reason=form.cleaned_data["reason"], actor=request.user
        ),
        success_url=_profile_url(neighbourhood, "#recurring-events"),
        success_message=lambda archived: f"{archived.name} archived",
        context={"neighbourhood": neighbourhood, "record": event, "what": "recurring event"},
    )
