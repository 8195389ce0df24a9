"""Erasure requests: one search finds the person in every app that holds names, emails or phones; the
confirmed records are erased (and only those), leaving anonymous counts; the request keeps what was
searched, found and erased but forgets the search; bad input is refused with nothing written."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from sn.community.models import Contact, KinMember
from sn.community.tests.factories import ContactFactory, KinMemberFactory
from sn.core.models import AuditEvent
from sn.feedback.models import FeedbackMessage, ReplyBy
from sn.feedback.tests.factories import message_in
from sn.panels.models import DiversityAnswers, PanelMember
from sn.privacy.models import ErasureRequest
from sn.privacy.retention import RecordKind
from sn.privacy.search import OFFICER, STAFF_USER, phone_variants
from sn.privacy.services import erasure_request_cancel, erasure_request_complete, erasure_request_create
from sn.privacy.tests.helpers import member_with_answers, panel_in

NAME = "Philippa Quintessential"
EMAIL = "philippa.q@example.org"


@pytest.fixture
def person(world):
    """The same person in four apps, found by name, email or phone, and a namesake-free bystander."""
    ward = world.wards["a1"]
    return {
        "kin": KinMemberFactory(
            neighbourhood=ward, name="philippa QUINTESSENTIAL", email="other@example.org"
        ),
        "contact": ContactFactory(neighbourhood=world.wards["b1"], name="P. Q.", email=EMAIL.upper()),
        "feedback": message_in(
            ward,
            sender_name="Someone",
            sender_email="x@example.org",
            sender_phone="020 7946 0123",
            reply_by=ReplyBy.PHONE,
        ),
        "member": member_with_answers(panel_in(world), left_on=None, name=NAME, phone="+44 (20) 7946-0123"),
        "bystander": KinMemberFactory(neighbourhood=ward, name="Philippa Other"),
    }


def _keys(request: ErasureRequest) -> set[str]:
    return {entry["key"] for entry in request.found}


def test_a_search_finds_the_person_across_apps_by_name_email_or_phone(world, person):
    request = erasure_request_create(
        name=f"  {NAME.replace(' ', '   ')} ",
        email=EMAIL,
        phone="02079460123",
        reference="DP-1",
        actor=world.user("central_unit"),
    )

    assert _keys(request) == {
        f"{RecordKind.KIN_MEMBER}:{person['kin'].pk}",
        f"{RecordKind.CONTACT}:{person['contact'].pk}",
        f"{RecordKind.FEEDBACK_SENDER}:{person['feedback'].pk}",
        f"{RecordKind.PANEL_MEMBER}:{person['member'].pk}",
    }
    member = next(e for e in request.found if e["kind"] == RecordKind.PANEL_MEMBER)
    assert (
        member["note"] == "current member, with diversity answers"
        and member["area"] == world.wards["a1"].name
    )
    assert request.searched_by == ["name", "email", "phone"]
    assert "Officer" in request.kinds_searched and "KIN member" in request.kinds_searched
    assert request.requested_by == world.user("central_unit") and request.is_open


def test_staff_are_found_and_reported_but_not_erasable(world):
    sergeant = world.user("sergeant")
    officer = world.officers[next(iter(world.officers))]
    request = erasure_request_create(name=f"{sergeant.first_name} {sergeant.last_name}")
    kinds = {entry["kind"]: entry for entry in request.found}
    assert STAFF_USER in kinds and not kinds[STAFF_USER]["erasable"]
    request = erasure_request_create(name=f"{officer.first_name} {officer.last_name}")
    kinds = {entry["kind"]: entry for entry in request.found}
    assert OFFICER in kinds and not kinds[OFFICER]["erasable"]
    with pytest.raises(ValidationError, match="not a match this request can erase"):
        erasure_request_complete(request=request, confirmed=[kinds[OFFICER]["key"]])


def _raw(model, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def test_the_confirmed_records_are_erased_and_only_those(world, person):
    request = erasure_request_create(name=NAME, email=EMAIL, phone="020 7946 0123")
    confirmed = sorted(_keys(request) - {f"{RecordKind.FEEDBACK_SENDER}:{person['feedback'].pk}"})

    erasure_request_complete(request=request, confirmed=confirmed, actor=world.user("central_unit"))

    kin = KinMember.objects.get(pk=person["kin"].pk)
    contact = Contact.objects.get(pk=person["contact"].pk)
    member = PanelMember.objects.get(pk=person["member"].pk)
    answers = DiversityAnswers.objects.get(member=member)
    assert kin.is_erased and kin.name == "" and kin.neighbourhood == world.wards["a1"]
    assert contact.is_erased and contact.consent_withdrawn_on is not None
    assert member.name == "Name erased" and member.phone == "" and member.is_archived and member.left_on
    assert answers.is_archived and answers.age_band == ""
    assert NAME not in _raw(PanelMember, member.pk) and "7946" not in _raw(PanelMember, member.pk)
    # The unconfirmed feedback and the bystander keep their details.
    assert FeedbackMessage.objects.get(pk=person["feedback"].pk).sender_phone == "020 7946 0123"
    assert KinMember.objects.get(pk=person["bystander"].pk).name == "Philippa Other"
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.DONE and request.erased == confirmed
    assert (request.name, request.email, request.phone) == ("", "", "")
    assert request.completed_by == world.user("central_unit")
    assert AuditEvent.objects.filter(context="Erasure request", object_id=str(kin.pk)).exists()
    assert NAME not in _raw(ErasureRequest, request.pk) and EMAIL not in _raw(ErasureRequest, request.pk)


def test_erasing_the_member_does_not_copy_their_name_into_the_trail_again(world, person):
    before = (
        AuditEvent.objects.filter(changes__icontains=NAME).count()
        if connection.vendor == "postgresql"
        else None
    )
    request = erasure_request_create(name=NAME)
    key = f"{RecordKind.PANEL_MEMBER}:{person['member'].pk}"
    erasure_request_complete(request=request, confirmed=[key])
    event = AuditEvent.objects.filter(context="Erasure request", object_id=str(person["member"].pk)).first()
    assert NAME not in str(event.changes) and NAME not in event.object_repr
    if before is not None:
        assert AuditEvent.objects.filter(changes__icontains=NAME).count() == before


@pytest.mark.parametrize(
    ("terms", "field", "message"),
    [
        ({}, "name", "at least one"),
        ({"name": "Cher"}, "name", "full name"),
        ({"email": "not-an-address"}, "email", "not an email address"),
        ({"phone": "0207"}, "phone", "whole phone number"),
    ],
)
def test_bad_searches_are_refused_naming_the_field_and_nothing_is_written(world, terms, field, message):
    with pytest.raises(ValidationError) as refused:
        erasure_request_create(**terms)
    assert message in refused.value.message_dict[field][0]
    assert not ErasureRequest.objects.exists()


def test_an_empty_or_closed_confirmation_is_refused_and_nothing_is_erased(world, person):
    request = erasure_request_create(name=NAME)
    with pytest.raises(ValidationError, match="Choose the records"):
        erasure_request_complete(request=request, confirmed=[])
    with pytest.raises(ValidationError, match="not a match"):
        erasure_request_complete(request=request, confirmed=["kin_member:999999"])
    assert not KinMember.objects.get(pk=person["kin"].pk).is_erased

    erasure_request_cancel(request=request)
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.CANCELLED and request.name == ""
    with pytest.raises(ValidationError, match="cancelled"):
        erasure_request_complete(request=request, confirmed=[request.found[0]["key"]])
    assert not KinMember.objects.get(pk=person["kin"].pk).is_erased


def test_a_record_erased_since_the_search_refuses_the_whole_confirmation(world, person):
    request = erasure_request_create(name=NAME)
    KinMember.objects.filter(pk=person["kin"].pk).update(erased_at=person["kin"].created_at)
    with pytest.raises(ValidationError, match="already been erased. Nothing was erased"):
        erasure_request_complete(request=request, confirmed=sorted(_keys(request)))
    assert PanelMember.objects.get(pk=person["member"].pk).name == NAME


def test_phone_numbers_match_on_their_digits_with_44_read_as_0():
    assert "02079460123" in phone_variants("+44 (0)20 7946 0123".replace("(0)", ""))
    assert "442079460123" in phone_variants("020 7946 0123")
