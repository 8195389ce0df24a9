"""Finding every record of a named person, across the apps that hold names, emails or phone numbers.

A name matches exactly, in any case and spacing ("jo  SMITH" finds "Jo Smith"), never a part of one, so
that a namesake's record is not offered for erasure by a partial match; the central unit confirms each
match. An email matches in any case; a phone number matches on its digits, with +44 read as 0.

Members of the public (erasable here): KIN members, community contacts, feedback senders, ward panel
members (with their diversity answers), senders of community queries, ASB victims. Named in a working
role (found and reported, erased through their own pages or the admin): staff sign-ins, officers, guests
at tasking meetings, people named as leading an engagement event, owning an intervention or owning a
tasking action. Engagement survey responses and concerns hold no name, email or phone, so they are not
searched.
"""

import re
from dataclasses import dataclass

from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Concat, Replace

from sn.accounts.models import User
from sn.asb.models import AsbPerson
from sn.community.models import Contact, KinMember
from sn.core.roles import Role
from sn.engagement.models import Event
from sn.feedback.models import FeedbackMessage
from sn.panels.models import DiversityAnswers, PanelMember
from sn.panels.services.erasure import ERASED_NAME
from sn.privacy.retention import RecordKind
from sn.problemsolving.models import Intervention
from sn.queries.models import CommunityQuery
from sn.tasking.models import Action, Guest
from sn.teams.models import Officer

# Found and reported, but not erased by a request: they are named in a working role.
STAFF_USER = "user"
OFFICER = "officer"
TASKING_GUEST = "tasking_guest"
EVENT_LEADER = "event_leader"
INTERVENTION_OWNER = "intervention_owner"
ACTION_OWNER = "action_owner"

KIND_LABELS = {
    **{kind.value: kind.label for kind in RecordKind},
    STAFF_USER: "Staff sign-in",
    OFFICER: "Officer",
    TASKING_GUEST: "Guest at a tasking meeting",
    EVENT_LEADER: "Named as leading an engagement event",
    INTERVENTION_OWNER: "Named as owning an intervention",
    ACTION_OWNER: "Named as owning a tasking action",
}
ERASABLE = (
    RecordKind.KIN_MEMBER,
    RecordKind.CONTACT,
    RecordKind.FEEDBACK_SENDER,
    RecordKind.PANEL_MEMBER,
    RecordKind.QUERY_SENDER,
    RecordKind.ASB_VICTIM,
)
SEARCHED = (
    *ERASABLE,
    RecordKind.DIVERSITY_ANSWERS,
    STAFF_USER,
    OFFICER,
    TASKING_GUEST,
    EVENT_LEADER,
    INTERVENTION_OWNER,
    ACTION_OWNER,
)
NOT_SEARCHED_NOTE = "Engagement survey responses and concerns hold no name, email or phone."


@dataclass(frozen=True)
class Terms:
    name: str = ""
    email: str = ""
    phone: str = ""

    @property
    def fields(self) -> list[str]:
        return [name for name in ("name", "email", "phone") if getattr(self, name)]


@dataclass(frozen=True)
class Match:
    kind: str
    record_id: int
    area: str
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.record_id}"

    @property
    def erasable(self) -> bool:
        return self.kind in ERASABLE

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "record_id": self.record_id,
            "area": self.area,
            "erasable": self.erasable,
            "note": self.note,
        }


def normalise_name(name: str) -> str:
    return " ".join(name.split())


def phone_variants(phone: str) -> list[str]:
    """The digits of a number as it may be stored without punctuation: 020..., +4420... and 4420...."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44") and len(digits) > 10:
        national = "0" + digits[2:]
    else:
        national = digits
    return sorted({digits, national, "44" + national[1:] if national.startswith("0") else national})


def _digits(field: str):
    expression = F(field)
    for char in (" ", "-", "(", ")", "+", "."):
        expression = Replace(expression, Value(char), Value(""))
    return expression


def _terms_q(queryset: QuerySet, terms: Terms, *, name=None, email=None, phone=None) -> QuerySet:
    """Records of `queryset` matching any of the terms in the named fields (a name field may be an
    expression: first and last names joined)."""
    q = Q(pk__in=[])
    if terms.name and name is not None:
        if isinstance(name, str):
            q |= Q(**{f"{name}__iexact": terms.name})
        else:
            queryset = queryset.annotate(_search_name=name)
            q |= Q(_search_name__iexact=terms.name)
    if terms.email and email is not None:
        q |= Q(**{f"{email}__iexact": terms.email})
    if terms.phone and phone is not None:
        queryset = queryset.annotate(_search_phone=_digits(phone))
        q |= Q(_search_phone__in=phone_variants(terms.phone))
    return queryset.filter(q)


def _full_name(first: str, last: str):
    return Concat(F(first), Value(" "), F(last), output_field=CharField())


def find(terms: Terms) -> list[Match]:
    """Every record matching the terms, members of the public first."""
    matches: list[Match] = []
    for kind, model in ((RecordKind.KIN_MEMBER, KinMember), (RecordKind.CONTACT, Contact)):
        rows = _terms_q(
            model.objects.filter(erased_at__isnull=True).select_related("neighbourhood"),
            terms,
            name="name",
            email="email",
            phone="phone",
        )
        for record in rows.order_by("pk"):
            note = "archived" if record.is_archived else ""
            matches.append(Match(kind, record.pk, record.neighbourhood.name, note))
    rows = _terms_q(
        FeedbackMessage.objects.filter(erased_at__isnull=True).select_related("borough", "neighbourhood"),
        terms,
        name="sender_name",
        email="sender_email",
        phone="sender_phone",
    )
    for feedback in rows.order_by("pk"):
        note = f"{feedback.reference}, {feedback.get_status_display().lower()}"
        matches.append(Match(RecordKind.FEEDBACK_SENDER, feedback.pk, feedback.area_name, note))
    rows = _terms_q(
        PanelMember.objects.exclude(name=ERASED_NAME).select_related("panel__neighbourhood"),
        terms,
        name="name",
        email="email",
        phone="phone",
    )
    with_answers = set(
        DiversityAnswers.objects.live()
        .filter(member__in=rows.values("pk"))
        .values_list("member_id", flat=True)
    )
    for member in rows.order_by("pk"):
        parts = ["current member" if member.is_current else "former member"]
        if member.pk in with_answers:
            parts.append("with diversity answers")
        matches.append(
            Match(RecordKind.PANEL_MEMBER, member.pk, member.panel.neighbourhood.name, ", ".join(parts))
        )
    rows = _terms_q(
        CommunityQuery.objects.filter(erased_at__isnull=True).select_related("neighbourhood"),
        terms,
        name="sender_name",
        email="sender_email",
        phone="sender_phone",
    )
    for query in rows.order_by("pk"):
        note = f"{query.reference}, {query.get_status_display().lower()}"
        matches.append(Match(RecordKind.QUERY_SENDER, query.pk, query.neighbourhood.name, note))
    rows = _terms_q(
        AsbPerson.objects.filter(erased_at__isnull=True).select_related("neighbourhood"),
        terms,
        name="name",
        email="email",
        phone="phone",
    )
    for person in rows.annotate(report_count=Count("reports")).order_by("pk"):
        note = f"{person.report_count} ASB report{'' if person.report_count == 1 else 's'}"
        matches.append(Match(RecordKind.ASB_VICTIM, person.pk, person.neighbourhood.name, note))
    matches += _staff_matches(terms)
    return matches


def _staff_matches(terms: Terms) -> list[Match]:
    matches = []
    users = _terms_q(User.objects.all(), terms, name=_full_name("first_name", "last_name"), email="email")
    for user in users.order_by("pk"):
        matches.append(Match(STAFF_USER, user.pk, Role(user.role).label if user.role else ""))
    officers = _terms_q(
        Officer.objects.all(), terms, name=_full_name("first_name", "last_name"), email="email", phone="phone"
    )
    matches += [
        Match(OFFICER, officer.pk, "", f"collar number {officer.collar_number}")
        for officer in officers.order_by("pk")
    ]
    guests = _terms_q(Guest.objects.select_related("meeting__borough"), terms, name="name")
    matches += [Match(TASKING_GUEST, guest.pk, guest.meeting.borough.name) for guest in guests.order_by("pk")]
    events = _terms_q(Event.objects.select_related("neighbourhood"), terms, name="led_by_name")
    matches += [Match(EVENT_LEADER, event.pk, event.neighbourhood.name) for event in events.order_by("pk")]
    owned = _terms_q(Intervention.objects.all(), terms, name="owner_name")
    matches += [Match(INTERVENTION_OWNER, intervention.pk, "") for intervention in owned.order_by("pk")]
    actions = _terms_q(Action.objects.select_related("meeting__borough"), terms, name="owner_name")
    matches += [
        Match(ACTION_OWNER, action.pk, action.meeting.borough.name) for action in actions.order_by("pk")
    ]
    return matches
