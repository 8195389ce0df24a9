"""Problem solving's gate on the panels' sign-off: a priority is signed off only once its case's impact is
assessed. Refused at both steps without one (naming what is missing, writing nothing), accepted with one,
and the priority page's checklist says which."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sn.panels.models import Priority
from sn.panels.services import priority_decide_resolved, priority_endorse
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.assessment_hooks import NO_CASE, NOT_ASSESSED
from sn.problemsolving.tests.assessed import assessed_case_for
from sn.problemsolving.tests.factories import case_for_priority

pytestmark = pytest.mark.django_db


@pytest.fixture
def a1(world):
    return ward_panel_setup(world, "a1")


def decide(world, a1):
    priority_decide_resolved(
        priority=a1.priority, meeting=a1.meeting, note="Resolved", actor=world.user("sergeant")
    )


def test_a_priority_with_no_case_cannot_be_judged_resolved(world, a1):
    with pytest.raises(ValidationError) as refused:
        decide(world, a1)

    assert NO_CASE in refused.value.message_dict["outcome"][0]
    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.ACTIVE and a1.priority.resolved_at is None


def test_a_case_without_an_assessment_stops_the_panels_decision(world, a1):
    case_for_priority(a1.priority)

    with pytest.raises(ValidationError) as refused:
        decide(world, a1)

    assert NOT_ASSESSED in refused.value.message_dict["outcome"][0]
    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.ACTIVE


def test_the_sergeant_cannot_endorse_once_the_assessment_is_gone(world, a1):
    # The panel decided while an assessment stood (a decision recorded before this gate existed, say);
    # without one the sergeant's step is refused too.
    assessment = assessed_case_for(a1.priority)
    decide(world, a1)
    assessment.delete()

    with pytest.raises(ValidationError) as refused:
        priority_endorse(priority=a1.priority, actor=world.user("sergeant"))

    assert NOT_ASSESSED in " ".join(sum(refused.value.message_dict.values(), []))
    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.PANEL_RESOLVED and a1.priority.endorsed_at is None


def test_an_assessed_case_lets_both_steps_through(world, a1):
    assessed_case_for(a1.priority)

    decide(world, a1)
    priority_endorse(priority=a1.priority, actor=world.user("sergeant"))

    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.CLOSED


def test_the_priority_page_checklist_says_what_is_missing_and_then_that_it_is_met(client, world, a1):
    case_for_priority(a1.priority)
    client.force_login(world.user("sergeant"))
    url = reverse("panels:priority", args=[a1.priority.pk])

    page = client.get(url).content.decode()
    assert "The problem-solving case is assessed: " + NOT_ASSESSED.replace("'", "&#x27;") in page

    assessed_case_for(a1.priority)
    page = client.get(url).content.decode()
    assert "Met</strong> The problem-solving case is assessed" in page
