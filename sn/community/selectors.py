"""Shared reads of the Key Individual Network and contacts: a ward's members with when each is due an
interview, the records due a retention review, and the figures of the ward panel.

Every read of personal data here takes a neighbourhood the caller has already checked the user may
reach with the personal-data permission (sn.community.permissions), or trims by the record rules.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest

from sn.community.models import Contact, KinInterview, KinMember
from sn.community.permissions import CONTACTS, KIN_MEMBERS
from sn.community.standards import (
    in_date_cutoff,
    interview_due_on,
    interviews_per_month,
    last_activity,
    review_cutoff,
    review_due_on,
)
from sn.core.months import add_months
from sn.geography.models import Neighbourhood
from sn.teams.models import Officer, Posting


def active_members(neighbourhood: Neighbourhood) -> QuerySet[KinMember]:
    """Members on the network now: not withdrawn, not erased, not archived."""
    return KinMember.objects.filter(
        neighbourhood=neighbourhood, archived_at__isnull=True, erased_at__isnull=True
    )


def active_contacts(neighbourhood: Neighbourhood) -> QuerySet[Contact]:
    return Contact.objects.filter(
        neighbourhood=neighbourhood, archived_at__isnull=True, erased_at__isnull=True
    )


@dataclass(frozen=True)
class DueMember:
    member: KinMember
    due_on: date
    today: date

    @property
    def overdue(self) -> bool:
        return self.due_on < self.today

    @property
    def days(self) -> int:
        """Days overdue (positive) or until due (negative)."""
        return (self.today - self.due_on).days

    @property
    def due_soon(self) -> bool:
        return not self.overdue and -self.days <= due_soon_days()


def due_list(members, *, today: date) -> list[DueMember]:
    """Members by when their interview is due, most overdue first."""
    rows = [DueMember(member, interview_due_on(member), today) for member in members]
    return sorted(rows, key=lambda row: (row.due_on, row.member.name, row.member.pk))


def due_soon_days() -> int:
    return settings.SN_KIN_DUE_SOON_DAYS


def members_due_for_user(user, *, today: date) -> list[DueMember]:
    """The members of every ward the user's team covers who are overdue or due within the due-soon
    window: what the home page lists for PCs, PCSOs and sergeants."""
    horizon = today + timedelta(days=due_soon_days())
    cutoff = in_date_cutoff(horizon)
    members = (
        KIN_MEMBERS.filter_for(
            user, KinMember.objects.filter(archived_at__isnull=True, erased_at__isnull=True)
        )
        .filter(Q(last_interviewed_on__lt=cutoff) | Q(last_interviewed_on__isnull=True, joined_on__lt=cutoff))
        .select_related("neighbourhood")
    )
    return [row for row in due_list(members, today=today) if row.due_on <= horizon]


def _last_used(model):
    """A record's last use in SQL, as standards.last_activity has it in Python (every term coalesced:
    SQLite's many-argument MAX is NULL when any argument is)."""
    base = "consent_given_on"
    terms = [Coalesce("reviewed_on", base)]
    if model is KinMember:
        terms += [Coalesce("last_interviewed_on", base), "joined_on"]
    else:
        terms += [Coalesce("last_contacted_on", base)]
    return Greatest(base, *terms)


def due_for_review(queryset: QuerySet, *, today: date) -> QuerySet:
    """The active records of `queryset` (members or contacts) due a retention review."""
    return (
        queryset.filter(archived_at__isnull=True, erased_at__isnull=True)
        .annotate(last_used=_last_used(queryset.model))
        .filter(last_used__lte=review_cutoff(today, queryset.model))
    )


@dataclass(frozen=True)
class ReviewItem:
    record: KinMember | Contact
    last_used: date
    review_due_on: date

    @property
    def kind(self) -> str:
        return "KIN member" if isinstance(self.record, KinMember) else "Contact"


def review_list(neighbourhood: Neighbourhood, *, today: date) -> list[ReviewItem]:
    rows = [
        *due_for_review(KinMember.objects.filter(neighbourhood=neighbourhood), today=today),
        *due_for_review(Contact.objects.filter(neighbourhood=neighbourhood), today=today),
    ]
    items = [ReviewItem(record, last_activity(record), review_due_on(record)) for record in rows]
    return sorted(items, key=lambda item: (item.last_used, item.kind, item.record.pk))


def reviews_due_by_ward(user, *, today: date) -> dict[int, int]:
    """Records due a review in each ward the user reaches, by neighbourhood id: two grouped queries."""
    counts: dict[int, int] = {}
    for rule, model in ((KIN_MEMBERS, KinMember), (CONTACTS, Contact)):
        rows = due_for_review(rule.filter_for(user, model.objects.all()), today=today).values(
            "neighbourhood_id"
        )
        for row in rows.annotate(n=Count("id")):
            counts[row["neighbourhood_id"]] = counts.get(row["neighbourhood_id"], 0) + row["n"]
    return counts


@dataclass
class WardFigures:
    """The Key Individual Network of one ward in numbers (no names): the ward panel's figures."""

    members: int
    members_in_date: int
    withdrawn: int
    contacts: int
    last_month: date
    interviews_last_month: int
    interviews_this_month: int
    standard: int

    @property
    def members_overdue(self) -> int:
        return self.members - self.members_in_date

    @property
    def meets_standard(self) -> bool:
        return self.interviews_last_month >= self.standard


def ward_figures(neighbourhood: Neighbourhood, *, today: date) -> WardFigures:
    """Three aggregate queries, whatever the size of the network."""
    cutoff = in_date_cutoff(today)
    in_date = Q(last_interviewed_on__gte=cutoff) | Q(last_interviewed_on__isnull=True, joined_on__gte=cutoff)
    live = Q(archived_at__isnull=True)
    members = KinMember.objects.filter(neighbourhood=neighbourhood).aggregate(
        members=Count("id", filter=live & Q(erased_at__isnull=True)),
        in_date=Count("id", filter=live & Q(erased_at__isnull=True) & in_date),
        withdrawn=Count("id", filter=Q(consent_withdrawn_on__isnull=False)),
    )
    this_month = today.replace(day=1)
    last_month = add_months(this_month, -1)
    interviews = KinInterview.objects.filter(
        neighbourhood=neighbourhood, interviewed_on__gte=last_month, interviewed_on__lte=today
    ).aggregate(
        last=Count("id", filter=Q(interviewed_on__lt=this_month)),
        this=Count("id", filter=Q(interviewed_on__gte=this_month)),
    )
    return WardFigures(
        members=members["members"],
        members_in_date=members["in_date"],
        withdrawn=members["withdrawn"],
        contacts=active_contacts(neighbourhood).count(),
        last_month=last_month,
        interviews_last_month=interviews["last"],
        interviews_this_month=interviews["this"],
        standard=interviews_per_month(),
    )


# An interview is often logged a few days or weeks after it was held, by then perhaps by a colleague of
# an officer who has moved on: those posted to the team at any time in this many days can be chosen.
RECENT_POSTING_DAYS = 90


def team_officers(neighbourhood: Neighbourhood, *, today: date) -> QuerySet[Officer]:
    """The officers who can have held a ward's interviews lately: posted to its team in the last
    RECENT_POSTING_DAYS (the service checks the posting covers the interview's own date)."""
    since = today - timedelta(days=RECENT_POSTING_DAYS)
    ids = Posting.objects.filter(team__neighbourhood=neighbourhood, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=since)
    )
    return Officer.objects.filter(id__in=ids.values("officer_id")).order_by("last_name", "first_name")


def interviews_of(member: KinMember) -> list[KinInterview]:
    return list(member.interviews.select_related("officer").order_by("-interviewed_on", "-id"))
