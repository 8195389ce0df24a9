"""Stop and search in the police.uk API: the StopSearch shape of the reference, locations published at
the nearest snap point (and chosen by it), the methods' filters and errors."""

import re

import pytest

from sn.policeapi.tests.helpers import FAR_ROAD, published_layer, stops

pytestmark = pytest.mark.django_db

STOP_KEYS = {
    "age_range", "officer_defined_ethnicity", "involved_person", "self_defined_ethnicity", "gender",
    "legislation", "outcome_linked_to_object_of_search", "datetime", "outcome_object", "location",
    "object_of_search", "operation", "outcome", "type", "operation_name",
    "removal_of_more_than_outer_clothing",
}  # fmt: skip
A1 = "lat=51.505&lng=-0.195"


@pytest.fixture
def layer(world):
    published = published_layer(world)
    stops(world)
    return published


def get(client, conforms, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code, response.content[:300])
    return conforms(response, path)


def test_stops_near_a_point_are_published_at_the_nearest_snap_point(client, layer, conforms):
    found = get(client, conforms, f"/api/stops-street?{A1}&date=2024-01")
    assert len(found) == 2
    for stop in found:
        assert set(stop) == STOP_KEYS
        assert re.match(r"\A2024-01-\d{2}T\d{2}:\d{2}:\d{2}\+00:00\Z", stop["datetime"])
        assert stop["location"]["street"] == {"id": layer.high_street.id, "name": "On or near High Street"}
        # The recorded location is not shown: the snap point's is.
        assert stop["location"]["latitude"] == "51.505000"
        assert set(stop["outcome_object"]) == {"id", "name"}
    first, second = found
    assert first["datetime"] == "2024-01-06T22:45:00+00:00" and first["involved_person"] is True
    assert first["outcome_object"] == {"id": "bu-no-further-action", "name": "A no further action disposal"}
    assert second["outcome_object"] == {"id": "bu-arrest", "name": "Arrest"}
    assert second["operation"] is True and second["operation_name"] == "Operation Test"
    assert first["operation_name"] is None


def test_stops_by_polygon_get_or_post(client, layer, conforms):
    poly = "51.5,-0.2:51.51,-0.2:51.51,-0.19:51.5,-0.19"
    by_get = get(client, conforms, f"/api/stops-street?poly={poly}&date=2024-01")
    response = client.post("/api/stops-street", {"poly": poly, "date": "2024-01"})
    assert response.status_code == 200
    assert conforms(response, "/api/stops-street", "POST") == by_get and len(by_get) == 2


def test_stops_at_a_location_and_by_force(client, layer, conforms):
    assert (
        len(get(client, conforms, f"/api/stops-at-location?location_id={layer.high_street.id}&date=2024-01"))
        == 2
    )
    assert get(client, conforms, f"/api/stops-at-location?location_id={layer.far_road.id}&date=2024-01") == []
    december = get(client, conforms, f"/api/stops-at-location?location_id={layer.far_road.id}&date=2023-12")
    assert len(december) == 1 and december[0]["location"]["latitude"] == f"{FAR_ROAD[0]:.6f}"
    everything = get(client, conforms, "/api/stops-force?force=testforce&date=2024-01")
    assert len(everything) == 3 and sum(s["location"] is None for s in everything) == 1
    nowhere = get(client, conforms, "/api/stops-no-location?force=testforce&date=2024-01")
    assert len(nowhere) == 1 and nowhere[0]["location"] is None and nowhere[0]["type"] == "Vehicle search"
    assert nowhere[0]["involved_person"] is False and nowhere[0]["outcome_linked_to_object_of_search"] is None


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/stops-force", 400),
        ("/api/stops-force?force=nowhere", 404),
        ("/api/stops-no-location?force=nowhere", 404),
        ("/api/stops-at-location", 400),
        ("/api/stops-at-location?location_id=x", 400),
        ("/api/stops-street?lat=51.5", 400),
        ("/api/stops-street", 400),
        ("/api/stops-force?force=testforce&date=24-01", 400),
    ],
)
def test_stop_errors(client, layer, conforms, path, status):
    response = client.get(path)
    assert response.status_code == status
    if status == 404:
        assert response.content == b""
    conforms(response, path)


def test_without_stops_the_lists_are_empty(client, world, conforms):
    published_layer(world)
    assert get(client, conforms, "/api/stops-force?force=testforce") == []
    assert get(client, conforms, f"/api/stops-street?{A1}") == []
