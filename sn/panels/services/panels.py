"""Writes to panels and their members. Each is atomic and audited (through sn.core.audit), checks its
actor (sn.panels.services.checks) and writes nothing when it refuses."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.core.roles import Role
from sn.geography.models import Neighbourhood
from sn.panels.dates import long_date
from sn.panels.models import DiversityAnswers, Panel, PanelMember
from sn.panels.models.panels import CONSENT_WORDING, DIVERSITY_QUESTIONS, MemberType
from sn.panels.permissions import MANAGE_PANEL
from sn.panels.services.checks import check_actor

KEEP_RECORDS = "keep the panel's records"


def panel_create(
    *, neighbourhood: Neighbourhood, name: str, formed_on: date, usual_venue: str = "", actor=None
) -> Panel:
    check_actor(actor, permission=MANAGE_PANEL, neighbourhood=neighbourhood, field="name", doing=KEEP_RECORDS)
    errors = {}
    if Panel.objects.filter(neighbourhood=neighbourhood, dissolved_on__isnull=True).exists():
        errors["name"] = f"{neighbourhood.name} already has a ward panel; a ward has one panel at a time."
    if not name.strip():
        errors["name"] = "Give the panel a name."
    if formed_on > timezone.localdate():
        errors["formed_on"] = "The date the panel was formed cannot be in the future."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return Panel.objects.create(
            neighbourhood=neighbourhood,
            name=name.strip(),
            formed_on=formed_on,
            usual_venue=usual_venue.strip(),
        )


def panel_update(*, panel: Panel, name: str, usual_venue: str = "", actor=None) -> Panel:
    check_actor(
        actor, permission=MANAGE_PANEL, neighbourhood=panel.neighbourhood, field="name", doing=KEEP_RECORDS
    )
    if not name.strip():
        raise ValidationError({"name": "Give the panel a name."})
    with transaction.atomic(), audit_actor(actor):
        panel.name, panel.usual_venue = name.strip(), usual_venue.strip()
        panel.save()
    return panel


def _check_member_fields(
    *,
    panel: Panel,
    member_type: str,
    email: str,
    phone: str,
    address: str,
    contact_consent: bool,
    user,
    member=None,
) -> dict[str, str]:
    errors = {}
    if member_type not in MemberType.values:
        errors["member_type"] = f"Unknown member type {member_type!r}."
    if (email or phone or address) and not contact_consent:
        errors["contact_consent"] = (
            "Contact details are kept only with the member's consent: tick that they agreed, or leave the "
            "details out."
        )
    if user is not None:
        if user.role != Role.PANEL_MEMBER or user.neighbourhood_id != panel.neighbourhood_id:
            errors["user"] = f"{user} is not a panel member account for {panel.neighbourhood.name}."
        elif (
            PanelMember.objects.live()
            .filter(user=user, left_on__isnull=True)
            .exclude(pk=getattr(member, "pk", None))
            .exists()
        ):
            errors["user"] = f"{user} is already linked to a current panel member."
    return errors


def _make_sole_chair(member: PanelMember) -> None:
    """The panel has one chair: whoever held the chair gives it up, in the trail like any change."""
    for other in (
        PanelMember.objects.live()
        .filter(panel=member.panel, is_chair=True, left_on__isnull=True)
        .exclude(pk=member.pk)
    ):
        other.is_chair = False
        other.save()


def member_add(
    *,
    panel: Panel,
    name: str,
    member_type: str,
    joined_on: date,
    organisation: str = "",
    is_chair: bool = False,
    email: str = "",
    phone: str = "",
    address: str = "",
    contact_consent: bool = False,
    user=None,
    actor=None,
) -> PanelMember:
    check_actor(
        actor, permission=MANAGE_PANEL, neighbourhood=panel.neighbourhood, field="name", doing=KEEP_RECORDS
    )
    errors = _check_member_fields(
        panel=panel,
        member_type=member_type,
        email=email,
        phone=phone,
        address=address,
        contact_consent=contact_consent,
        user=user,
    )
    if not name.strip():
        errors["name"] = "Give the member's name."
    if not panel.is_active:
        errors["name"] = (
            f"{panel.name} was dissolved on {long_date(panel.dissolved_on)}; it takes no new members."
        )
    if joined_on > timezone.localdate():
        errors["joined_on"] = "The date a member joined cannot be in the future."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        member = PanelMember(
            panel=panel,
            name=name.strip(),
            member_type=member_type,
            organisation=organisation.strip(),
            joined_on=joined_on,
            email=email.strip(),
            phone=phone.strip(),
            address=address.strip(),
            contact_consent_on=timezone.localdate() if contact_consent else None,
            user=user,
        )
        if is_chair:
            _make_sole_chair(member)
            member.is_chair = True
        member.save()
    return member


def member_update(
    *,
    member: PanelMember,
    name: str,
    member_type: str,
    organisation: str = "",
    is_chair: bool = False,
    email: str = "",
    phone: str = "",
    address: str = "",
    contact_consent: bool = False,
    user=None,
    actor=None,
) -> PanelMember:
    """Change a member's details. Consent withdrawn (unticked) erases their contact details whatever
    the form held: the record keeps only their name, type and dates."""
    panel = member.panel
    check_actor(
        actor, permission=MANAGE_PANEL, neighbourhood=panel.neighbourhood, field="name", doing=KEEP_RECORDS
    )
    if not contact_consent:
        email = phone = address = ""
    errors = _check_member_fields(
        panel=panel,
        member_type=member_type,
        email=email,
        phone=phone,
        address=address,
        contact_consent=contact_consent,
        user=user,
        member=member,
    )
    if not name.strip():
        errors["name"] = "Give the member's name."
    if is_chair and member.left_on is not None:
        errors["is_chair"] = (
            f"{member.name} left the panel on {long_date(member.left_on)} and cannot be its chair."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        if is_chair and not member.is_chair:
            _make_sole_chair(member)
        member.name = name.strip()
        member.member_type = member_type
        member.organisation = organisation.strip()
        member.is_chair = is_chair
        member.email, member.phone, member.address = email.strip(), phone.strip(), address.strip()
        if not contact_consent:
            member.contact_consent_on = None
        elif member.contact_consent_on is None:
            member.contact_consent_on = timezone.localdate()
        member.user = user
        member.save()
    return member


def member_leave(*, member: PanelMember, left_on: date, actor=None) -> PanelMember:
    """Record that a member left. They stay on the panel's record (past meetings name them); a chair who
    leaves leaves the chair empty until the panel chooses another."""
    check_actor(
        actor,
        permission=MANAGE_PANEL,
        neighbourhood=member.panel.neighbourhood,
        field="left_on",
        doing=KEEP_RECORDS,
    )
    if member.left_on is not None:
        raise ValidationError({"left_on": f"{member.name} left the panel on {long_date(member.left_on)}."})
    if left_on < member.joined_on:
        raise ValidationError(
            {"left_on": f"{member.name} joined on {long_date(member.joined_on)}: they cannot leave before."}
        )
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": "Record a member leaving on the day they leave, not before."})
    with transaction.atomic(), audit_actor(actor):
        member.left_on = left_on
        member.is_chair = False
        member.save()
    return member


def diversity_answers_record(
    *,
    member: PanelMember,
    consent: bool,
    age_band: str = "",
    sex: str = "",
    ethnic_group: str = "",
    disability: str = "",
    actor=None,
) -> DiversityAnswers:
    """Keep a member's diversity answers, each optional, only with their explicit consent to the
    wording in CONSENT_WORDING (seed 001, paragraph 98: Schedule 3 data needs explicit consent)."""
    check_actor(
        actor,
        permission=MANAGE_PANEL,
        neighbourhood=member.panel.neighbourhood,
        field="consent",
        doing=KEEP_RECORDS,
    )
    answers = {"age_band": age_band, "sex": sex, "ethnic_group": ethnic_group, "disability": disability}
    errors = {}
    if not consent:
        errors["consent"] = (
            "Diversity answers are kept only with the member's explicit consent to the wording shown."
        )
    for name, label, choices in DIVERSITY_QUESTIONS:
        if answers[name] and answers[name] not in choices.values:
            errors[name] = f"Unknown answer {answers[name]!r} for {label.lower()}."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        record = DiversityAnswers.objects.filter(member=member).first() or DiversityAnswers(member=member)
        if record.pk is None or record.consent_withdrawn_on is not None:
            record.consent_given_on = timezone.localdate()
        record.consent_wording = CONSENT_WORDING
        record.consent_withdrawn_on = None
        for name, value in answers.items():
            setattr(record, name, value)
        record.save()
    return record


def diversity_consent_withdraw(*, member: PanelMember, actor=None) -> DiversityAnswers:
    """The member withdraws consent: their answers are erased at once; the record keeps the dates."""
    check_actor(
        actor,
        permission=MANAGE_PANEL,
        neighbourhood=member.panel.neighbourhood,
        field="consent",
        doing=KEEP_RECORDS,
    )
    record = DiversityAnswers.objects.filter(member=member, consent_withdrawn_on__isnull=True).first()
    if record is None:
        raise ValidationError({"consent": f"{member.name} has given no diversity answers to withdraw."})
    with transaction.atomic(), audit_actor(actor):
        record.consent_withdrawn_on = timezone.localdate()
        for name, _, _ in DIVERSITY_QUESTIONS:
            setattr(record, name, "")
        record.save()
    return record
