"""Factories for panels, members, meetings and priorities. Names are plain (no apostrophes), so that raw
HTML asserts can look for them."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sn.concerns.taxonomy import Topic
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.panels.models import Meeting, MeetingPaper, Milestone, Panel, PanelMember, Priority, ProgressUpdate
from sn.panels.models.panels import MemberType
from sn.teams.tests.factories import OfficerFactory


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def at_seven_pm(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 0)))


class PanelFactory(DjangoModelFactory):
    class Meta:
        model = Panel

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    name = factory.LazyAttribute(lambda o: f"{o.neighbourhood.name} Ward Panel")
    formed_on = factory.LazyFunction(lambda: days_ago(3 * 365))
    usual_venue = "Community Hall, High Street"


class PanelMemberFactory(DjangoModelFactory):
    class Meta:
        model = PanelMember

    panel = factory.SubFactory(PanelFactory)
    name = factory.Sequence(lambda n: f"Member Number{n}")
    member_type = MemberType.RESIDENT
    joined_on = factory.LazyFunction(lambda: days_ago(2 * 365))


class MeetingFactory(DjangoModelFactory):
    """A meeting held a week ago, unless told otherwise (`status=Meeting.Status.PLANNED`, `starts_at=`)."""

    class Meta:
        model = Meeting

    panel = factory.SubFactory(PanelFactory)
    starts_at = factory.LazyFunction(lambda: at_seven_pm(days_ago(7)))
    place = "Community Hall, High Street"
    agenda = "1. Progress on priorities\n2. What residents raised\n3. Any other business"
    status = Meeting.Status.HELD
    minutes = "The panel reviewed progress and heard from residents."


class MeetingPaperFactory(DjangoModelFactory):
    class Meta:
        model = MeetingPaper

    meeting = factory.SubFactory(MeetingFactory)
    title = "Analysis of concerns"
    url = "https://documents.police.example/panel/analysis.pdf"


class PriorityFactory(DjangoModelFactory):
    """An active priority chosen at a held meeting of its ward's panel, owned by a new PC (not posted
    anywhere: pass `owner=` an officer of the team when the test needs one)."""

    class Meta:
        model = Priority

    selected_at = factory.SubFactory(MeetingFactory)
    panel = factory.SelfAttribute("selected_at.panel")
    neighbourhood = factory.SelfAttribute("selected_at.panel.neighbourhood")
    selected_on = factory.LazyAttribute(lambda o: timezone.localdate(o.selected_at.starts_at))
    topic = Topic.BURGLARY
    wording = factory.Sequence(lambda n: f"Reduce burglary on the estates, number {n}")
    owner = factory.SubFactory(OfficerFactory)
    status = Priority.Status.ACTIVE


class ProgressUpdateFactory(DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    priority = factory.SubFactory(PriorityFactory)
    on = factory.LazyFunction(timezone.localdate)
    text = "Patrols on the estate at the times residents named."


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    priority = factory.SubFactory(PriorityFactory)
    description = "Crime prevention advice to every flat on the estate"
    target = "Burglaries down by a quarter"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
