"""Writes to the Key Individual Network and community contacts. Each is atomic and audited (through
sn.core.audit), and refuses bad input with a ValidationError naming the field, writing nothing.

Consent comes first: no member or contact is saved without the wording they agreed to, the day and the
way they agreed. Erasing a person (withdrawal, a retention review) is sn.community.erasure's.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sn.community.erasure import refuse_erased
from sn.community.models import (
    AgeBand,
    ConsentMethod,
    ConsentWording,
    Contact,
    KinInterview,
    KinMember,
    PersonalRecord,
)
from sn.community.standards import long_date
from sn.concerns.models import Channel
from sn.concerns.services import concern_create
from sn.concerns.taxonomy import Topic
from sn.core.audit import audit_actor
from sn.geography.locate import locate
from sn.geography.models import Neighbourhood
from sn.teams.models import Officer, Posting

CONSENT_PURPOSE = {KinMember: ConsentWording.Purpose.KIN, Contact: ConsentWording.Purpose.CONTACT}


@dataclass(frozen=True)
class Person:
    """Who someone is and how to reach them: the personal fields every record shares."""

    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    street: str = ""
    latitude: float | None = None
    longitude: float | None = None
    age_band: str = ""


@dataclass(frozen=True)
class Consent:
    wording: ConsentWording | None
    given_on: date | None
    method: str


@dataclass(frozen=True)
class RaisedConcern:
    topic: str
    description: str


def _today() -> date:
    return timezone.localdate()


def _person_errors(person: Person, neighbourhood: Neighbourhood) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not person.name.strip():
        errors["name"] = "Give their name."
    if not (person.phone.strip() or person.email.strip() or person.address.strip()):
        errors["phone"] = (
            "Give at least one way to reach them: a phone number, an email address or an address."
        )
    if person.email.strip():
        try:
            validate_email(person.email.strip())
        except ValidationError:
            errors["email"] = "Enter an email address like name@example.com."
    if person.age_band and person.age_band not in AgeBand.values:
        errors["age_band"] = f"Unknown age band {person.age_band!r}."
    if (person.latitude is None) != (person.longitude is None):
        errors["latitude"] = "Give both latitude and longitude, or neither."
    elif person.latitude is not None:
        ward = locate(person.latitude, person.longitude)
        if ward is None:
            errors["latitude"] = "That point is outside the force's wards."
        elif ward != neighbourhood.pk:
            name = Neighbourhood.objects.get(pk=ward).name
            errors["latitude"] = f"That point is in {name}, not {neighbourhood.name}."
    return errors


def _consent_errors(consent: Consent, model: type[PersonalRecord], what: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if consent.wording is None:
        errors["consent_wording"] = f"{what} needs their recorded consent: choose the wording they agreed to."
    elif consent.wording.purpose != CONSENT_PURPOSE[model]:
        errors["consent_wording"] = (
            f"That wording is for {consent.wording.get_purpose_display()}, not {what}."
        )
    if consent.given_on is None:
        errors["consent_given_on"] = f"{what} needs their recorded consent: give the date they agreed."
    elif consent.given_on > _today():
        errors["consent_given_on"] = "The date consent was given cannot be in the future."
    elif consent.wording is not None and consent.given_on < consent.wording.in_use_from:
        errors["consent_given_on"] = (
            f"Version {consent.wording.version} of the wording was first used on "
            f"{long_date(consent.wording.in_use_from)}: they cannot have agreed to it before then."
        )
    if consent.method not in ConsentMethod.values:
        errors["consent_method"] = f"{what} needs their recorded consent: say how they agreed."
    return errors


def _person_fields(person: Person) -> dict:
    return {
        "name": person.name.strip(),
        "phone": person.phone.strip(),
        "email": person.email.strip(),
        "address": person.address.strip(),
        "street": person.street.strip(),
        "latitude": person.latitude,
        "longitude": person.longitude,
        "age_band": person.age_band,
    }


def kin_member_create(
    *,
    neighbourhood: Neighbourhood,
    person: Person,
    role: str,
    role_detail: str = "",
    joined_on: date,
    consent: Consent,
    actor=None,
) -> KinMember:
    """Add a member to a ward's Key Individual Network, with the consent they gave."""
    errors = _person_errors(person, neighbourhood) | _consent_errors(consent, KinMember, "A KIN member")
    if role not in KinMember.Role.values:
        errors["role"] = "Choose their role in the community."
    if joined_on > _today():
        errors["joined_on"] = "The date they joined cannot be in the future."
    elif consent.given_on and consent.given_on <= _today() and joined_on < consent.given_on:
        errors["joined_on"] = (
            "They cannot join before they agreed: the date they joined is before their consent."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return KinMember.objects.create(
            neighbourhood=neighbourhood,
            role=role,
            role_detail=role_detail.strip(),
            joined_on=joined_on,
            consent_wording=consent.wording,
            consent_given_on=consent.given_on,
            consent_method=consent.method,
            **_person_fields(person),
        )


def kin_member_update(
    *, member: KinMember, person: Person, role: str, role_detail: str = "", actor=None
) -> KinMember:
    """Correct a member's details or role. Consent is not edited: it is what they agreed to, when."""
    refuse_erased(member, "KIN member")
    errors = _person_errors(person, member.neighbourhood)
    if role not in KinMember.Role.values:
        errors["role"] = "Choose their role in the community."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        for name, value in _person_fields(person).items():
            setattr(member, name, value)
        member.role, member.role_detail = role, role_detail.strip()
        member.save()
    return member


def _officer_posted(officer: Officer, neighbourhood: Neighbourhood, on: date) -> bool:
    return (
        Posting.objects.filter(officer=officer, team__neighbourhood=neighbourhood, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .exists()
    )


def kin_interview_create(
    *,
    member: KinMember,
    interviewed_on: date,
    officer: Officer | None,
    method: str,
    notes: str = "",
    concerns: list[RaisedConcern] = (),
    actor=None,
) -> KinInterview:
    """Log an interview with a member, by an officer of the team, and the concerns raised at it (each a
    Concern of the ward, through the KIN interview channel, naming the interview but not the member)."""
    refuse_erased(member, "KIN member")
    errors: dict[str, str] = {}
    if interviewed_on > _today():
        errors["interviewed_on"] = "An interview cannot be dated in the future."
    elif interviewed_on < member.joined_on:
        errors["interviewed_on"] = (
            f"They joined on {long_date(member.joined_on)}: the interview cannot be before that."
        )
    if officer is None:
        errors["officer"] = "Say who held the interview."
    elif "interviewed_on" not in errors and not _officer_posted(
        officer, member.neighbourhood, interviewed_on
    ):
        errors["officer"] = (
            f"{officer.full_name} was not posted to the team of {member.neighbourhood.name} "
            f"on {long_date(interviewed_on)}."
        )
    if method not in KinInterview.Method.values:
        errors["method"] = "Say how the interview was held."
    for number, concern in enumerate(concerns, start=1):
        if concern.topic not in Topic.values or not concern.description.strip():
            errors["concerns"] = f"Concern {number}: give both what it is about and what they said."
            break
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        interview = KinInterview.objects.create(
            member=member,
            neighbourhood=member.neighbourhood,
            interviewed_on=interviewed_on,
            month=interviewed_on.replace(day=1),
            officer=officer,
            method=method,
            notes=notes.strip(),
        )
        for concern in concerns:
            concern_create(
                neighbourhood=member.neighbourhood,
                raised_on=interviewed_on,
                channel=Channel.KIN_INTERVIEW,
                topic=concern.topic,
                description=concern.description,
                source=f"KIN interview {interview.pk} on {long_date(interviewed_on)}",
                source_record=interview,
            )
        if member.last_interviewed_on is None or interviewed_on > member.last_interviewed_on:
            member.last_interviewed_on = interviewed_on
            member.save(update_fields=["last_interviewed_on", "modified_at", "modified_by"])
    return interview


def contact_create(
    *,
    neighbourhood: Neighbourhood,
    person: Person,
    kind: str,
    organisation: str = "",
    topics: list[str] = (),
    interests: str = "",
    consent: Consent,
    actor=None,
) -> Contact:
    """Add a person or group to a ward's community contacts, with the consent they gave."""
    errors = _person_errors(person, neighbourhood) | _consent_errors(consent, Contact, "A contact")
    errors |= _contact_errors(kind, person, topics)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return Contact.objects.create(
            neighbourhood=neighbourhood,
            kind=kind,
            organisation=organisation.strip(),
            topics=sorted(set(topics)),
            interests=interests.strip(),
            consent_wording=consent.wording,
            consent_given_on=consent.given_on,
            consent_method=consent.method,
            **_person_fields(person),
        )


def _contact_errors(kind: str, person: Person, topics: list[str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in Contact.Kind.values:
        errors["kind"] = "Say whether the contact is a person or a group."
    elif kind == Contact.Kind.GROUP and person.age_band:
        errors["age_band"] = "A group has no age band: give one for a person only."
    unknown = sorted(set(topics) - set(Topic.values))
    if unknown:
        errors["topics"] = f"Unknown topics: {', '.join(unknown)}."
    return errors


def contact_update(
    *,
    contact: Contact,
    person: Person,
    kind: str,
    organisation: str = "",
    topics: list[str] = (),
    interests: str = "",
    actor=None,
) -> Contact:
    refuse_erased(contact, "contact")
    errors = _person_errors(person, contact.neighbourhood) | _contact_errors(kind, person, topics)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        for name, value in _person_fields(person).items():
            setattr(contact, name, value)
        contact.kind, contact.organisation, contact.interests = kind, organisation.strip(), interests.strip()
        contact.topics = sorted(set(topics))
        contact.save()
    return contact


def contact_contacted(*, contact: Contact, contacted_on: date, actor=None) -> Contact:
    """Record that the team was in touch with a contact (which keeps them off the retention review)."""
    refuse_erased(contact, "contact")
    if contacted_on > _today():
        raise ValidationError({"contacted_on": "The date of a contact cannot be in the future."})
    if contacted_on < contact.consent_given_on:
        raise ValidationError(
            {
                "contacted_on": f"They agreed to be contacted on {long_date(contact.consent_given_on)}: "
                "the contact cannot be before that."
            }
        )
    with transaction.atomic(), audit_actor(actor):
        if contact.last_contacted_on is None or contacted_on > contact.last_contacted_on:
            contact.last_contacted_on = contacted_on
            contact.save(update_fields=["last_contacted_on", "modified_at", "modified_by"])
    return contact


def consent_wording_create(*, purpose: str, text: str, in_use_from: date, actor=None) -> ConsentWording:
    """A new version of the wording: earlier versions stay as they were, for those who agreed to them."""
    errors: dict[str, str] = {}
    if purpose not in ConsentWording.Purpose.values:
        errors["purpose"] = "Choose what the wording is for."
    if not text.strip():
        errors["text"] = "Give the words people are shown."
    latest = ConsentWording.objects.filter(purpose=purpose).order_by("-version").first()
    if latest is not None and in_use_from < latest.in_use_from:
        errors["in_use_from"] = (
            f"Version {latest.version} is in use from {long_date(latest.in_use_from)}: "
            "a new version starts on or after that day."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return ConsentWording.objects.create(
            purpose=purpose,
            version=(latest.version + 1) if latest else 1,
            text=text.strip(),
            in_use_from=in_use_from,
        )
