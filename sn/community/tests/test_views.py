"""The community pages as their users use them: forms that save through the services or come back with
the refusal on its field, and personal data shown only to the ward's team and its supervisors."""

import html
from datetime import date, timedelta

import pytest
from django.urls import reverse

from sn.accounts.tests.factories import UserFactory
from sn.community.models import ConsentWording, Contact, KinInterview, KinMember
from sn.community.tests.factories import ContactFactory, KinMemberFactory, days_ago, wording
from sn.community.tests.helpers import ward_records
from sn.concerns.models import Concern
from sn.core.roles import Role
from sn.core.tests.helpers import WHOLE_FORM, post_form
from sn.testing.world import build_wide_world

pytestmark = pytest.mark.django_db

TODAY = date.today()


def member_data(**changes) -> dict:
    data = {
        "role": "faith",
        "role_detail": "Imam",
        "name": "Yusuf Ahmed",
        "phone": "07700 900321",
        "email": "",
        "address": "",
        "street": "Mosque Lane",
        "latitude": "",
        "longitude": "",
        "age_band": "50-64",
        "joined_on": TODAY.isoformat(),
        "consent_wording": wording(ConsentWording.Purpose.KIN).pk,
        "consent_given_on": TODAY.isoformat(),
        "consent_method": "verbal",
        "consent_confirmed": "on",
    }
    return {**data, **changes}


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_pc_adds_a_member_with_their_consent(client_for, world):
    url = reverse("community:kin_member_new", args=[world.wards["a1"].code])
    assert wording(ConsentWording.Purpose.KIN).text in text(client_for("team_officer").get(url))

    response = post_form(client_for("team_officer"), url, member_data())

    member = KinMember.objects.get()
    assert response["Location"] == reverse("community:kin_member", args=[member.pk])
    assert (member.name, member.role, member.consent_method, member.age_band) == (
        "Yusuf Ahmed",
        "faith",
        "verbal",
        "50-64",
    )


def test_a_member_is_not_added_unless_the_officer_confirms_they_agreed(client_for, world):
    url = reverse("community:kin_member_new", args=[world.wards["a1"].code])
    data = member_data()
    del data["consent_confirmed"]

    post_form(
        client_for("team_officer"), url, data, errors={"consent_confirmed": ["Confirm that they were shown"]}
    )
    assert not KinMember.objects.exists()


def test_the_services_refusal_comes_back_on_its_field(client_for, world):
    url = reverse("community:kin_member_new", args=[world.wards["a1"].code])
    data = member_data(joined_on=(TODAY - timedelta(days=3)).isoformat(), phone="")

    post_form(
        client_for("team_officer"),
        url,
        data,
        errors={"joined_on": ["before their consent"], "phone": ["at least one way to reach them"]},
    )
    assert not KinMember.objects.exists()


def test_an_interview_is_logged_with_the_concerns_raised(client_for, world):
    member = KinMemberFactory(neighbourhood=world.wards["a1"])
    url = reverse("community:kin_interview_new", args=[member.pk])
    page = text(client_for("team_officer").get(url))
    assert world.officers["pc_a"].full_name in page and world.officers["pc_b"].full_name not in page

    post_form(
        client_for("team_officer"),
        url,
        {
            "interviewed_on": TODAY.isoformat(),
            "officer": world.officers["pc_a"].pk,
            "method": "in_person",
            "notes": "Busy month",
            "topic_1": "drug-dealing",
            "description_1": "Dealing in the stairwell",
            "topic_2": "",
            "description_2": "",
            "topic_3": "",
            "description_3": "",
        },
    )

    interview = KinInterview.objects.get(member=member)
    concern = Concern.objects.get()
    assert concern.source_id == interview.pk and concern.topic == "drug-dealing"
    body = text(client_for("sergeant").get(reverse("community:kin_member", args=[member.pk])))
    assert "Dealing in the stairwell" in body and "Busy month" in body


def test_an_interview_in_the_future_or_a_concern_half_filled_comes_back(client_for, world):
    member = KinMemberFactory(neighbourhood=world.wards["a1"])
    url = reverse("community:kin_interview_new", args=[member.pk])
    data = {
        "interviewed_on": (TODAY + timedelta(days=2)).isoformat(),
        "officer": world.officers["pc_a"].pk,
        "method": "phone",
        "topic_1": "burglary",
        "description_1": "",
    }

    post_form(client_for("team_officer"), url, data, errors={"description_1": ["Say what they said"]})
    data["description_1"] = "Sheds"
    post_form(
        client_for("team_officer"), url, data, errors={"interviewed_on": ["cannot be dated in the future"]}
    )
    assert not KinInterview.objects.exists() and not Concern.objects.exists()


def test_a_withdrawal_erases_the_member_and_their_page_says_so(client_for, world):
    member = KinMemberFactory(neighbourhood=world.wards["a1"], name="Ada Lovelock")
    url = reverse("community:kin_member_withdraw", args=[member.pk])

    post_form(
        client_for("team_officer"),
        url,
        {"withdrawn_on": TODAY.isoformat()},
        errors={"confirmed": ["Confirm"]},
    )
    post_form(client_for("team_officer"), url, {"withdrawn_on": TODAY.isoformat(), "confirmed": "on"})

    body = text(client_for("sergeant").get(reverse("community:kin_member", args=[member.pk])))
    assert "Former member" in body and "Ada Lovelock" not in body
    ward_page = text(client_for("sergeant").get(reverse("community:kin_ward", args=[world.wards["a1"].code])))
    assert "1 member has withdrawn consent" in ward_page


def test_an_officer_of_another_ward_of_the_same_cluster_cannot_find_its_personal_data(client):
    world = build_wide_world()
    records = ward_records(world, "a1")
    neighbour = UserFactory(username="pc.a3", role=Role.TEAM_OFFICER, officer=world.officers["pc_a3"])
    client.force_login(neighbour)

    for url in (
        reverse("community:kin_ward", args=[world.wards["a1"].code]),
        reverse("community:kin_member", args=[records.member.pk]),
        reverse("community:kin_interview_new", args=[records.member.pk]),
        reverse("community:contacts_ward", args=[world.wards["a1"].code]),
        reverse("community:contact", args=[records.contact.pk]),
        reverse("community:gap", args=[world.wards["a1"].code]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("community:kin_ward", args=[world.wards["a3"].code])).status_code == 200


def test_the_ward_panel_names_members_only_to_the_team_and_its_supervisors(client_for, world):
    overdue = KinMemberFactory(
        neighbourhood=world.wards["a1"], name="Overdue Member", last_interviewed_on=days_ago(400)
    )
    url = reverse("pages:ward", args=[world.wards["a1"].code])

    for role in ("team_officer", "sergeant", "inspector"):
        body = text(client_for(role).get(url))
        assert "Key Individual Network" in body and overdue.name in body, role
    for role in ("analyst", "borough_lead", "central_unit"):
        body = text(client_for(role).get(url))
        assert "Key Individual Network" in body and overdue.name not in body, role
        assert "seen only by the ward's team" in body
    assert "Key Individual Network" not in text(client_for("panel_member").get(url))


def test_the_history_of_a_member_shows_that_details_changed_never_the_details(client_for, world):
    member = KinMemberFactory(neighbourhood=world.wards["a1"])
    post_form(
        client_for("team_officer"),
        reverse("community:kin_member_edit", args=[member.pk]),
        {**member_data(name="Secret Newname", phone="07700 900999"), "role": "youth"},
    )

    body = text(client_for("borough_lead").get(reverse("pages:history", args=["kinmember", member.pk])))

    assert "Secret Newname" not in body and "07700 900999" not in body and member.name not in body
    assert "(not recorded)" in body and "Youth worker" in body


def test_the_sergeant_erases_a_record_due_a_review_and_a_pc_cannot(client_for, world):
    stale = ContactFactory(
        neighbourhood=world.wards["a1"], consent_given_on=days_ago(900), last_contacted_on=None
    )
    url = reverse("community:contact_review", args=[stale.pk])
    listing = text(
        client_for("sergeant").get(reverse("community:personal_data_review", args=[world.wards["a1"].code]))
    )
    assert stale.name in listing

    assert client_for("team_officer").get(url).status_code == 403
    post_form(client_for("sergeant"), url, {"decision": "erase"})

    stale.refresh_from_db()
    assert stale.is_archived and stale.is_erased
    assert client_for("sergeant").get(reverse("community:contact", args=[stale.pk])).status_code == 404


def test_a_review_of_a_record_in_use_is_refused_on_the_page(client_for, world):
    member = KinMemberFactory(neighbourhood=world.wards["a1"], last_interviewed_on=days_ago(3))
    url = reverse("community:kin_member_review", args=[member.pk])
    post_form(client_for("sergeant"), url, {"decision": "erase"}, errors={WHOLE_FORM: ["not due a review"]})


def test_a_contact_is_added_noted_and_shown_on_the_map(client_for, world):
    url = reverse("community:contact_new", args=[world.wards["a1"].code])
    post_form(
        client_for("team_officer"),
        url,
        {
            "kind": "group",
            "name": "Friends of Burgess Park",
            "phone": "",
            "email": "friends@example.org",
            "organisation": "Friends of Burgess Park",
            "topics": ["asb-litter-fly-tipping", "asb-vehicle-nuisance"],
            "latitude": "51.505",
            "longitude": "-0.195",
            "consent_wording": wording(ConsentWording.Purpose.CONTACT).pk,
            "consent_given_on": TODAY.isoformat(),
            "consent_method": "email",
            "consent_confirmed": "on",
        },
    )
    contact = Contact.objects.get()
    assert contact.topics == ["asb-litter-fly-tipping", "asb-vehicle-nuisance"]

    post_form(
        client_for("team_officer"),
        reverse("community:contact_contacted", args=[contact.pk]),
        {"contacted_on": TODAY.isoformat()},
    )
    contact.refresh_from_db()
    assert contact.last_contacted_on == TODAY
    listing = text(
        client_for("inspector").get(reverse("community:contacts_ward", args=[world.wards["a1"].code]))
    )
    assert "Friends of Burgess Park" in listing and '"kind":"contact"' in listing


def test_the_compliance_download_has_a_row_per_team_and_no_names(client_for, world):
    KinMemberFactory(neighbourhood=world.wards["a1"], name="Hidden Person")
    response = client_for("inspector").get(
        reverse("community:compliance_cluster", args=["C-A"]) + "?format=csv"
    )

    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("Team area,Code,Borough,Cluster,Interviews last month")
    assert len(body.splitlines()) == 5 and "Hidden Person" not in body


def test_the_central_unit_publishes_a_new_consent_wording(client_for, world):
    post_form(
        client_for("central_unit"),
        reverse("community:consent_wording_new"),
        {"purpose": "kin", "text": "New words for 2027", "in_use_from": TODAY.isoformat()},
    )
    assert (
        ConsentWording.objects.filter(purpose="kin").order_by("-version").first().text == "New words for 2027"
    )
    assert "New words for 2027" in text(client_for("central_unit").get(reverse("community:consent_wordings")))
