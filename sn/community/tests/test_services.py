"""The services' rules: consent first, no interview from the future, erasure that leaves the person's
details nowhere (not even in the audit trail), and every change audited."""

import json
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from sn.community import erasure, services
from sn.community.models import ConsentWording, Contact, ErasureReason, KinInterview, KinMember
from sn.community.services import Consent, Person, RaisedConcern
from sn.community.tests.factories import ContactFactory, KinMemberFactory, days_ago, wording
from sn.concerns.models import Channel, Concern
from sn.core.models import AuditEvent

pytestmark = pytest.mark.django_db

TODAY = date.today()
A1_POINT = (51.505, -0.195)  # inside ward a1 of the test world
B1_POINT = (51.505, -0.155)  # inside ward b1


def person(**changes) -> Person:
    values = {
        "name": "Jane Shopkeeper",
        "phone": "07700 900123",
        "email": "jane@example.org",
        "street": "High Street",
    }
    return Person(**{**values, **changes})


def consent(**changes) -> Consent:
    values = {"wording": wording(ConsentWording.Purpose.KIN), "given_on": days_ago(5), "method": "signed"}
    return Consent(**{**values, **changes})


def add_member(world, **changes) -> KinMember:
    fields = {
        "neighbourhood": world.wards["a1"],
        "person": person(),
        "role": KinMember.Role.BUSINESS,
        "joined_on": days_ago(5),
        "consent": consent(),
        "actor": world.user("team_officer"),
    }
    return services.kin_member_create(**{**fields, **changes})


def refused(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return (
        caught.value.message_dict
        if hasattr(caught.value, "error_dict")
        else {"__all__": caught.value.messages}
    )


def trail_text() -> str:
    """Everything the audit trail holds, as text: what erasure must leave no trace of the person in."""
    return json.dumps([[e.object_repr, e.changes, e.context] for e in AuditEvent.objects.all()])


def test_a_member_is_added_with_their_consent_and_the_addition_is_audited(world):
    member = add_member(world)

    assert member.consent_wording.version == 1 and member.consent_method == "signed"
    event = AuditEvent.objects.get(
        content_type=ContentType.objects.get_for_model(KinMember), object_id=str(member.pk)
    )
    assert event.action == "create" and event.actor == world.user("team_officer")
    assert event.changes["name"] == ["(not recorded)", "(set)"]
    assert "Jane" not in event.object_repr


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"wording": None}, "consent_wording", "needs their recorded consent"),
        ({"given_on": None}, "consent_given_on", "needs their recorded consent"),
        ({"method": ""}, "consent_method", "needs their recorded consent"),
        ({"given_on": TODAY + timedelta(days=1)}, "consent_given_on", "cannot be in the future"),
    ],
)
def test_a_member_without_consent_is_refused_naming_the_field_and_nothing_is_written(
    world, changes, field, words
):
    errors = refused(lambda: add_member(world, consent=consent(**changes)))

    assert words in errors[field][0]
    assert not KinMember.objects.exists()
    assert not AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(KinMember)).exists()


def test_consent_to_the_contacts_wording_does_not_make_a_member(world):
    errors = refused(
        lambda: add_member(world, consent=consent(wording=wording(ConsentWording.Purpose.CONTACT)))
    )
    assert "not A KIN member" in errors["consent_wording"][0]


def test_a_member_needs_a_name_a_way_to_reach_them_and_a_point_in_their_own_ward(world):
    errors = refused(
        lambda: add_member(
            world, person=person(name=" ", phone="", email="", latitude=B1_POINT[0], longitude=B1_POINT[1])
        )
    )

    assert set(errors) == {"name", "phone", "latitude"}
    assert f"not {world.wards['a1'].name}" in errors["latitude"][0]


def test_a_member_cannot_join_before_agreeing_nor_in_the_future(world):
    assert "before their consent" in refused(lambda: add_member(world, joined_on=days_ago(6)))["joined_on"][0]
    assert "future" in refused(lambda: add_member(world, joined_on=TODAY + timedelta(days=1)))["joined_on"][0]


def test_consent_cannot_predate_the_wording_they_agreed_to(world):
    new = services.consent_wording_create(purpose="kin", text="New words", in_use_from=days_ago(2))

    errors = refused(lambda: add_member(world, consent=consent(wording=new, given_on=days_ago(3))))
    assert f"version {new.version}" in errors["consent_given_on"][0].lower()


def test_an_interview_is_logged_with_its_concerns_which_name_the_interview_not_the_member(world):
    member = add_member(world)
    officer = world.officers["pc_a"]

    interview = services.kin_interview_create(
        member=member,
        interviewed_on=days_ago(1),
        officer=officer,
        method=KinInterview.Method.PHONE,
        notes="Spoke about the parade",
        concerns=[
            RaisedConcern("asb-rowdy-youths", "Groups by the shops"),
            RaisedConcern("burglary", "Sheds broken into"),
        ],
    )

    member.refresh_from_db()
    assert member.last_interviewed_on == days_ago(1)
    assert interview.month == days_ago(1).replace(day=1)
    concerns = Concern.objects.filter(
        source_type=ContentType.objects.get_for_model(KinInterview), source_id=interview.pk
    )
    assert [c.topic for c in concerns.order_by("id")] == ["asb-rowdy-youths", "burglary"]
    for concern in concerns:
        assert concern.channel == Channel.KIN_INTERVIEW and concern.neighbourhood == world.wards["a1"]
        assert f"KIN interview {interview.pk}" in concern.source and "Jane" not in concern.source
        assert concern.source_record == interview


def test_an_earlier_interview_logged_late_leaves_the_latest_date_alone(world):
    member = add_member(world, joined_on=days_ago(100), consent=consent(given_on=days_ago(100)))
    for day in (10, 40):
        services.kin_interview_create(
            member=member, interviewed_on=days_ago(day), officer=world.officers["pc_a"], method="phone"
        )

    member.refresh_from_db()
    assert member.last_interviewed_on == days_ago(10)


def test_an_interview_dated_in_the_future_is_refused_and_writes_nothing(world):
    member = add_member(world)

    errors = refused(
        lambda: services.kin_interview_create(
            member=member,
            interviewed_on=TODAY + timedelta(days=1),
            officer=world.officers["pc_a"],
            method="phone",
            concerns=[RaisedConcern("burglary", "Sheds")],
        )
    )

    assert errors == {"interviewed_on": ["An interview cannot be dated in the future."]}
    assert not KinInterview.objects.exists() and not Concern.objects.exists()


def test_an_interview_by_an_officer_of_another_team_or_before_joining_is_refused(world):
    member = add_member(world)

    by_stranger = refused(
        lambda: services.kin_interview_create(
            member=member, interviewed_on=TODAY, officer=world.officers["pc_b"], method="phone"
        )
    )
    too_early = refused(
        lambda: services.kin_interview_create(
            member=member, interviewed_on=days_ago(30), officer=world.officers["pc_a"], method="phone"
        )
    )

    assert "was not posted to the team" in by_stranger["officer"][0]
    assert "cannot be before" in too_early["interviewed_on"][0]


def test_a_concern_without_a_topic_refuses_the_whole_interview(world):
    member = add_member(world)
    errors = refused(
        lambda: services.kin_interview_create(
            member=member,
            interviewed_on=TODAY,
            officer=world.officers["pc_a"],
            method="phone",
            concerns=[RaisedConcern("", "x")],
        )
    )
    assert "Concern 1" in errors["concerns"][0]
    assert not KinInterview.objects.exists()


def test_withdrawal_erases_every_personal_detail_and_the_trail_keeps_none_of_them(world):
    member = add_member(
        world,
        person=person(latitude=A1_POINT[0], longitude=A1_POINT[1], age_band="35-49", address="1 High Street"),
    )
    services.kin_member_update(
        member=member,
        person=person(name="Jane Q Shopkeeper", phone="07700 900456"),
        role="faith",
        role_detail="Imam at the mosque",
    )
    services.kin_interview_create(
        member=member,
        interviewed_on=TODAY,
        officer=world.officers["pc_a"],
        method="phone",
        notes="Jane mentioned her son",
    )

    erasure.consent_withdraw(record=member, withdrawn_on=TODAY, actor=world.user("team_officer"))

    member.refresh_from_db()
    assert member.is_erased and member.erased_reason == ErasureReason.WITHDRAWN
    assert member.consent_withdrawn_on == TODAY
    for name in KinMember.PERSONAL_FIELDS:
        assert getattr(member, name) in ("", None), name
    assert member.role == "faith" and member.interviews.get().notes == ""
    trail = trail_text()
    for secret in (
        "Jane",
        "Shopkeeper",
        "07700",
        "jane@example.org",
        "High Street",
        "Imam",
        "her son",
        "35-49",
        "51.505",
    ):
        assert secret not in trail, secret
    assert AuditEvent.objects.filter(object_id=str(member.pk), changes__has_key="erased_at").exists()


def test_an_erased_member_can_no_longer_be_changed_interviewed_or_withdrawn_again(world):
    member = add_member(world)
    erasure.consent_withdraw(record=member, withdrawn_on=TODAY)

    for call in (
        lambda: services.kin_member_update(member=member, person=person(), role="faith"),
        lambda: services.kin_interview_create(
            member=member, interviewed_on=TODAY, officer=world.officers["pc_a"], method="phone"
        ),
        lambda: erasure.consent_withdraw(record=member, withdrawn_on=TODAY),
    ):
        assert "erased" in refused(call)["__all__"][0]


def test_withdrawal_cannot_be_dated_before_consent_or_in_the_future(world):
    member = add_member(world)
    assert (
        "before that"
        in refused(lambda: erasure.consent_withdraw(record=member, withdrawn_on=days_ago(6)))["withdrawn_on"][
            0
        ]
    )
    assert (
        "future"
        in refused(lambda: erasure.consent_withdraw(record=member, withdrawn_on=TODAY + timedelta(days=1)))[
            "withdrawn_on"
        ][0]
    )
    member.refresh_from_db()
    assert not member.is_erased


def test_a_record_unused_for_the_review_period_is_erased_and_archived_on_review(world, settings):
    settings.SN_PERSONAL_DATA_REVIEW_MONTHS = 24
    stale = KinMemberFactory(
        neighbourhood=world.wards["a1"],
        joined_on=days_ago(900),
        last_interviewed_on=days_ago(800),
        name="Old Member",
    )

    erasure.personal_data_erase(record=stale, actor=world.user("sergeant"))

    stale.refresh_from_db()
    assert stale.is_archived and stale.is_erased and stale.erased_reason == ErasureReason.RETENTION
    assert stale.name == "" and "Retention review" in stale.archived_reason
    assert "Old Member" not in trail_text()
    assert not KinMember.objects.live().filter(pk=stale.pk).exists()


def test_a_record_in_use_is_neither_kept_nor_erased_by_a_review(world):
    recent = KinMemberFactory(neighbourhood=world.wards["a1"], last_interviewed_on=days_ago(30))
    for call in (erasure.personal_data_erase, erasure.personal_data_keep):
        assert "not due a review" in refused(lambda call=call: call(record=recent))["__all__"][0]


def test_keeping_a_record_on_review_starts_its_period_again(world):
    stale = ContactFactory(
        neighbourhood=world.wards["a1"], consent_given_on=days_ago(900), last_contacted_on=None
    )

    erasure.personal_data_keep(record=stale)

    stale.refresh_from_db()
    assert stale.reviewed_on == TODAY and not stale.is_erased
    assert "not due a review" in refused(lambda: erasure.personal_data_keep(record=stale))["__all__"][0]


def test_a_contact_is_added_with_consent_and_a_group_has_no_age_band(world):
    contact_consent = consent(wording=wording(ConsentWording.Purpose.CONTACT))
    errors = refused(
        lambda: services.contact_create(
            neighbourhood=world.wards["a1"],
            person=person(age_band="65+"),
            kind="group",
            topics=["nonsense"],
            consent=contact_consent,
        )
    )
    assert set(errors) == {"age_band", "topics"}

    contact = services.contact_create(
        neighbourhood=world.wards["a1"],
        person=person(name="Friends of the Park"),
        kind="group",
        organisation="Friends of the Park",
        topics=["asb-litter-fly-tipping", "asb-litter-fly-tipping"],
        consent=contact_consent,
    )
    assert contact.topics == ["asb-litter-fly-tipping"]


def test_a_contact_without_consent_is_refused(world):
    errors = refused(
        lambda: services.contact_create(
            neighbourhood=world.wards["a1"], person=person(), kind="person", consent=Consent(None, None, "")
        )
    )
    assert {"consent_wording", "consent_given_on", "consent_method"} <= set(errors)
    assert not Contact.objects.exists()


def test_noting_a_contact_keeps_the_latest_date_and_refuses_the_future(world):
    contact = ContactFactory(neighbourhood=world.wards["a1"], last_contacted_on=days_ago(10))

    services.contact_contacted(contact=contact, contacted_on=days_ago(20))
    assert contact.last_contacted_on == days_ago(10)
    services.contact_contacted(contact=contact, contacted_on=days_ago(2))
    assert contact.last_contacted_on == days_ago(2)
    assert (
        "future"
        in refused(
            lambda: services.contact_contacted(contact=contact, contacted_on=TODAY + timedelta(days=1))
        )["contacted_on"][0]
    )


def test_withdrawing_a_contact_erases_its_interests_and_organisation_too(world):
    contact = ContactFactory(
        neighbourhood=world.wards["a1"], organisation="Secret Society", interests="Bird watching"
    )

    erasure.consent_withdraw(record=contact, withdrawn_on=TODAY)

    contact.refresh_from_db()
    assert (contact.name, contact.organisation, contact.interests, contact.topics) == ("", "", "", [])
    assert "Secret Society" not in trail_text() and "Bird watching" not in trail_text()


def test_a_new_wording_is_the_next_version_and_cannot_start_before_the_last(world):
    # The first version comes from a data migration, which a test that empties the database removes.
    first = wording("contact")
    second = services.consent_wording_create(purpose="contact", text="Second words", in_use_from=TODAY)

    assert second.version == first.version + 1
    errors = refused(
        lambda: services.consent_wording_create(purpose="contact", text="Third", in_use_from=days_ago(1))
    )
    assert "on or after" in errors["in_use_from"][0]
    assert ConsentWording.objects.get(pk=first.pk).text != "Second words"
