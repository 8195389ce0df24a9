"""The assessment through its pages: the form filled with the months either side of the response, the
figures previewed (by HTMX, or the whole page without JavaScript) before saving, the assessment shown
on the case page beside the judgement, to the team and to an invited partner; the incident data section
with its chart, table, locations and map."""

from datetime import date

import pytest
from django.urls import reverse

from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.tests.factories import ward_case_setup
from sn.problemsolving.tests.test_assessment_service import AFTER, BEFORE, load_counts, street_incidents

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    case = ward_case_setup(world, "a1").case
    Case.objects.filter(pk=case.pk).update(response_started_on=date(2024, 2, 10))
    case.refresh_from_db()
    load_counts(world)
    return case


def fields(**changes):
    return {
        "before_start": f"{BEFORE[0]:%Y-%m}",
        "before_end": f"{BEFORE[-1]:%Y-%m}",
        "after_start": f"{AFTER[0]:%Y-%m}",
        "after_end": f"{AFTER[-1]:%Y-%m}",
        "outcome": "reduced",
        "evidence": "Burglary fell once the alley gates went in; residents agree.",
        **changes,
    }


def test_the_form_offers_the_months_either_side_of_the_response_month(client, world, case):
    client.force_login(world.user("sergeant"))

    page = client.get(reverse("problemsolving:assessment_record", args=[case.pk])).content.decode()

    assert 'value="2023-08"' in page and 'value="2024-01"' in page
    assert 'value="2024-03"' in page and 'value="2024-07"' in page
    assert 'hx-post="' + reverse("problemsolving:assessment_preview", args=[case.pk]) in page


def test_the_preview_shows_the_figures_and_saves_nothing(client, world, case):
    client.force_login(world.user("team_officer"))
    url = reverse("problemsolving:assessment_preview", args=[case.pk])

    fragment = client.post(url, fields(), HTTP_HX_REQUEST="true").content.decode()

    assert "fell by 60% more than in the rest of" in fragment
    assert "Displacement: the neighbouring wards" in fragment and world.wards["a2"].name in fragment
    assert not Assessment.objects.exists()


def test_without_javascript_the_compute_button_shows_the_page_again_with_the_figures(client, world, case):
    client.force_login(world.user("team_officer"))
    url = reverse("problemsolving:assessment_record", args=[case.pk])

    page = client.post(url, fields(compute="1")).content.decode()

    assert "What these months show" in page and "fell by 60% more" in page
    assert not Assessment.objects.exists()


def test_the_preview_says_why_months_cannot_be_compared(client, world, case):
    client.force_login(world.user("team_officer"))
    url = reverse("problemsolving:assessment_preview", args=[case.pk])

    fragment = client.get(url, {**fields(), "after_start": "2023-12"}).content.decode()

    assert "must begin after the period before it ends" in fragment


def test_recording_stores_the_figures_and_the_case_page_shows_them_beside_the_judgement(client, world, case):
    client.force_login(world.user("sergeant"))

    response = client.post(reverse("problemsolving:assessment_record", args=[case.pk]), fields())

    assert response.status_code == 302
    assessment = Assessment.objects.get(case=case)
    assert assessment.outcome == "reduced" and assessment.figures["area_after"] == 48
    page = client.get(reverse("problemsolving:case", args=[case.pk])).content.decode()
    assert "The team's judgement" in page and "Reduced" in page
    assert "fell by 60% more than in the rest of" in page


def test_a_refused_assessment_names_the_field_and_writes_nothing(client, world, case):
    client.force_login(world.user("sergeant"))

    response = client.post(
        reverse("problemsolving:assessment_record", args=[case.pk]), fields(evidence="", after_end="2099-01")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a month from" in page
    assert not Assessment.objects.exists()


def test_an_invited_partner_reads_the_assessment_on_their_case_page(client, world, case):
    client.force_login(world.user("sergeant"))
    client.post(reverse("problemsolving:assessment_record", args=[case.pk]), fields())
    client.force_login(world.user("partner"))

    page = client.get(reverse("problemsolving:partner_case", args=[case.pk])).content.decode()

    assert "Assessment of impact" in page and "fell by 60% more" in page
    assert "Record the assessment" not in page


def test_the_incident_data_section_has_the_series_locations_and_map(client, world, case):
    Case.objects.filter(pk=case.pk).update(period_start=date(2024, 1, 1), period_end=date(2024, 6, 1))
    street_incidents(world, "On or near Elm Road", date(2024, 3, 1), 3)
    client.force_login(world.user("team_officer"))

    page = client.get(reverse("problemsolving:case", args=[case.pk])).content.decode()

    assert "Incident data" in page and 'id="analysis-data-chart-data"' in page
    assert "Jan 2023" in page and "Jun 2024" in page  # 12 months before the problem period, to its end
    assert "On or near Elm Road" in page and 'id="analysis-data-map"' in page


def test_a_street_case_says_which_months_have_only_ward_counts(client, world, case):
    Case.objects.filter(pk=case.pk).update(
        place=Case.Place.STREETS,
        streets="Elm Road",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 6, 1),
    )
    client.force_login(world.user("team_officer"))

    page = client.get(reverse("problemsolving:case", args=[case.pk])).content.decode()

    assert "Only ward counts, with no points, are held for August 2023 to June 2024" in page
