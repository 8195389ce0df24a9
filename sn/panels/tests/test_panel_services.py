"""Panels and their members: one active panel a ward, contact details only with consent, one chair,
diversity answers only with explicit consent and erased on withdrawal, never written to the trail."""

import pytest
from django.core.exceptions import ValidationError

from sn.accounts.tests.factories import UserFactory
from sn.core.audit import history_for
from sn.core.roles import Role
from sn.panels.models import DiversityAnswers, Panel, PanelMember
from sn.panels.models.panels import MemberType
from sn.panels.services import (
    diversity_answers_record,
    diversity_consent_withdraw,
    member_add,
    member_leave,
    member_update,
    panel_create,
)
from sn.panels.tests.factories import PanelFactory, PanelMemberFactory, days_ago

pytestmark = pytest.mark.django_db


def add(world, panel, actor=None, **kwargs):
    fields = {"name": "Ada Resident", "member_type": MemberType.RESIDENT, "joined_on": days_ago(30)}
    return member_add(panel=panel, actor=actor or world.user("team_officer"), **{**fields, **kwargs})


def test_a_ward_has_one_active_panel(world):
    panel = panel_create(
        neighbourhood=world.wards["a1"], name="A1 Panel", formed_on=days_ago(10), actor=world.user("sergeant")
    )
    assert panel.created_by == world.user("sergeant")

    with pytest.raises(ValidationError) as refused:
        panel_create(
            neighbourhood=world.wards["a1"],
            name="Another",
            formed_on=days_ago(1),
            actor=world.user("sergeant"),
        )

    assert "already has a ward panel" in refused.value.message_dict["name"][0]
    assert Panel.objects.count() == 1


def test_a_panel_member_cannot_set_up_panels(world):
    with pytest.raises(ValidationError) as refused:
        panel_create(
            neighbourhood=world.wards["a1"],
            name="A1",
            formed_on=days_ago(1),
            actor=world.user("panel_member"),
        )
    assert "Your role cannot" in refused.value.message_dict["name"][0]


def test_contact_details_are_kept_only_with_consent(world):
    panel = PanelFactory(neighbourhood=world.wards["a1"])

    with pytest.raises(ValidationError) as refused:
        add(world, panel, email="ada@example.org")
    assert "consent" in refused.value.message_dict["contact_consent"][0]
    assert not PanelMember.objects.exists()

    member = add(world, panel, email="ada@example.org", contact_consent=True)
    assert member.contact_consent_on is not None


def test_withdrawn_consent_erases_contact_details_and_the_trail_never_held_them(world):
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    member = add(world, panel, email="ada@example.org", phone="020 7946 0999", contact_consent=True)

    member_update(
        member=member,
        name=member.name,
        member_type=member.member_type,
        email="ada@example.org",
        actor=world.user("team_officer"),
    )

    member.refresh_from_db()
    assert (member.email, member.phone, member.contact_consent_on) == ("", "", None)
    trail = str([event.changes for event in history_for(member)])
    assert "ada@example.org" not in trail and "0999" not in trail


def test_a_panel_has_one_chair(world):
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    first = add(world, panel, is_chair=True)

    second = add(world, panel, name="Bo Business", member_type=MemberType.BUSINESS, is_chair=True)

    first.refresh_from_db()
    assert second.is_chair and not first.is_chair


def test_a_members_sign_in_must_be_a_panel_member_account_of_the_ward(world):
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    elsewhere = UserFactory(role=Role.PANEL_MEMBER, neighbourhood=world.wards["b1"])

    for user in (elsewhere, world.user("team_officer")):
        with pytest.raises(ValidationError) as refused:
            add(world, panel, user=user)
        assert "user" in refused.value.message_dict
    assert add(world, panel, user=world.user("panel_member")).user == world.user("panel_member")


def test_a_member_who_leaves_keeps_their_record_and_gives_up_the_chair(world):
    member = PanelMemberFactory(panel=PanelFactory(neighbourhood=world.wards["a1"]), is_chair=True)

    member_leave(member=member, left_on=days_ago(0), actor=world.user("team_officer"))

    member.refresh_from_db()
    assert member.left_on == days_ago(0) and not member.is_chair
    with pytest.raises(ValidationError):
        member_leave(member=member, left_on=days_ago(0), actor=world.user("team_officer"))


def test_diversity_answers_are_kept_only_with_explicit_consent(world):
    member = PanelMemberFactory(panel=PanelFactory(neighbourhood=world.wards["a1"]))

    with pytest.raises(ValidationError) as refused:
        diversity_answers_record(member=member, consent=False, sex="female", actor=world.user("team_officer"))

    assert "explicit consent" in refused.value.message_dict["consent"][0]
    assert not DiversityAnswers.objects.exists()


def test_diversity_answers_never_enter_the_trail_and_withdrawal_erases_them(world):
    member = PanelMemberFactory(panel=PanelFactory(neighbourhood=world.wards["a1"]))
    answers = diversity_answers_record(
        member=member,
        consent=True,
        age_band="65-74",
        ethnic_group="black",
        disability="yes",
        actor=world.user("team_officer"),
    )

    diversity_consent_withdraw(member=member, actor=world.user("team_officer"))

    answers.refresh_from_db()
    assert answers.consent_withdrawn_on is not None
    assert (answers.age_band, answers.sex, answers.ethnic_group, answers.disability) == ("", "", "", "")
    trail = str([event.changes for event in history_for(answers)])
    assert "65-74" not in trail and "black" not in trail and "(changed)" in trail
