"""Finding every record of a named person, across the apps that hold names, emails or phone numbers.

A name matches exactly, in any case and spacing ("jo  SMITH" finds "Jo Smith"), never a part of one, so
that a namesake's record is not offered for erasure by a partial match; the central unit confirms each
match. An email matches in any case; a phone number matches on its digits, with +44 read as 0.

Members of the public (erasable here): the kinds of sn.privacy.kinds with a `search` (KIN members,
community contacts, feedback senders, ward panel members with their diversity answers, senders of
community queries, ASB victims). Named in a working role (found and reported, erased through their own
pages or the admin): WORKING_ROLES below. Engagement survey responses and concerns hold no name, email or
phone, so they are not searched.
"""

import re
from dataclasses import dataclass

from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Concat, Replace

from sn.accounts.models import User
from sn.core.roles import Role
from sn.engagement.models import Event
from sn.privacy.kinds import ERASABLE, KINDS, Search
from sn.privacy.retention import RecordKind
from sn.problemsolving.models import Intervention
from sn.tasking.models import Action, Guest
from sn.teams.models import Officer

# Found and reported, but not erased by a request: they are named in a working role.
STAFF_USER = "user"
OFFICER = "officer"
TASKING_GUEST = "tasking_guest"
EVENT_LEADER = "event_leader"
INTERVENTION_OWNER = "intervention_owner"
ACTION_OWNER = "action_owner"


def _full_name(first: str, last: str):
    return Concat(F(first), Value(" "), F(last), output_field=CharField())


@dataclass(frozen=True)
class WorkingRole:
    kind: str
    label: str
    search: Search


WORKING_ROLES = (
    WorkingRole(
        STAFF_USER,
        "Staff sign-in",
        Search(
            records=lambda: User.objects.all(),
            name=_full_name("first_name", "last_name"),
            email="email",
            area=lambda user: Role(user.role).label if user.role else "",
        ),
    ),
    WorkingRole(
        OFFICER,
        "Officer",
        Search(
            records=lambda: Officer.objects.all(),
            name=_full_name("first_name", "last_name"),
            email="email",
            phone="phone",
            note=lambda officer: f"collar number {officer.collar_number}",
        ),
    ),
    WorkingRole(
        TASKING_GUEST,
        "Guest at a tasking meeting",
        Search(
            records=lambda: Guest.objects.select_related("meeting__borough"),
            name="name",
            area=lambda guest: guest.meeting.borough.name,
        ),
    ),
    WorkingRole(
        EVENT_LEADER,
        "Named as leading an engagement event",
        Search(
            records=lambda: Event.objects.select_related("neighbourhood"),
            name="led_by_name",
            area=lambda event: event.neighbourhood.name,
        ),
    ),
    WorkingRole(
        INTERVENTION_OWNER,
        "Named as owning an intervention",
        Search(records=lambda: Intervention.objects.all(), name="owner_name"),
    ),
    WorkingRole(
        ACTION_OWNER,
        "Named as owning a tasking action",
        Search(
            records=lambda: Action.objects.select_related("meeting__borough"),
            name="owner_name",
            area=lambda action: action.meeting.borough.name,
        ),
    ),
)

KIND_LABELS = {
    **{kind.value: kind.label for kind in RecordKind},
    **{role.kind: role.label for role in WORKING_ROLES},
}
# What a request searches: the erasable kinds, then those found through them, then the working roles.
SEARCHED = (
    *ERASABLE,
    *(spec.kind for spec in KINDS.values() if spec.found_through),
    *(role.kind for role in WORKING_ROLES),
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


def _terms_q(queryset: QuerySet, terms: Terms, search: Search) -> QuerySet:
    """Records of `queryset` matching any of the terms in the search's fields (a name field may be an
    expression: first and last names joined)."""
    q = Q(pk__in=[])
    if terms.name and search.name is not None:
        if isinstance(search.name, str):
            q |= Q(**{f"{search.name}__iexact": terms.name})
        else:
            queryset = queryset.annotate(_search_name=search.name)
            q |= Q(_search_name__iexact=terms.name)
    if terms.email and search.email is not None:
        q |= Q(**{f"{search.email}__iexact": terms.email})
    if terms.phone and search.phone is not None:
        queryset = queryset.annotate(_search_phone=_digits(search.phone))
        q |= Q(_search_phone__in=phone_variants(terms.phone))
    return queryset.filter(q)


def _matches(kind: str, search: Search, terms: Terms) -> list[Match]:
    rows = _terms_q(search.records(), terms, search).order_by("pk")
    return [Match(kind, record.pk, search.area(record), search.note(record)) for record in rows]


def find(terms: Terms) -> list[Match]:
    """Every record matching the terms, members of the public first."""
    matches: list[Match] = []
    for spec in KINDS.values():
        if spec.search:
            matches += _matches(spec.kind, spec.search, terms)
    for role in WORKING_ROLES:
        matches += _matches(role.kind, role.search, terms)
    return matches
