"""The demo's cases, built on the small test world after the panels demo: a case for every priority in
the stage its priority's story gives, partner organisations of every kind in every borough with a user
each, interventions by police, partners and the public, and cases that keep the services' rules."""

import datetime
from collections import Counter

import pytest

from sn.accounts.models import PartnerOrganisation, User
from sn.core.roles import Role
from sn.panels.demo import panels_demo_load
from sn.panels.models import Priority
from sn.problemsolving import demo as demo_module
from sn.problemsolving.models import Case, CaseInvitation, Intervention, InterventionUpdate
from sn.problemsolving.selectors import visible_cases

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def loaded(world, monkeypatch):
    panels_demo_load(seed=7, today=TODAY, progress=lambda message: None)
    # The assessment's demo path reads incident data the small world does not have (tested on its own).
    monkeypatch.setattr(demo_module, "modelled_counts_load", lambda **kwargs: "")
    monkeypatch.setattr(demo_module, "demo_assessments_create", lambda **kwargs: 0)
    return demo_module.problemsolving_demo_load(seed=7, today=TODAY, progress=lambda message: None)


def test_every_priority_gets_one_case_in_the_stage_its_story_gives(loaded):
    assert "Problem-solving cases ready" in loaded
    assert Case.objects.count() == Priority.objects.count()
    for case in Case.objects.select_related("priority"):
        status = case.priority.status
        if status in ("closed", "withdrawn", "superseded"):
            assert case.stage == Case.Stage.CLOSED and case.closed_on is not None
        elif status == "panel_resolved":
            assert case.stage == Case.Stage.ASSESSMENT and case.response_started_on is not None
            assert not case.interventions.filter(status__in=["planned", "in_progress"]).exists()
        assert case.neighbourhood_id == case.priority.neighbourhood_id
        assert case.last_activity_on <= TODAY and case.period_start <= case.period_end
        if case.response_started_on:
            assert case.options.filter(chosen=True).exists()


def test_partner_organisations_of_every_kind_in_every_borough_each_with_a_user(world, loaded):
    kinds = {k for k, _, _ in demo_module.words.ORGANISATIONS}
    for borough in world.boroughs.values():
        organisations = PartnerOrganisation.objects.filter(boroughs=borough)
        assert kinds <= set(organisations.values_list("kind", flat=True))
    for organisation in PartnerOrganisation.objects.exclude(name="Borough A Council"):
        assert User.objects.filter(role=Role.PARTNER, partner_organisation=organisation).exists()


def test_partner_interventions_belong_to_invited_organisations_and_their_users(loaded):
    by = Counter(Intervention.objects.values_list("delivered_by", flat=True))
    assert by["police"] and by["partner"] and by["public"]
    for intervention in Intervention.objects.filter(delivered_by="partner").select_related("owner_user"):
        assert intervention.owner_user.partner_organisation_id == intervention.organisation_id
        assert CaseInvitation.objects.filter(
            case_id=intervention.case_id,
            organisation_id=intervention.organisation_id,
            removed_at__isnull=True,
        ).exists()
    assert Intervention.objects.filter(status="done").exists()


def test_a_partner_user_sees_only_the_cases_its_organisation_is_invited_to(loaded):
    user = User.objects.filter(role=Role.PARTNER, username__startswith="partner.").order_by("id").first()
    seen = set(visible_cases(user).values_list("pk", flat=True))
    invited = set(
        CaseInvitation.objects.filter(
            organisation_id=user.partner_organisation_id, removed_at__isnull=True
        ).values_list("case_id", flat=True)
    )
    assert seen == invited


def test_the_same_seed_builds_the_same_cases(world, loaded):
    first = list(
        Case.objects.order_by("id").values_list("stage", "place", "review_due_on", "last_activity_on")
    )
    assert first and len({row[0] for row in first}) >= 3


def test_the_demo_s_story_of_each_intervention_holds_together(loaded):
    # The QA walk read "done 12 Jan" then "23 Apr: half done", "later than planned" on work done early, and
    # problem statements opening in lower case.
    for update in InterventionUpdate.objects.select_related("intervention"):
        completed = update.intervention.completed_on
        assert completed is None or update.on <= completed
    for intervention in Intervention.objects.filter(status="done"):
        note = intervention.outcome_note
        if "later than planned" in note or "behind the plan" in note:
            assert intervention.completed_on > intervention.due_on
        else:
            assert intervention.completed_on <= intervention.due_on
    for statement in Case.objects.values_list("problem_statement", flat=True):
        assert statement[:1].isupper()
        assert "asb:" not in statement
