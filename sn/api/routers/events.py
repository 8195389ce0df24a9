"""Engagement events of the wards in scope (view_engagement, through the engagement EVENTS record rule
as the event pages): the team's working record, so only police and staff roles read them here; public
events reach residents through the public pages and the police.uk-compatible API."""

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sn.api.common import Paging, answers, code_filter, refuse
from sn.core.access import api_access
from sn.engagement.models import Event, EventKind, EventStatus
from sn.engagement.permissions import EVENTS, VIEW_ENGAGEMENT, get_event_for_user
from sn.engagement.selectors import status_q

router = Router(tags=["Engagement events"])


class EventOut(Schema):
    id: int
    ward: str
    ward_name: str
    kind: EventKind
    kind_label: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str
    latitude: float | None
    longitude: float | None
    led_by: str = Field(description="Who led it, in words")
    public: bool = Field(description="Listed on the public pages")
    attendance: int | None
    status: EventStatus
    written_up_at: datetime | None

    @staticmethod
    def resolve_ward(e: Event) -> str:
        return e.neighbourhood.code

    @staticmethod
    def resolve_ward_name(e: Event) -> str:
        return e.neighbourhood.name

    @staticmethod
    def resolve_kind_label(e: Event) -> str:
        return e.get_kind_display()

    @staticmethod
    def resolve_led_by(e: Event) -> str:
        return e.leader

    @staticmethod
    def resolve_status(e: Event) -> str:
        return e.status()


class EventDetailOut(EventOut):
    notes: str = Field(description="The write-up")


class EventFilters(Schema):
    ward: str | None = code_filter()
    status: EventStatus | None = None
    kind: EventKind | None = None
    public: bool | None = Field(None, description="true: only public events; false: only internal ones")
    start: date | None = Field(None, alias="from", description="Held on or after this day")
    end: date | None = Field(None, alias="to", description="Held on or before this day")


@router.get("/events", response=answers(list[EventOut]), url_name="events")
@api_access(permission=VIEW_ENGAGEMENT)
@paginate(Paging)
def events(request: HttpRequest, filters: Query[EventFilters]):
    """The live (not archived) events of the wards in your scope, latest first."""
    if filters.start and filters.end and filters.end < filters.start:
        raise refuse("to", "The last day must be on or after the first (from).")
    queryset = EVENTS.filter_for(request.user, Event.objects.live()).select_related("neighbourhood", "led_by")
    if filters.ward:
        queryset = queryset.filter(neighbourhood__code=filters.ward)
    if filters.status:
        queryset = queryset.filter(status_q(filters.status, timezone.now()))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.public is not None:
        queryset = queryset.filter(public=filters.public)
    if filters.start:
        queryset = queryset.filter(starts_at__date__gte=filters.start)
    if filters.end:
        queryset = queryset.filter(starts_at__date__lte=filters.end)
    return queryset.order_by("-starts_at", "-id")


@router.get("/events/{pk}", response=answers(EventDetailOut, one=True), url_name="event")
@api_access(permission=VIEW_ENGAGEMENT)
def event(request: HttpRequest, pk: int):
    """One event in your scope, with its write-up; 404 outside it or once archived."""
    return get_event_for_user(request.user, pk)
