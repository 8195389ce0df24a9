"""A ward with everything the public page shows, and everything it must never show."""

import datetime

from django.urls import reverse
from django.utils import timezone

from sn.community.tests.factories import ContactFactory, KinMemberFactory
from sn.engagement.tests.factories import EventFactory
from sn.panels.models import Meeting, Priority, Statement
from sn.panels.tests.factories import (
    MeetingFactory,
    MilestoneFactory,
    PanelFactory,
    PanelMemberFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)


def in_days(days: int, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def ward_url(ward) -> str:
    return reverse("public:ward", args=[ward.code])


def _statement(priority, status, *, published=False, you_said="", we_did="") -> Statement:
    approved = status == Statement.Status.APPROVED
    return Statement.objects.create(
        priority=priority,
        you_said=you_said or f"You said {status} {priority.pk}",
        we_did=we_did or f"We did {status} {priority.pk}",
        status=status,
        approved_at=timezone.now() if approved else None,
        published_at=timezone.now() if published else None,
    )


def full_ward(world):
    """Ward a1 with a panel, current and closed priorities, statements at every stage, events and
    meetings of every kind, and personal data that must never appear."""
    ward = world.wards["a1"]
    panel = PanelFactory(neighbourhood=ward)
    chosen_at = MeetingFactory(panel=panel)
    sergeant = world.officers["sergeant_a"]
    current = PriorityFactory(selected_at=chosen_at, owner=sergeant, wording="Stop drug dealing in the park")
    MilestoneFactory(
        priority=current, description="Lighting fixed by the gates", achieved_on=timezone.localdate()
    )
    MilestoneFactory(priority=current, description="Weekly patrols at dusk")
    ProgressUpdateFactory(priority=current, text="Internal note: spoke to the man at number 12")
    closed_at = MeetingFactory(panel=panel, starts_at=in_days(-30))
    closed = []
    for wording in ("Fewer burglaries on the Elm estate", "Speeding on Church Road", "Litter by the shops"):
        p = PriorityFactory(selected_at=chosen_at, owner=sergeant, wording=wording)
        Priority.objects.filter(pk=p.pk).update(
            status=Priority.Status.CLOSED,
            resolved_at=closed_at,
            endorsed_at=timezone.now(),
            ended_on=timezone.localdate(),
        )
        closed.append(p)
    _statement(
        closed[0],
        Statement.Status.APPROVED,
        published=True,
        you_said="You told us burglaries worried you",
        we_did="We marked property and patrolled",
    )
    _statement(closed[1], Statement.Status.APPROVED, we_did="Approved but not yet published text")
    _statement(closed[2], Statement.Status.DRAFT, we_did="Draft text the sergeant has not seen")
    EventFactory(
        neighbourhood=ward,
        public=True,
        title="Cuppa with a copper",
        starts_at=in_days(5),
        venue="Elm Library",
    )
    EventFactory(
        neighbourhood=ward, public=False, title="Private briefing for partners", starts_at=in_days(6)
    )
    EventFactory(
        neighbourhood=ward, public=True, title="Last month's street briefing", starts_at=in_days(-20)
    )
    cancelled = EventFactory(neighbourhood=ward, public=True, title="Cancelled surgery", starts_at=in_days(8))
    type(cancelled).objects.filter(pk=cancelled.pk).update(
        archived_at=timezone.now(), archived_reason="Cancelled"
    )
    MeetingFactory(
        panel=panel, status=Meeting.Status.PLANNED, starts_at=in_days(12, 19), place="St Mary's Hall"
    )
    MeetingFactory(
        panel=panel,
        status=Meeting.Status.CANCELLED,
        starts_at=in_days(13, 19),
        place="Cancelled Meeting Venue",
    )
    PanelMemberFactory(panel=panel, name="Petra Panelmember", is_chair=True, email="petra@example.org")
    KinMemberFactory(neighbourhood=ward, name="Kim Keyindividual", email="kim@example.org")
    ContactFactory(neighbourhood=ward, name="Connie Contact", email="connie@example.org")
    world.teams["a1"].email = "a1.team@police.example"
    world.teams["a1"].phone = "020 7000 0001"
    world.teams["a1"].save()
    return ward
