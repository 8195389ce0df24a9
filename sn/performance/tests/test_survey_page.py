"""The survey page lists one measure's boroughs at a time, sortable: six tables of every borough made a
page 40,000 pixels long on a phone."""

import pytest
from django.urls import reverse

from sn.performance.tests.helpers import a_declining_borough_a

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    a_declining_borough_a(world)
    return world


def _borough_table(page: str) -> str:
    return page.split('id="borough-table"')[1].split("</table>")[0]


def test_the_page_lists_the_first_measure_and_links_the_others(client_for, survey):
    page = client_for("central_unit").get(reverse("performance:force")).content.decode()
    assert page.count('id="borough-table"') == 1
    assert "Confidence in local police by borough" in _borough_table(page)
    assert "measure=worry-asb#boroughs" in page


def test_a_measure_is_chosen_with_measure_and_an_unknown_one_is_a_400(client_for, survey):
    client = client_for("central_unit")
    page = client.get(reverse("performance:force"), {"measure": "worry-asb"}).content.decode()
    assert "Worry about anti-social behaviour by borough" in _borough_table(page)
    assert 'aria-current="true">Worry about anti-social behaviour</a>' in page
    refused = client.get(reverse("performance:force"), {"measure": "happiness"})
    assert refused.status_code == 400 and "?measure=happiness" in refused.content.decode()


def test_the_boroughs_sort_by_estimate_and_the_quarter_picker_keeps_the_choice(client_for, survey):
    query = {"measure": "confidence", "sort": "estimate", "dir": "desc"}
    page = client_for("central_unit").get(reverse("performance:force"), query).content.decode()
    table = _borough_table(page)
    b, a = survey.boroughs["b"].name, survey.boroughs["a"].name
    assert table.index(b) < table.index(a)  # 60% before 45%
    assert 'aria-sort="descending"' in table
    assert '<input type="hidden" name="measure" value="confidence">' in page
    assert '<input type="hidden" name="sort" value="estimate">' in page
