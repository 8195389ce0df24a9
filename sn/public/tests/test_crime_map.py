"""The public crime map page, its points and its explanation."""

from datetime import date

import pytest

from sn.crime import published_layer
from sn.incidents.categories import Category
from sn.incidents.disclosure import published_crimes_rebuild
from sn.incidents.tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

JANUARY, FEBRUARY = date(2024, 1, 1), date(2024, 2, 1)
URL, POINTS, ABOUT = "/local/crime-map/", "/local/crime-map/points.json", "/local/crime-map/about/"


@pytest.fixture(autouse=True)
def fresh_layer():
    """No month held in memory from another test's database."""
    published_layer.forget()
    yield
    published_layer.forget()


@pytest.fixture(autouse=True)
def rules(settings):
    settings.SN_DISCLOSURE_MIN_COUNT = 3
    settings.SN_DISCLOSURE_NO_POINT_CATEGORIES = [Category.VIOLENT_CRIME.value]
    settings.SN_PUBLIC_CACHE_SECONDS = 300


def crimes(ward, lat, lng, n, *, category=Category.BURGLARY, month=JANUARY, street="High Street"):
    for _ in range(n):
        IncidentFactory(
            neighbourhood=ward,
            latitude=lat,
            longitude=lng,
            location=f"On or near {street}",
            category=category,
            month=month,
        )


@pytest.fixture
def published(world):
    """a1 in January: 3 burglaries and 1 ASB on High Street, 2 robberies on Mill Lane (which merge into
    High Street), 4 violent crimes; 2 drugs offences in a2; 3 burglaries in a1 in February."""
    a1, a2 = world.wards["a1"], world.wards["a2"]
    crimes(a1, 51.505, -0.195, 3)
    crimes(a1, 51.505, -0.195, 1, category=Category.ANTI_SOCIAL_BEHAVIOUR)
    crimes(a1, 51.506, -0.195, 2, category=Category.ROBBERY, street="Mill Lane")
    crimes(a1, 51.505, -0.195, 4, category=Category.VIOLENT_CRIME)
    crimes(a2, 51.505, -0.185, 2, category=Category.DRUGS)
    crimes(a1, 51.505, -0.195, 3, month=FEBRUARY)
    published_crimes_rebuild()
    return world


def test_the_map_of_a_ward_shows_its_latest_month_and_where_its_points_come_from(client, published):
    response = client.get(URL, {"ward": published.wards["a1"].code})

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    page = response.content.decode()
    assert "Crime and anti-social behaviour in Ward E05900000" in page
    assert "February 2024" in page and 'value="2024-01"' in page  # latest shown, January offered
    assert 'data-points-url="/local/crime-map/points.json?ward=E05900000&amp;month=2024-02' in page
    assert "What the crime map shows, and why" in page


def test_the_counts_table_hides_small_numbers_and_totals_that_would_give_them_away(client, published):
    page = client.get(URL, {"ward": published.wards["a1"].code, "month": "2024-01"}).content.decode()

    counts = page.split('id="counts"')[1]
    assert "fewer than 3" in counts  # 1 ASB, 2 robberies
    assert ">3</td>" in counts  # burglaries
    assert ">4</td>" in counts  # violent crime: counted, though not on the map
    assert "(not on the map)" in counts
    # 3 + 2 + 4 crimes with robbery hidden: 8 to 9; with ASB too: 9 to 11. Never the exact 9 or 10.
    assert "8 to 9" in counts and "9 to 11" in counts
    assert ">10</td>" not in counts


def test_a_boroughs_map_shows_a_suppressed_wards_figure_only_in_a_range(client, published):
    response = client.get(URL, {"borough": published.boroughs["a"].code, "month": "2024-01"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Crime and anti-social behaviour in Borough A" in page
    assert "fewer than 3" in page  # drugs: a2's 2 alone


def test_the_points_are_the_published_ones_with_counts_and_no_crimes_own_details(client, published):
    response = client.get(POINTS, {"ward": published.wards["a1"].code, "month": "2024-01"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Cache-Control"] == "public, max-age=300"
    body = response.json()
    assert body["month"] == "2024-01"
    (point,) = body["features"]  # the 2 robberies merged into High Street's point; violence has none
    assert point["geometry"]["coordinates"] == [-0.195, 51.505]
    assert point["properties"] == {
        "name": "On or near High Street",
        "count": 6,
        "categories": [
            {"name": "Burglary", "count": 3},
            {"name": "Robbery", "count": 2},
            {"name": "Anti-social behaviour", "count": 1},
        ],
    }
    assert "persistent_id" not in response.content.decode()


def test_a_category_narrows_the_points(client, published):
    ward = published.wards["a1"].code
    robbery = client.get(POINTS, {"ward": ward, "month": "2024-01", "category": "robbery"}).json()
    violence = client.get(POINTS, {"ward": ward, "month": "2024-01", "category": "violent-crime"}).json()

    assert [f["properties"]["count"] for f in robbery["features"]] == [2]
    assert violence["features"] == []


def test_a_ward_too_quiet_for_a_point_has_its_crimes_in_the_table_only(client, published):
    ward = published.wards["a2"].code
    body = client.get(POINTS, {"ward": ward, "month": "2024-01"}).json()
    page = client.get(URL, {"ward": ward, "month": "2024-01"}).content.decode()

    assert body["features"] == []
    assert "fewer than 3" in page.split('id="counts"')[1]


def test_a_month_or_category_not_offered_is_named_on_its_field_and_the_latest_is_shown(client, published):
    response = client.get(URL, {"ward": published.wards["a1"].code, "month": "1999-01", "category": "sheep"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_month">Month: Choose a month from the list: 1999-01 has no published crime data' in page
    assert 'href="#id_category">Crime type: Choose a crime type from the list: sheep is not one' in page
    assert page.startswith("<!DOCTYPE html>") or "<title>Error: " in page


def test_the_points_refuse_a_bad_month_with_400_naming_it(client, published):
    response = client.get(POINTS, {"ward": published.wards["a1"].code, "month": "2024-13"})

    assert response.status_code == 400
    assert "month" in response.content.decode()


def test_the_points_need_an_area(client, published):
    assert client.get(POINTS).status_code == 400


def test_an_unknown_ward_or_borough_is_not_found(client, published):
    assert client.get(URL, {"ward": "E05999999"}).status_code == 404
    assert client.get(URL, {"borough": "E09999999"}).status_code == 404
    assert client.get(POINTS, {"ward": "E05999999"}).status_code == 404


def test_without_an_area_the_page_offers_the_boroughs_and_finding_a_ward(client, published):
    page = client.get(URL).content.decode()

    assert "find your ward" in page
    assert f'<option value="{published.boroughs["a"].code}">Borough A</option>' in page


def test_before_anything_is_published_the_page_says_so(client, world):
    page = client.get(URL, {"ward": world.wards["a1"].code}).content.decode()

    assert "No crime data has been published yet." in page


def test_the_explanation_gives_the_threshold_and_the_categories_without_points(client, world):
    response = client.get(ABOUT)

    page = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=300"
    assert "at least 3 crimes and incidents in the month" in page
    assert "Violence and sexual offences is counted in the tables but never shown at a point" in page


def test_the_map_carries_no_personal_data_and_no_session(client, published):
    response = client.get(URL, {"ward": published.wards["a1"].code})

    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_non_ward_area_counts_the_points_inside_its_boundary(client, published):
    from sn.geography.models import Neighbourhood
    from sn.geography.tests.factories import NeighbourhoodFactory, square

    centre = NeighbourhoodFactory(
        borough=published.boroughs["a"], kind=Neighbourhood.Kind.NON_WARD, code="NW-TEST", area=square(0)
    )

    page = client.get(URL, {"ward": centre.code, "month": "2024-01"}).content.decode()
    body = client.get(POINTS, {"ward": centre.code, "month": "2024-01"}).json()

    assert "Area in Borough A" in page
    assert "This area is not a ward" in page
    assert [f["properties"]["count"] for f in body["features"]] == [6]
