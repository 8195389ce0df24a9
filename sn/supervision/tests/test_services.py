"""Running the supervision model and adopting its proposal: the groups, the plan, the postings that
change, and each refusal naming its field and writing nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sn.core.models import AuditEvent
from sn.supervision.models import SupervisionGroup, SupervisionGroupWard, SupervisionProposal
from sn.supervision.selectors import area_facts, proposal_groups, seed_ratio_target, today_figures
from sn.supervision.services import proposal_adopt, proposal_create
from sn.supervision.tests.helpers import borough_a_proposal, give_demand
from sn.teams.models import Posting, Rank
from sn.teams.selectors import active_postings
from sn.teams.tests.factories import PostingFactory
from sn.testing.world import add_officer
from sn.workforce.models import Duty
from sn.workforce.tests.factories import DutyFactory, local_start

pytestmark = pytest.mark.django_db


def _counts():
    return (
        SupervisionProposal.objects.count(),
        SupervisionGroup.objects.count(),
        SupervisionGroupWard.objects.count(),
        Posting.objects.count(),
        AuditEvent.objects.count(),
    )


def _groups(world, proposal) -> list[list[str]]:
    names = {ward.id: key for key, ward in world.wards.items()}
    return [sorted(names[i] for i in g.ward_ids) for g in proposal_groups(proposal)]


def test_todays_arrangement_comes_from_the_postings(world):
    give_demand(world)
    facts = area_facts(borough=world.boroughs["a"], on=timezone.localdate())
    sergeant = world.officers["sergeant_a"]
    assert facts.sergeants_of() == {sergeant.id: [world.wards["a1"].id, world.wards["a2"].id]}
    assert facts.unsupervised() == [world.wards["a3"].id, world.wards["a4"].id]
    figures = today_figures(facts)
    assert figures["sergeants"] == 1 and figures["unsupervised_wards"] == 2
    assert figures["officers_per_sergeant"] == 5  # two PCs and three PCSOs on a1
    assert figures["demand"]["max"] == 420


def test_a_proposal_groups_quiet_adjacent_wards_and_the_busiest_keeps_its_own(world):
    proposal = borough_a_proposal(world, target=2)
    assert proposal.status == SupervisionProposal.Status.PROPOSED
    assert proposal.solver_status == "optimal"
    groups = _groups(world, proposal)
    assert groups == [["a1"], ["a2", "a3", "a4"]]
    assert proposal.figures["after"]["sergeants"] == 2
    assert proposal.figures["before"]["sergeants"] == 1
    assert proposal.created_by == world.users["borough_lead"]
    kept = [g.kept_sergeant for g in proposal_groups(proposal)]
    # The one sergeant stays with the busiest group; the other is a post to fill.
    assert kept == [world.officers["sergeant_a"], None]
    batches = AuditEvent.objects.filter(action="bulk_create", actor=world.users["borough_lead"])
    assert sorted(e.changes["source"] for e in batches) == [f"supervision proposal {proposal.pk}"] * 2


def test_the_seed_ratio_of_a_borough(world):
    assert seed_ratio_target(683) == 520
    assert seed_ratio_target(4) == 3
    assert seed_ratio_target(1) == 1


def test_a_target_no_arrangement_meets_is_refused_with_the_range_and_nothing_written(world):
    give_demand(world)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        proposal_create(borough=world.boroughs["a"], target=1, actor=world.users["analyst"])
    message = refused.value.message_dict["target"][0]
    assert message.startswith("Borough A: No arrangement has exactly 1 sergeant")
    assert "between 2 and 4" in message
    assert _counts() == before


def test_a_role_below_cannot_propose_and_a_borough_role_cannot_propose_for_another_borough(world):
    give_demand(world)
    before = _counts()
    with pytest.raises(PermissionDenied, match="Your role cannot run the supervision model"):
        proposal_create(borough=world.boroughs["a"], target=2, actor=world.users["inspector"])
    with pytest.raises(PermissionDenied, match="for Borough B"):
        proposal_create(borough=world.boroughs["b"], target=2, actor=world.users["borough_lead"])
    with pytest.raises(PermissionDenied, match="Only the central unit"):
        proposal_create(borough=None, target=4, actor=world.users["borough_lead"])
    assert _counts() == before


def test_adoption_posts_each_kept_sergeant_to_its_group_and_ends_the_others(world):
    give_demand(world)
    today = timezone.localdate()
    # A second sergeant on a3: with a target of 2, a1 keeps sergeant_a and a2-a4 the other.
    second = add_officer(Rank.SERGEANT, 900, last_name="Second")
    PostingFactory(officer=second, team=world.teams["a3"], start_date=date(2021, 1, 1))
    proposal = proposal_create(borough=world.boroughs["a"], target=2, actor=world.users["analyst"])
    assert _groups(world, proposal) == [["a1"], ["a2", "a3", "a4"]]
    assert [g.kept_sergeant for g in proposal_groups(proposal)] == [world.officers["sergeant_a"], second]
    adopted = proposal_adopt(proposal=proposal, actor=world.users["borough_lead"])
    assert adopted.status == SupervisionProposal.Status.ADOPTED
    assert adopted.adopted_by == world.users["borough_lead"]
    sergeant_teams = {
        (p.officer_id, p.team_id)
        for p in active_postings(on=today).filter(officer__rank=Rank.SERGEANT, team__in=world.teams.values())
    }
    # Postings ended yesterday are still current yesterday, never today.
    assert sergeant_teams == {
        (world.officers["sergeant_a"].id, world.teams["a1"].id),
        (second.id, world.teams["a2"].id),
        (second.id, world.teams["a3"].id),
        (second.id, world.teams["a4"].id),
        (world.officers["sergeant_b"].id, world.teams["b1"].id),
        (world.officers["sergeant_b"].id, world.teams["b2"].id),
    }
    ended = Posting.objects.get(officer=world.officers["sergeant_a"], team=world.teams["a2"])
    assert ended.end_date == today - timedelta(days=1)
    assert AuditEvent.objects.filter(actor=world.users["borough_lead"], action="create").count() == 2
    assert AuditEvent.objects.filter(actor=world.users["borough_lead"], action="update").count() >= 2


def test_adoption_withdraws_a_released_sergeants_rostered_duties_for_the_teams_they_leave(world):
    give_demand(world)
    today = timezone.localdate()
    second = add_officer(Rank.SERGEANT, 900, last_name="Second")
    PostingFactory(officer=second, team=world.teams["a3"], start_date=date(2021, 1, 1))
    sergeant, a2, a1 = world.officers["sergeant_a"], world.teams["a2"], world.teams["a1"]
    worked = DutyFactory(officer=sergeant, team=a2, starts_at=local_start(today - timedelta(days=3)))
    rostered = DutyFactory(officer=sergeant, team=a2, starts_at=local_start(today + timedelta(days=3)))
    kept = DutyFactory(officer=sergeant, team=a1, starts_at=local_start(today + timedelta(days=4)))
    proposal = proposal_create(borough=world.boroughs["a"], target=2, actor=world.users["analyst"])
    proposal_adopt(proposal=proposal, actor=world.users["borough_lead"])
    # Worked duties stay in the history; a rostered one for the team left goes; the kept team's stays.
    assert set(Duty.objects.filter(officer=sergeant).values_list("pk", flat=True)) == {worked.pk, kept.pk}
    assert AuditEvent.objects.filter(
        actor=world.users["borough_lead"], action="delete", object_id=str(rostered.pk)
    ).exists()


def test_adoption_by_a_role_below_is_refused_and_writes_nothing(world):
    proposal = borough_a_proposal(world)
    before = _counts()
    for role in ("analyst", "inspector"):
        with pytest.raises(PermissionDenied, match="Your role cannot adopt a supervision proposal"):
            proposal_adopt(proposal=proposal, actor=world.users[role])
    assert _counts() == before
    proposal.refresh_from_db()
    assert proposal.status == SupervisionProposal.Status.PROPOSED


def test_a_stale_proposal_is_refused_and_writes_nothing(world):
    proposal = borough_a_proposal(world)
    PostingFactory(officer=add_officer(Rank.PC, 901), team=world.teams["a2"], start_date=timezone.localdate())
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        proposal_adopt(proposal=proposal, actor=world.users["borough_lead"])
    assert "Postings in Borough A have changed since" in refused.value.message_dict["proposal"][0]
    assert _counts() == before


def test_adopting_supersedes_other_open_proposals_and_cannot_be_done_twice(world):
    first = borough_a_proposal(world, target=3)
    second = proposal_create(borough=world.boroughs["a"], target=2, actor=world.users["central_unit"])
    proposal_adopt(proposal=second, actor=world.users["central_unit"])
    first.refresh_from_db()
    assert first.status == SupervisionProposal.Status.SUPERSEDED
    with pytest.raises(ValidationError, match="adopted; only a proposed one"):
        proposal_adopt(proposal=second, actor=world.users["central_unit"])


def test_a_force_proposal_covers_both_boroughs(world):
    give_demand(world)
    proposal = proposal_create(borough=None, target=6, actor=world.users["central_unit"])
    assert proposal.area_name == "The force"
    assert sum(len(g) for g in _groups(world, proposal)) == 8
