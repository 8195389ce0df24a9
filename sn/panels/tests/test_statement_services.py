"""'You said, we did': the team drafts, the ward's sergeant approves, and only then is it published;
the public pages and the API read published_statements() and nothing else."""

import pytest
from django.core.exceptions import ValidationError

from sn.accounts.tests.factories import UserFactory
from sn.core.roles import Role
from sn.panels.models import Statement
from sn.panels.selectors import published_statements
from sn.panels.services import statement_approve, statement_publish, statement_return, statement_save
from sn.panels.tests.helpers import ward_panel_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def priority(world):
    return ward_panel_setup(world, "a1").priority


def draft(world, priority, submit=True, **kwargs):
    fields = {"you_said": "Burglary on the estate", "we_did": "Patrols and crime prevention advice"}
    return statement_save(
        priority=priority, submit=submit, actor=world.user("team_officer"), **{**fields, **kwargs}
    )


@pytest.mark.parametrize("submit", [False, True])
def test_a_statement_published_without_approval_is_refused_and_stays_unpublished(world, priority, submit):
    statement = draft(world, priority, submit=submit)

    with pytest.raises(ValidationError) as refused:
        statement_publish(statement=statement, actor=world.user("team_officer"))

    assert "has not approved" in refused.value.message_dict["published_at"][0]
    statement.refresh_from_db()
    assert statement.published_at is None
    assert not published_statements(priority.neighbourhood).exists()


def test_the_sergeant_approves_then_the_team_publishes_and_residents_can_read_it(world, priority):
    statement = draft(world, priority)
    assert statement.status == Statement.Status.AWAITING_APPROVAL

    statement_approve(statement=statement, actor=world.user("sergeant"))
    assert not published_statements(priority.neighbourhood).exists()
    statement_publish(statement=statement, actor=world.user("team_officer"))

    assert list(published_statements(priority.neighbourhood)) == [statement]
    assert statement.approved_by == world.user("sergeant")


def test_only_the_wards_own_sergeant_approves(world, priority):
    statement = draft(world, priority)
    other_sergeant = UserFactory(role=Role.SERGEANT, officer=world.officers["sergeant_b"])

    for actor in (world.user("team_officer"), other_sergeant, world.user("inspector")):
        with pytest.raises(ValidationError) as refused:
            statement_approve(statement=statement, actor=actor)
        assert "approved_by" in refused.value.message_dict
    statement.refresh_from_db()
    assert statement.status == Statement.Status.AWAITING_APPROVAL and statement.approved_at is None


def test_changing_a_published_statement_takes_it_off_the_public_pages_until_approved_again(world, priority):
    statement = draft(world, priority)
    statement_approve(statement=statement, actor=world.user("sergeant"))
    statement_publish(statement=statement, actor=world.user("team_officer"))

    draft(world, priority, we_did="Patrols, advice and a dispersal order")

    statement.refresh_from_db()
    assert statement.status == Statement.Status.AWAITING_APPROVAL
    assert statement.published_at is None and statement.approved_at is None
    assert not published_statements(priority.neighbourhood).exists()


def test_the_sergeant_returns_a_draft_with_what_to_change(world, priority):
    statement = draft(world, priority)

    statement_return(statement=statement, note="Say when the patrols ran", actor=world.user("sergeant"))

    statement.refresh_from_db()
    assert (
        statement.status == Statement.Status.DRAFT and statement.returned_note == "Say when the patrols ran"
    )
    with pytest.raises(ValidationError) as refused:
        statement_return(statement=statement, note=" ", actor=world.user("sergeant"))
    assert "note" in refused.value.message_dict


def test_a_statement_needs_both_halves(world, priority):
    with pytest.raises(ValidationError) as refused:
        draft(world, priority, you_said="", we_did=" ")
    assert set(refused.value.message_dict) == {"you_said", "we_did"}
    assert not Statement.objects.exists()


def test_a_statement_of_another_ward_is_out_of_the_teams_reach(world):
    other = ward_panel_setup(world, "b1").priority
    with pytest.raises(ValidationError) as refused:
        draft(world, other)
    assert "outside your area" in refused.value.message_dict["you_said"][0]
