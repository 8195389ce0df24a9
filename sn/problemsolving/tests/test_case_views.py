"""The case pages as people use them: the partner's view of an invited case, the lists' filters and
downloads, the forms calling their services, and the home page's work."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.accounts.tests.factories import PartnerOrganisationFactory
from sn.problemsolving import work_items
from sn.problemsolving.models import Case, Intervention
from sn.problemsolving.tests.factories import (
    CaseFactory,
    PartnerUserFactory,
    removed_invitation_case,
    ward_case_setup,
)
from sn.problemsolving.tests.test_case_services import square_in_a1
from sn.testing.access import download_text

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_a_partner_sees_the_invited_case_without_reviews_or_personal_data(world, client_for):
    setup = ward_case_setup(world, "a1")
    body = (
        client_for("partner")
        .get(reverse("problemsolving:partner_case", args=[setup.case.pk]))
        .content.decode()
    )
    assert setup.case.title in body and "Interventions" in body
    assert "Sergeant&#x27;s reviews" not in body and "Sergeant's reviews" not in body
    assert setup.review.note not in body
    # Their own intervention offers its work; the police one does not.
    assert reverse("problemsolving:partner_intervention_complete", args=[setup.partner.pk]) in body
    assert reverse("problemsolving:partner_intervention_complete", args=[setup.police.pk]) not in body


def test_a_partner_of_another_organisation_or_a_removed_one_gets_404(world, client, client_for):
    setup = ward_case_setup(world, "a1")
    stranger = PartnerUserFactory(
        partner_organisation=PartnerOrganisationFactory(boroughs=[world.boroughs["a"]])
    )
    client.force_login(stranger)
    assert client.get(reverse("problemsolving:partner_case", args=[setup.case.pk])).status_code == 404
    removed = removed_invitation_case(world)
    assert (
        client_for("partner").get(reverse("problemsolving:partner_case", args=[removed.pk])).status_code
        == 404
    )


def test_the_partners_download_lists_only_invited_cases(world, client_for):
    invited = ward_case_setup(world, "a1").case
    other = ward_case_setup(world, "a3").case
    response = client_for("partner").get(reverse("problemsolving:partner_cases") + "?format=csv")
    text = download_text(response, "csv")
    assert invited.reference in text and other.reference not in text


def test_the_ward_list_filters_by_stage_category_and_overdue_review(world, client_for):
    ward = world.wards["a1"]
    overdue = CaseFactory(
        neighbourhood=ward, owner=world.officers["pc_a"], review_due_on=TODAY() - datetime.timedelta(days=3)
    )
    drugs = CaseFactory(neighbourhood=ward, owner=world.officers["pc_a"], category_codes=",drugs,")
    url = reverse("problemsolving:ward_cases", args=[ward.code])
    client = client_for("sergeant")
    body = client.get(url + "?review=overdue").content.decode()
    assert overdue.reference in body and drugs.reference not in body
    body = client.get(url + "?category=drugs").content.decode()
    assert drugs.reference in body and overdue.reference not in body
    assert client.get(url + "?stage=closed").content.decode().count("PS-") == 0


def test_the_scanning_form_saves_an_area_drawn_on_the_map(world, client_for):
    case = CaseFactory(neighbourhood=world.wards["a1"], owner=world.officers["pc_a"])
    response = client_for("team_officer").post(
        reverse("problemsolving:case_scanning", args=[case.pk]),
        {
            "title": "Burglary",
            "problem_statement": "Night-time burglaries",
            "place": "area",
            "area": square_in_a1(),
            "period_start": "2023-01-01",
            "period_end": "2023-06-01",
            "categories": ["burglary"],
        },
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).place == Case.Place.AREA


def test_a_refused_completion_comes_back_on_the_form_and_writes_nothing(world, client_for):
    setup = ward_case_setup(world, "a1")
    response = client_for("sergeant").post(
        reverse("problemsolving:intervention_complete", args=[setup.police.pk]),
        {"outcome_note": "Done", "on": TODAY().isoformat()},
    )
    assert response.status_code == 400 and "Only its owner" in response.content.decode()
    assert Intervention.objects.get(pk=setup.police.pk).status == Intervention.Status.PLANNED


def test_home_page_work_lists_overdue_reviews_due_interventions_and_stalled_cases(world):
    setup = ward_case_setup(world, "a1")
    Case.objects.filter(pk=setup.case.pk).update(
        review_due_on=TODAY() - datetime.timedelta(days=2),
        last_activity_on=TODAY() - datetime.timedelta(weeks=9),
    )
    Intervention.objects.filter(pk=setup.partner.pk).update(due_on=TODAY() - datetime.timedelta(days=1))
    assert [i.title for i in work_items.overdue_review_items(world.user("sergeant"))] == [
        f"Review {setup.case.reference}: {setup.case.title}"
    ]
    assert [i.title for i in work_items.intervention_items(world.user("partner"))] == [
        setup.partner.description
    ]
    assert work_items.stalled_case_items(world.user("team_officer"))[0].overdue
