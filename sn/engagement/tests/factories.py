"""Factories for engagement. An event is in the past, written up, at a named venue, led by someone named,
unless a test says otherwise; its ward is a new one of the factories' grid unless given."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sn.concerns.tests.factories import ConcernFactory
from sn.engagement.models import AuditItem, Event, EventKind, Finding, SafeAfterDark, Severity, SurveyResponse
from sn.geography.tests.factories import NeighbourhoodFactory


def days_ago(days: int, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    kind = EventKind.STREET_BRIEFING
    title = factory.Sequence(lambda n: f"Street briefing number {n}")
    starts_at = factory.LazyFunction(lambda: days_ago(10))
    venue = "Outside the library"
    led_by_name = "Council ward officer"
    attendance = 12
    written_up_at = factory.LazyFunction(timezone.now)


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    event = factory.SubFactory(EventFactory, kind=EventKind.VISUAL_AUDIT)
    item = AuditItem.GRAFFITI
    severity = Severity.MODERATE
    latitude = 51.505
    longitude = -0.195
    concern = factory.SubFactory(
        ConcernFactory, neighbourhood=factory.SelfAttribute("..event.neighbourhood"), channel="visual_audit"
    )


class SurveyResponseFactory(DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    event = factory.SubFactory(EventFactory, kind=EventKind.SURVEY)
    worry = ""
    safe_after_dark = SafeAfterDark.MOSTLY
