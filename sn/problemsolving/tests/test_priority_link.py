"""A priority's page leads to its problem-solving case (the QA walk found no way from one to the other):
those who may read the case follow it; the team opens one where there is none; a panel member, who reads
priorities but not case files, gets no link."""

import pytest
from django.urls import reverse

from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.tests.factories import ward_case_setup

pytestmark = pytest.mark.django_db


def _page(client, priority) -> str:
    response = client.get(reverse("panels:priority", args=[priority.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_priority_page_links_its_case_for_those_who_may_read_it(world, client_for):
    setup = ward_case_setup(world, "a1")
    case_url = reverse("problemsolving:case", args=[setup.case.pk])
    for role in ("team_officer", "sergeant", "inspector"):
        page = _page(client_for(role), setup.case.priority)
        assert case_url in page
        assert setup.case.reference in page
    assert case_url not in _page(client_for("panel_member"), setup.case.priority)


def test_a_priority_without_a_case_offers_its_team_to_open_one(world, client_for):
    priority = ward_panel_setup(world, "a1").priority
    open_url = reverse("problemsolving:case_open", args=[priority.neighbourhood.code])
    assert f"{open_url}?priority={priority.pk}" in _page(client_for("team_officer"), priority)
    assert open_url not in _page(client_for("inspector"), priority)
    assert open_url not in _page(client_for("panel_member"), priority)
