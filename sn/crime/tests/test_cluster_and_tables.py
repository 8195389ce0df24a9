"""An inspector's crime and demand pages for their cluster; the long demand table sorted, filtered and
paged on the server; and the notice that says when figures are placed or synthetic."""

import csv
import io

import pytest
from django.urls import reverse

from sn.core.months import add_months
from sn.crime import views
from sn.crime.tests.helpers import ASB, END, add_incidents, add_monthly
from sn.incidents.categories import Category
from sn.incidents.models import CountSource, Incident, IncidentCount

BURGLARY = Category.BURGLARY


@pytest.fixture
def counts(world):
    w = world.wards
    add_monthly(
        (w["a1"], END, BURGLARY, 166),
        (w["a1"], add_months(END, -12), BURGLARY, 100),
        (w["a2"], END, BURGLARY, 10),
        (w["a3"], END, ASB, 40),
        (w["a4"], END, BURGLARY, 7),
        (w["b1"], END, BURGLARY, 50),
    )
    add_incidents(w["a1"], END, BURGLARY, "On or near Market Street", 3)
    return world


def _rows_of_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- The cluster level


def test_an_inspector_opens_the_crime_profile_of_their_cluster_and_it_adds_up_its_wards(client_for, counts):
    page = client_for("inspector").get(reverse("crime:cluster_profile", args=["C-A"])).content.decode()
    assert "Cluster A: crime and ASB" in page
    assert "183" in page  # burglary 166 + 10 + 7 in the cluster's wards; b1's 50 is another borough's
    assert counts.wards["a1"].name in page  # the ward beside its top location
    assert reverse("crime:cluster_demand", args=["C-A"]) in page


def test_the_cluster_profile_downloads_its_monthly_series(client_for, counts):
    response = client_for("inspector").get(reverse("crime:cluster_profile", args=["C-A"]) + "?format=csv")
    last = dict(zip(*[_rows_of_csv(response)[i] for i in (0, -1)], strict=True))
    assert (last["Burglary"], last["ASB"]) == ("183", "40")


def test_the_cluster_demand_page_ranks_its_wards_with_their_borough_and_force_ranks(client_for, counts):
    client = client_for("inspector")
    url = reverse("crime:cluster_demand", args=["C-A"])
    page = client.get(url).content.decode()
    table = page.split('id="demand-table"')[1].split("</table>")[0]
    assert table.count('<th scope="row"') == 4
    assert counts.wards["b1"].name not in table
    assert "Rank in borough" in table and "Rank in force" in table
    rows = _rows_of_csv(client.get(url + "?format=csv"))
    assert [r[3] for r in rows[1:]] == [counts.wards[k].name for k in ("a1", "a3", "a2", "a4")]
    assert (rows[1][0], rows[1][1]) == ("1", "1")


def test_the_cluster_page_links_its_crime_profile_demand_and_monthly_report(client_for, counts):
    page = client_for("inspector").get(reverse("pages:cluster", args=["C-A"])).content.decode()
    assert reverse("crime:cluster_profile", args=["C-A"]) in page
    assert reverse("crime:cluster_demand", args=["C-A"]) in page
    assert reverse("reports:cluster", args=["C-A"]) in page


# --- The long table: ?sort=, ?q=, ?page=


def _table_rows(page: str) -> list[str]:
    table = page.split('id="demand-table"')[1].split("</tbody>")[0]
    return [row.split("</a>")[0].rsplit(">", 1)[1] for row in table.split('<th scope="row"')[1:]]


def test_the_demand_table_sorts_by_a_column_and_says_which_way(client_for, counts):
    client = client_for("central_unit")
    page = client.get(reverse("crime:force_demand_table"), {"sort": "area", "dir": "asc"}).content.decode()
    names = _table_rows(page)
    assert names == sorted(names, key=str.casefold)
    assert 'aria-sort="ascending"' in page
    assert "Team areas by area, A to Z" in page
    by_crime = _table_rows(
        client.get(reverse("crime:force_demand_table"), {"sort": "crime", "dir": "asc"}).content.decode()
    )
    assert by_crime[-1] == counts.wards["a1"].name  # the most crime last when lowest first


def test_the_demand_table_filters_by_name_and_keeps_the_period_and_sort(client_for, counts):
    client = client_for("central_unit")
    query = {"q": "borough b", "month": "2024-06", "sort": "crime", "dir": "desc"}
    page = client.get(reverse("crime:force_demand_table"), query).content.decode()
    assert _table_rows(page) == [counts.wards[k].name for k in ("b1", "b2", "b3", "b4")]
    assert "4 of 8 areas match “borough b”" in page
    assert '<input type="hidden" name="month" value="2024-06">' in page
    assert '<input type="hidden" name="sort" value="crime">' in page
    nothing = client.get(reverse("crime:force_demand_table"), {"q": "nowhere"}).content.decode()
    assert "No area matches “nowhere”" in nothing


def test_the_demand_table_comes_in_pages_with_govuk_pagination(client_for, counts, monkeypatch):
    monkeypatch.setattr(views, "ROWS_PER_PAGE", 3)
    client = client_for("central_unit")
    first = client.get(reverse("crime:force_demand_table")).content.decode()
    assert len(_table_rows(first)) == 3
    assert 'class="govuk-pagination"' in first and 'aria-current="page"' in first
    assert "Showing 1 to 3, page 1 of 3" in first
    last = client.get(reverse("crime:force_demand_table"), {"page": "3"}).content.decode()
    assert len(_table_rows(last)) == 2
    beyond = client.get(reverse("crime:force_demand_table"), {"page": "99"}).content.decode()
    assert _table_rows(beyond) == _table_rows(last)
    every = _rows_of_csv(client.get(reverse("crime:force_demand_table") + "?page=2&format=csv"))
    assert len(every) == 9  # the download has every area whatever the page


@pytest.mark.parametrize(("name", "value"), [("sort", "salary"), ("dir", "up"), ("page", "two")])
def test_a_sort_or_page_the_links_never_make_is_a_400_naming_it(client_for, counts, name, value):
    response = client_for("central_unit").get(reverse("crime:force_demand_table"), {name: value})
    assert response.status_code == 400
    assert f"?{name}={value}" in response.content.decode()


# --- Placed points and synthetic ASB


def test_no_notice_when_the_figures_are_recorded_ones(client_for, counts):
    page = client_for("team_officer").get(reverse("crime:ward_profile", args=[counts.wards["a1"].code]))
    assert "About these figures" not in page.content.decode()


def test_a_profile_with_placed_points_says_their_locations_are_not_recorded(client_for, counts):
    Incident.objects.filter(neighbourhood=counts.wards["a1"]).update(placed=True)
    # As the rollup's ledger would hold them: three placed points in a1's month.
    IncidentCount.objects.create(
        neighbourhood=counts.wards["a1"], month=END, category=BURGLARY, source=CountSource.PLACED, count=3
    )
    client = client_for("inspector")
    ward = client.get(reverse("crime:ward_profile", args=[counts.wards["a1"].code])).content.decode()
    assert "About these figures" in ward and "placed at random inside the ward" in ward
    assert "synthetic" not in ward
    other = client.get(reverse("crime:ward_profile", args=[counts.wards["a2"].code])).content.decode()
    assert "About these figures" not in other  # a2 has no placed points
    cluster = client.get(reverse("crime:cluster_demand", args=["C-A"])).content.decode()
    assert "placed at random inside the ward" in cluster


def test_synthetic_asb_is_said_when_the_deployment_says_so_and_the_page_shows_asb(
    client_for, counts, settings
):
    settings.SN_SYNTHETIC_ASB = True
    client = client_for("central_unit")
    demand = client.get(reverse("crime:force_demand")).content.decode()
    assert "The anti-social behaviour (ASB) figures are synthetic" in demand
    assert "demand figures and ranks are partly synthetic" in demand
    with_asb = client.get(reverse("crime:ward_profile", args=[counts.wards["a3"].code])).content.decode()
    assert "figures are synthetic" in with_asb
    without_asb = client.get(reverse("crime:ward_profile", args=[counts.wards["a1"].code])).content.decode()
    assert "About these figures" not in without_asb  # a1 has no ASB to warn about
