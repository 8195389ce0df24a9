import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_status_only(client):
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        ("central_unit", "/force/"),
        ("borough_lead", "/boroughs/E09000901/"),
        ("analyst", "/boroughs/E09000901/"),
        ("inspector", "/clusters/C-A/"),
    ],
)
def test_each_overseeing_role_starts_from_what_needs_doing_with_a_link_to_its_own_area(
    client_for, role, lands_on
):
    response = client_for(role).get("/")
    assert response.status_code == 200
    assert f'href="{lands_on}"' in response.content.decode()


def test_a_sergeant_lands_on_their_wards(client_for, world):
    body = client_for("sergeant").get("/").content.decode()
    assert "Your wards" in body
    assert world.wards["a1"].name in body and world.wards["a2"].name in body
    assert world.wards["a3"].name not in body


def test_an_anonymous_visitor_sees_the_public_front_page_with_staff_sign_in_one_click_away(client):
    body = client.get("/").content.decode()
    assert "Find your local policing team" in body
    assert 'href="/accounts/login/">Staff sign in</a>' in body


def test_a_page_out_of_scope_is_a_styled_404(client_for, world):
    response = client_for("sergeant").get(f"/wards/{world.wards['b1'].code}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Safer Neighbourhoods" in response.content.decode()


def test_a_forbidden_page_is_a_styled_403(client_for):
    response = client_for("sergeant").get("/force/")
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


def test_every_response_carries_the_security_headers(client_for):
    response = client_for("sergeant").get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


def test_the_force_map_colours_every_ward_by_staffing(client_for, world):
    data = client_for("central_unit").get("/force/map.geojson").json()
    assert len(data["features"]) == 8
    fills = {f["properties"]["code"]: f["properties"]["fill"] for f in data["features"]}
    assert 0 < fills[world.wards["a1"].code] < 1
    assert all(f["geometry"]["type"] == "MultiPolygon" for f in data["features"])


def test_the_borough_page_links_each_ward_and_the_table(client_for, world):
    body = client_for("borough_lead").get(f"/boroughs/{world.boroughs['a'].code}/").content.decode()
    assert 'href="#staffing-table"' in body
    for key in ("a1", "a2", "a3", "a4"):
        assert f"/wards/{world.wards[key].code}/" in body


def test_the_api_locates_a_point_like_police_uk(client, world):
    response = client.get("/api/v1/locate-neighbourhood?q=51.505,-0.195")
    assert response.json() == {"force": "testforce", "neighbourhood": world.wards["a1"].police_uk_id}
    assert client.get("/api/v1/locate-neighbourhood?q=10,10").status_code == 404
    assert client.get("/api/v1/locate-neighbourhood?q=nonsense").status_code == 400


def test_the_api_lists_only_neighbourhoods_in_scope(client_for, world):
    codes = [n["code"] for n in client_for("sergeant").get("/api/v1/neighbourhoods").json()["items"]]
    assert codes == sorted([world.wards["a1"].code, world.wards["a2"].code])


def test_healthz_says_unavailable_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import connection

    def broken(*args, **kwargs):
        raise connection.Database.OperationalError("gone")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "database unavailable"
