"""An ASB case linked to (and unlinked from) a problem of its ward, closed by a supervisor with an
outcome and a reason, and reopened: the services refuse what is out of scope or missing, naming the
field and writing nothing, and audit what they do; the pages for anonymous, wrong and right roles."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sn.asb.hooks import reviews_to_hold
from sn.asb.models import AsbCase, AsbPerson
from sn.asb.services import (
    asb_case_close,
    asb_case_link_problem,
    asb_case_reopen,
    asb_case_review_request,
    asb_order_record,
    asb_report_record,
)
from sn.asb.tests.factories import ANSWERS_LOW, flagged_case
from sn.core.models import AuditEvent
from sn.problemsolving.models import Case
from sn.problemsolving.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _events(case: AsbCase) -> list[dict]:
    return [
        e.changes
        for e in AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(AsbCase), object_id=str(case.pk)
        ).order_by("id")
    ]


def _held(case: AsbCase) -> AsbCase:
    case.reviews.update(held_on=timezone.localdate(), outcome="Reviewed with housing")
    return case


def test_a_case_is_linked_to_a_problem_of_its_ward_and_unlinked(world):
    case = flagged_case(world.wards["a1"])
    problem = CaseFactory(neighbourhood=world.wards["a1"])
    asb_case_link_problem(actor=world.user("team_officer"), case=case, problem=problem)
    case.refresh_from_db()
    assert case.problem == problem and _events(case)[-1]["problem_id"] == [None, problem.pk]
    asb_case_link_problem(actor=world.user("team_officer"), case=case, problem=None)
    case.refresh_from_db()
    assert case.problem is None and _events(case)[-1]["problem_id"] == [problem.pk, None]


@pytest.mark.parametrize("where", ["a3", "b1"])
def test_a_problem_of_another_ward_is_refused_naming_the_field(world, where):
    case = flagged_case(world.wards["a1"])
    problem = CaseFactory(neighbourhood=world.wards[where])
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        asb_case_link_problem(actor=world.user("sergeant"), case=case, problem=problem)
    assert list(refused.value.message_dict) == ["problem"]
    case.refresh_from_db()
    assert case.problem is None and AuditEvent.objects.count() == events


def test_a_closed_problem_is_refused(world):
    case = flagged_case(world.wards["a1"])
    problem = CaseFactory(
        neighbourhood=world.wards["a1"], stage=Case.Stage.CLOSED, closed_on=timezone.localdate()
    )
    with pytest.raises(ValidationError) as refused:
        asb_case_link_problem(actor=world.user("sergeant"), case=case, problem=problem)
    assert "is closed" in refused.value.message_dict["problem"][0]


def test_a_case_out_of_the_actors_area_is_refused(world):
    case = flagged_case(world.wards["b1"])
    with pytest.raises(ValidationError):
        asb_case_link_problem(actor=world.user("sergeant"), case=case, problem=None)
    with pytest.raises(ValidationError):
        asb_case_close(actor=world.user("sergeant"), case=_held(case), outcome="resolved", reason="Stopped")


def test_closing_needs_the_outcome_and_reason_and_writes_nothing_without_them(world):
    case = _held(flagged_case(world.wards["a1"]))
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        asb_case_close(actor=world.user("sergeant"), case=case, outcome="", reason=" ")
    assert refused.value.message_dict == {
        "outcome": ["Choose the outcome of the case."],
        "reason": ["Give the reason for closing the case."],
    }
    case.refresh_from_db()
    assert case.status == "open" and AuditEvent.objects.count() == events


def test_a_case_with_a_review_not_held_cannot_close(world):
    case = flagged_case(world.wards["a1"])
    with pytest.raises(ValidationError) as refused:
        asb_case_close(actor=world.user("sergeant"), case=case, outcome="resolved", reason="Stopped")
    assert "is not held yet" in refused.value.message_dict["outcome"][0]


def test_a_team_officer_cannot_close_a_case(world):
    case = _held(flagged_case(world.wards["a1"]))
    with pytest.raises(ValidationError):
        asb_case_close(actor=world.user("team_officer"), case=case, outcome="resolved", reason="Stopped")


def test_a_closed_case_leaves_the_open_list_and_new_reports_open_a_new_case(world, client_for):
    case = _held(flagged_case(world.wards["a1"], name="Robin Hood"))
    case.reviews.create(due_on=timezone.localdate())  # a second review waiting would block closing
    case.reviews.filter(held_on__isnull=True).update(held_on=timezone.localdate(), outcome="Done")
    asb_case_close(actor=world.user("sergeant"), case=case, outcome="resolved", reason="The ASB stopped")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_by) == ("closed", "resolved", world.user("sergeant"))
    assert _events(case)[-1]["status"] == ["open", "closed"]
    client = client_for("sergeant")
    assert case.reference not in client.get(reverse("asb:cases")).content.decode()
    assert case.reference in client.get(reverse("asb:cases") + "?show=closed").content.decode()
    assert reviews_to_hold(world.user("sergeant")) == []
    report = asb_report_record(
        actor=world.user("sergeant"),
        neighbourhood=world.wards["a1"],
        person=AsbPerson.objects.get(name="Robin Hood"),
        incident_date=timezone.localdate() - timedelta(days=1),
        reported_at=timezone.now(),
        description="Again",
        answers=ANSWERS_LOW,
    )
    assert report.case_id != case.pk
    # Now the victim has an open case, the closed one cannot be reopened beside it.
    with pytest.raises(ValidationError) as refused:
        asb_case_reopen(actor=world.user("sergeant"), case=case)
    assert report.case.reference in refused.value.message_dict["case"][0]


def test_a_closed_case_is_reopened(world):
    case = _held(flagged_case(world.wards["a1"]))
    asb_case_close(actor=world.user("inspector"), case=case, outcome="partner", reason="Housing took it on")
    asb_case_reopen(actor=world.user("sergeant"), case=case)
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_at) == ("open", "", None)
    assert _events(case)[-1]["status"] == ["closed", "open"]
    with pytest.raises(ValidationError):
        asb_case_reopen(actor=world.user("sergeant"), case=case)


def test_a_closed_case_takes_no_request_or_order(world):
    case = _held(flagged_case(world.wards["a1"]))
    asb_case_close(actor=world.user("sergeant"), case=case, outcome="resolved", reason="Stopped")
    with pytest.raises(ValidationError) as refused:
        asb_case_review_request(actor=world.user("sergeant"), case=case)
    assert "is closed" in refused.value.message_dict["requested_at"][0]
    with pytest.raises(ValidationError) as refused:
        asb_order_record(
            actor=world.user("sergeant"),
            case=case,
            kind="cpn",
            status="sought",
            sought_on=timezone.localdate(),
        )
    assert "is closed" in refused.value.message_dict["case"][0]
    assert case.orders.count() == 1  # the factory's Respect Order only


# The pages.


def test_the_pages_refuse_anonymous_and_wrong_roles(client_for, world):
    case = flagged_case(world.wards["a1"])
    for name in ("asb:problem", "asb:close", "asb:reopen"):
        url = reverse(name, args=[case.pk])
        assert client_for(None).get(url).status_code == 302
        assert client_for("partner").get(url).status_code == 403
        assert client_for("analyst").post(url, {}).status_code == 403
    assert client_for("team_officer").get(reverse("asb:close", args=[case.pk])).status_code == 403
    assert client_for("team_officer").post(reverse("asb:close", args=[case.pk])).status_code == 403
    assert client_for("team_officer").get(reverse("asb:problem", args=[case.pk])).status_code == 200


def test_a_case_of_another_borough_is_not_found(client_for, world):
    case = flagged_case(world.wards["b1"])
    client = client_for("sergeant")
    for name in ("asb:problem", "asb:close", "asb:reopen"):
        assert client.post(reverse(name, args=[case.pk]), {}).status_code == 404


def test_the_case_page_shows_each_role_its_actions(client_for, world):
    case = flagged_case(world.wards["a1"])
    page = client_for("team_officer").get(reverse("asb:case", args=[case.pk])).content.decode()
    assert reverse("asb:problem", args=[case.pk]) in page and reverse("asb:close", args=[case.pk]) not in page
    page = client_for("sergeant").get(reverse("asb:case", args=[case.pk])).content.decode()
    assert reverse("asb:problem", args=[case.pk]) in page and reverse("asb:close", args=[case.pk]) in page


def test_a_problem_is_linked_and_unlinked_through_the_page(client_for, world):
    case = flagged_case(world.wards["a1"])
    problem = CaseFactory(neighbourhood=world.wards["a1"])
    url = reverse("asb:problem", args=[case.pk])
    client = client_for("team_officer")
    assert problem.reference in client.get(url).content.decode()
    assert client.post(url, {"problem": str(problem.pk)}).status_code == 302
    case.refresh_from_db()
    assert case.problem == problem
    assert problem.reference in client.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert client.post(url, {"problem": ""}).status_code == 302
    case.refresh_from_db()
    assert case.problem is None


def test_a_problem_out_of_the_ward_posted_is_a_400_naming_the_field(client_for, world):
    case = flagged_case(world.wards["a1"])
    elsewhere = CaseFactory(neighbourhood=world.wards["b1"])
    response = client_for("sergeant").post(
        reverse("asb:problem", args=[case.pk]), {"problem": str(elsewhere.pk)}
    )
    assert response.status_code == 400
    assert 'href="#id_problem"' in response.content.decode()
    case.refresh_from_db()
    assert case.problem is None


def test_closing_through_the_page_names_the_missing_fields_then_closes(client_for, world):
    case = _held(flagged_case(world.wards["a1"]))
    url = reverse("asb:close", args=[case.pk])
    client = client_for("sergeant")
    response = client.post(url, {"outcome": "", "reason": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the outcome of the case." in page and "Give the reason for closing the case." in page
    assert 'href="#id_outcome"' in page and 'href="#id_reason"' in page
    assert AsbCase.objects.get(pk=case.pk).status == "open"
    response = client.post(url, {"outcome": "bogus", "reason": "x"})
    assert response.status_code == 400 and 'href="#id_outcome"' in response.content.decode()
    assert client.post(url, {"outcome": "enforcement", "reason": "Respect Order granted"}).status_code == 302
    page = client.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert (
        "Closed" in page and "Respect Order granted" in page and reverse("asb:reopen", args=[case.pk]) in page
    )
    assert client.post(reverse("asb:reopen", args=[case.pk])).status_code == 302
    assert AsbCase.objects.get(pk=case.pk).status == "open"
    # Reopening an open case is refused on the page, not a crash.
    assert client.post(reverse("asb:reopen", args=[case.pk])).status_code == 400
