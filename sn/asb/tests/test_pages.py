"""The ASB pages: the list and case for staff in scope, a report recorded through the form (a missing
risk answer comes back naming the question, nothing written), the plan for partners."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from sn.asb.models import AsbAction, AsbLead, AsbReport
from sn.asb.tests.factories import ANSWERS_LOW, flagged_case
from sn.problemsolving.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _form(**extra):
    today = timezone.localdate()
    data = {
        "person_name": "Pat Example",
        "address_text": "3 Mill Lane",
        "channel": "staff",
        "incident_date": (today - timedelta(days=1)).isoformat(),
        "reported_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "category": "personal",
        "description": "Door kicked at night",
        **{f"risk_{k}": v for k, v in ANSWERS_LOW.items()},
    }
    data.update(extra)
    return data


def test_a_sergeant_sees_the_flagged_case_of_their_ward(client_for, world):
    case = flagged_case(world.wards["a1"], name="Robin Hood")
    flagged_case(world.wards["b1"], name="Maid Marian")
    client = client_for("sergeant")
    page = client.get(reverse("asb:cases")).content.decode()
    assert case.reference in page and "Flagged" in page and "Maid Marian" not in page
    page = client.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert "Case Review threshold met" in page and "Respect Order" in page


def test_a_report_recorded_through_the_form(client_for, world):
    client = client_for("sergeant")
    url = reverse("asb:report_new") + f"?ward={world.wards['a1'].code}"
    response = client.post(url, _form())
    assert response.status_code == 302
    report = AsbReport.objects.get()
    assert report.risk_assessments.count() == 1 and report.person.name == "Pat Example"


def test_a_missing_risk_answer_is_named_and_nothing_written(client_for, world):
    client = client_for("sergeant")
    url = reverse("asb:report_new") + f"?ward={world.wards['a1'].code}"
    response = client.post(url, _form(risk_hate=""))
    assert response.status_code == 400
    assert "Answer the risk question: Is the behaviour aimed at the caller" in response.content.decode()
    assert not AsbReport.objects.exists()


def test_a_ward_out_of_scope_is_refused_on_the_form(client_for, world):
    response = client_for("sergeant").get(reverse("asb:report_new") + f"?ward={world.wards['b1'].code}")
    assert response.status_code == 400


def test_partners_see_the_lead_and_plan(client_for, world):
    today = timezone.localdate()
    AsbLead.objects.create(
        name="Supt Jane Doe", role_title="Force ASB lead", email="asb@x.uk", starts_on=today
    )
    AsbAction.objects.create(title="Mediation service", due_on=today - timedelta(days=3), status="on_track")
    page = client_for("partner").get(reverse("asb:plan")).content.decode()
    assert (
        "Supt Jane Doe" in page and "asb@x.uk" in page and "Mediation service" in page and "Overdue" in page
    )
    assert client_for("partner").get(reverse("asb:cases")).status_code == 403
    # An action linked to no problem says so, not "0" (QA).
    assert '<td class="govuk-table__cell">None</td>' in page


def test_the_victims_request_is_recorded_once(client_for, world):
    case = flagged_case(world.wards["a1"])
    client = client_for("team_officer")
    url = reverse("asb:request", args=[case.pk])
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, {"requested_at": when}).status_code == 302
    case.refresh_from_db()
    assert case.case_review_requested_at is not None
    response = client.post(url, {"requested_at": when})
    assert response.status_code == 400 and "already recorded" in response.content.decode()


def test_an_order_recorded_for_a_problem_of_the_ward(client_for, world):
    case = flagged_case(world.wards["a1"])
    problem = CaseFactory(neighbourhood=world.wards["a1"])
    other = CaseFactory(neighbourhood=world.wards["b1"])
    client = client_for("sergeant")
    url = reverse("asb:order_new", args=[case.pk])
    today = timezone.localdate().isoformat()
    data = {"kind": "respect", "status": "sought", "sought_on": today, "problem": str(other.pk)}
    assert client.post(url, data).status_code == 400  # not a problem of the ward: not offered
    data["problem"] = str(problem.pk)
    assert client.post(url, data).status_code == 302
    assert case.orders.get(kind="respect", status="sought").problem == problem


def test_an_incident_long_before_the_report_is_refused_naming_the_field(client_for, world):
    client = client_for("sergeant")
    url = reverse("asb:report_new") + f"?ward={world.wards['a1'].code}"
    response = client.post(url, _form(incident_date="1900-01-01"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "The incident must be within" in page and "govuk-error-summary" in page
    assert not AsbReport.objects.exists()
    limit = timezone.localdate() - timedelta(days=settings.SN_ASB_MAX_INCIDENT_AGE_DAYS)
    assert client.post(url, _form(incident_date=limit.isoformat())).status_code == 302


def test_the_report_table_names_the_kind_of_asb(client_for, world):
    client = client_for("sergeant")
    url = reverse("asb:report_new") + f"?ward={world.wards['a1'].code}"
    client.post(url, _form(category="nuisance", description="Loud music late at night"))
    case = AsbReport.objects.get().case
    page = client.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert "Nuisance (the community at large): Loud music late at night" in page
    assert ">: Loud music" not in page
