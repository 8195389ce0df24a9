"""Interventions: given to an officer of the team, a user of an invited organisation or a named group
of the public; worked only by their owners."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.accounts.tests.factories import PartnerOrganisationFactory
from sn.core.audit import history_for
from sn.core.models import AuditEvent
from sn.problemsolving.models import Case, Intervention, InterventionUpdate
from sn.problemsolving.services import (
    intervention_add,
    intervention_complete,
    intervention_status_change,
    intervention_update_add,
    response_option_change,
)
from sn.problemsolving.tests.factories import (
    CaseInvitationFactory,
    PartnerUserFactory,
    ResponseOptionFactory,
    ward_case_setup,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
IN_A_MONTH = lambda: TODAY() + datetime.timedelta(days=30)  # noqa: E731


@pytest.fixture
def setup(world):
    return ward_case_setup(world, "a1")


def refused(call, field: str) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    assert field in error.value.message_dict, error.value.message_dict
    return error.value.message_dict[field][0]


def add(setup, actor, **kwargs):
    return intervention_add(
        case=setup.case, description="Patrols", due_on=IN_A_MONTH(), actor=actor, **kwargs
    )


def test_a_police_intervention_goes_to_an_officer_of_the_wards_team(world, setup):
    intervention = add(
        setup, world.user("team_officer"), delivered_by="police", owner_officer=world.officers["pcso_a"]
    )
    assert intervention.owner_officer == world.officers["pcso_a"]
    assert history_for(intervention).filter(action=AuditEvent.Action.CREATE).exists()

    assert "not posted" in refused(
        lambda: add(
            setup, world.user("team_officer"), delivered_by="police", owner_officer=world.officers["pc_b"]
        ),
        "owner_officer",
    )


def test_a_partner_intervention_needs_an_invited_organisation_and_one_of_its_users(world, setup):
    actor = world.user("sergeant")
    organisation = world.user("partner").partner_organisation
    intervention = add(
        setup, actor, delivered_by="partner", organisation=organisation, owner_user=world.user("partner")
    )
    assert intervention.owner_user == world.user("partner")

    uninvited = PartnerOrganisationFactory(boroughs=[world.boroughs["a"]])
    uninvited_user = PartnerUserFactory(partner_organisation=uninvited)
    assert "not invited" in refused(
        lambda: add(setup, actor, delivered_by="partner", organisation=uninvited, owner_user=uninvited_user),
        "organisation",
    )
    assert "does not work for" in refused(
        lambda: add(
            setup, actor, delivered_by="partner", organisation=organisation, owner_user=uninvited_user
        ),
        "owner_user",
    )
    assert not Intervention.objects.filter(owner_user=uninvited_user).exists()


def test_a_public_intervention_names_its_group_and_a_due_date_in_the_past_is_refused(world, setup):
    actor = world.user("team_officer")
    refused(lambda: add(setup, actor, delivered_by="public", owner_name=" "), "owner_name")
    refused(
        lambda: intervention_add(
            case=setup.case,
            description="Clean-up",
            delivered_by="public",
            owner_name="Residents",
            due_on=TODAY() - datetime.timedelta(days=1),
            actor=actor,
        ),
        "due_on",
    )
    refused(lambda: add(setup, actor, delivered_by="nobody"), "delivered_by")
    assert add(setup, actor, delivered_by="public", owner_name="Elm Residents").owner_name == "Elm Residents"


def test_the_partner_owner_completes_their_intervention(world, setup):
    partner = world.user("partner")
    done = intervention_complete(intervention=setup.partner, outcome_note="Lights fixed", actor=partner)
    assert done.status == Intervention.Status.DONE and done.completed_by == partner
    statuses = [e.changes.get("status") for e in history_for(done).filter(action=AuditEvent.Action.UPDATE)]
    assert ["planned", "done"] in statuses


def test_nobody_but_the_owner_completes_or_changes_an_intervention(world, setup):
    colleague = PartnerUserFactory(partner_organisation=world.user("partner").partner_organisation)
    for actor in (world.user("sergeant"), world.user("team_officer"), colleague):
        message = refused(
            lambda actor=actor: intervention_complete(
                intervention=setup.partner, outcome_note="x", actor=actor
            ),
            "status",
        )
        assert "Only its owner" in message
    # The police one is the PC's (pc_a, the priority's owner): the sergeant and the partner are refused.
    for actor in (world.user("sergeant"), world.user("partner")):
        refused(
            lambda actor=actor: intervention_status_change(
                intervention=setup.police, status="in_progress", actor=actor
            ),
            "status",
        )
    assert Intervention.objects.filter(status=Intervention.Status.DONE).count() == 0
    assert Intervention.objects.get(pk=setup.police.pk).status == Intervention.Status.PLANNED


def test_the_officer_owner_starts_and_completes_theirs_and_the_team_completes_the_publics(world, setup):
    pc = world.user("team_officer")
    intervention_status_change(intervention=setup.police, status="in_progress", actor=pc)
    intervention_complete(intervention=setup.police, outcome_note="Done", actor=pc)
    intervention_complete(
        intervention=setup.public, outcome_note="Alleys cleared", actor=world.user("sergeant")
    )
    assert refused(
        lambda: intervention_complete(
            intervention=setup.public, outcome_note="x", actor=world.user("partner")
        ),
        "status",
    )


def test_the_case_moves_to_assessment_when_the_last_open_intervention_is_done(world, setup):
    pc, partner, sergeant = world.user("team_officer"), world.user("partner"), world.user("sergeant")
    intervention_complete(intervention=setup.police, outcome_note="Done", actor=pc)
    intervention_complete(intervention=setup.partner, outcome_note="Done", actor=partner)
    assert Case.objects.get(pk=setup.case.pk).stage == Case.Stage.RESPONSE
    intervention_status_change(
        intervention=setup.public, status="cancelled", note="Group disbanded", actor=sergeant
    )
    assert Case.objects.get(pk=setup.case.pk).stage == Case.Stage.ASSESSMENT


def test_cancelling_needs_a_reason_and_a_finished_intervention_keeps_its_record(world, setup):
    pc = world.user("team_officer")
    refused(
        lambda: intervention_status_change(intervention=setup.police, status="cancelled", actor=pc), "note"
    )
    intervention_complete(intervention=setup.police, outcome_note="Done", actor=pc)
    assert "done" in refused(
        lambda: intervention_status_change(intervention=setup.police, status="planned", actor=pc), "status"
    )
    refused(lambda: intervention_status_change(intervention=setup.public, status="done", actor=pc), "status")


def test_completion_in_the_future_is_refused(world, setup):
    refused(
        lambda: intervention_complete(
            intervention=setup.partner,
            outcome_note="x",
            on=TODAY() + datetime.timedelta(days=1),
            actor=world.user("partner"),
        ),
        "completed_on",
    )
    assert Intervention.objects.get(pk=setup.partner.pk).status == Intervention.Status.PLANNED


def test_updates_come_from_the_owner_the_team_or_the_owning_organisation(world, setup):
    colleague = PartnerUserFactory(partner_organisation=world.user("partner").partner_organisation)
    intervention_update_add(intervention=setup.partner, text="Survey done", actor=colleague)
    intervention_update_add(intervention=setup.partner, text="Chased", actor=world.user("team_officer"))
    # A partner reaches only their own organisation's work, not the police's.
    refused(lambda: intervention_update_add(intervention=setup.police, text="x", actor=colleague), "text")
    refused(
        lambda: intervention_update_add(
            intervention=setup.partner, text="x", on=TODAY() + datetime.timedelta(days=2), actor=colleague
        ),
        "on",
    )
    assert InterventionUpdate.objects.filter(intervention=setup.partner).count() == 2


def test_a_partner_whose_invitation_was_removed_can_no_longer_complete_their_work(world, setup):
    partner = world.user("partner")
    setup.invitation.removed_at = timezone.now()
    setup.invitation.save()
    assert refused(
        lambda: intervention_complete(intervention=setup.partner, outcome_note="x", actor=partner), "status"
    )
    CaseInvitationFactory(case=setup.case, organisation=partner.partner_organisation)
    intervention_complete(intervention=setup.partner, outcome_note="x", actor=partner)


def test_the_last_chosen_option_stays_chosen_once_the_response_has_started(world, setup):
    option = setup.option
    refused(
        lambda: response_option_change(
            option=option, description="x", chosen=False, reason="y", actor=world.user("team_officer")
        ),
        "chosen",
    )
    ResponseOptionFactory(case=setup.case, chosen=True)
    response_option_change(
        option=option, description="x", chosen=False, reason="y", actor=world.user("team_officer")
    )
    option.refresh_from_db()
    assert not option.chosen
