"""The assessment pages in a real Chromium at phone width: the case page's incident data (chart and map
drawn) and assessment sections, and the form whose "Compute the figures" previews them in place by HTMX
before the judgement is recorded; axe finds nothing serious and nothing is wider than the phone."""

from datetime import date

import pytest

from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.tests.factories import ward_case_setup
from sn.problemsolving.tests.test_assessment_service import load_counts, street_incidents
from sn.testing.axe import axe_violations, page_width
from sn.testing.browser import BROWSER, PHONE, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER


def fits(page) -> list[str]:
    problems = axe_violations(page)
    if (width := page_width(page)) > PHONE["width"]:
        problems.append(f"the page is {width} px wide on a {PHONE['width']} px phone")
    return problems


@pytest.mark.django_db(transaction=True)
def test_the_team_previews_and_records_an_assessment_on_a_phone(page, live_server):
    world = build_world()
    case = ward_case_setup(world, "a1").case
    Case.objects.filter(pk=case.pk).update(
        response_started_on=date(2024, 2, 10), period_start=date(2024, 1, 1), period_end=date(2024, 6, 1)
    )
    load_counts(world)
    street_incidents(world, "On or near Elm Road", date(2024, 3, 1), 4)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server, world.user("sergeant"))

    page.goto(f"{live_server.url}/cases/{case.pk}/assessment/")
    assert fits(page) == []
    page.get_by_role("button", name="Compute the figures").click()
    page.wait_for_selector("text=What these months show")
    assert "fell by 60% more than in the rest of" in page.inner_text("#assessment-preview")
    assert page.url.endswith(f"/cases/{case.pk}/assessment/")  # swapped in place, not a new page
    assert not Assessment.objects.exists()
    assert fits(page) == []

    page.get_by_label("Reduced").check()
    page.get_by_label("Evidence").fill("Burglary fell once the alley gates went in; residents agree.")
    page.get_by_role("button", name="Record the assessment").click()
    page.wait_for_selector("#section-assessment")
    assert Assessment.objects.get(case=case).outcome == "reduced"
    assert page.get_attribute("#analysis-data-chart", "data-drawn") == "1"
    assert page.get_attribute("#analysis-data-map", "data-drawn") == "4"
    assert fits(page) == []
    assert errors == []
