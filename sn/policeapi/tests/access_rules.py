"""Who may call the police.uk API (collected by sn/core/tests/test_access_matrix.py): everyone, signed in
or not; the API's bare root serves nothing. The routes whose answer needs published crimes build them
on first use (sn.policeapi.tests.helpers.published_layer)."""

from sn.policeapi.tests.helpers import published_layer
from sn.testing.access import NOTHING_HERE, PUBLIC


def _none(w):
    return {}


def _force(w):
    return {"force": w.force.code}


def _neighbourhood(w):
    return {"force": w.force.code, "neighbourhood": w.wards["a1"].police_uk_id}


def _published(w):
    published_layer(w)
    return {}


def _crime(w):
    return {"persistent_id": published_layer(w).with_outcome.persistent_id}


ACCESS_RULES = {
    "policeapi:openapi-json": (_none, None, PUBLIC),
    "policeapi:api-root": (_none, None, NOTHING_HERE),
    "policeapi:forces": (_none, None, PUBLIC),
    "policeapi:force": (_force, None, PUBLIC),
    "policeapi:force_people": (_force, None, PUBLIC),
    "policeapi:locate_neighbourhood": (_none, None, PUBLIC),
    "policeapi:neighbourhoods": (_force, None, PUBLIC),
    "policeapi:neighbourhood": (_neighbourhood, None, PUBLIC),
    "policeapi:neighbourhood_boundary": (_neighbourhood, None, PUBLIC),
    "policeapi:neighbourhood_people": (_neighbourhood, None, PUBLIC),
    "policeapi:neighbourhood_events": (_neighbourhood, None, PUBLIC),
    "policeapi:neighbourhood_priorities": (_neighbourhood, None, PUBLIC),
    "policeapi:crime_categories": (_none, None, PUBLIC),
    "policeapi:crimes_street": (lambda w: {"category": "all-crime"}, None, PUBLIC),
    "policeapi:crimes_street_post": (lambda w: {"category": "burglary"}, None, PUBLIC),
    "policeapi:crimes_at_location": (_published, None, PUBLIC),
    "policeapi:crimes_no_location": (_published, None, PUBLIC),
    "policeapi:outcomes_at_location": (_published, None, PUBLIC),
    "policeapi:outcomes_at_location_post": (_published, None, PUBLIC),
    "policeapi:outcomes_for_crime": (_crime, None, PUBLIC),
    "policeapi:crimes_street_dates": (_published, None, PUBLIC),
    "policeapi:crime_last_updated": (_published, None, PUBLIC),
    "policeapi:stops_street": (_none, None, PUBLIC),
    "policeapi:stops_street_post": (_none, None, PUBLIC),
    "policeapi:stops_at_location": (_none, None, PUBLIC),
    "policeapi:stops_no_location": (_none, None, PUBLIC),
    "policeapi:stops_force": (_none, None, PUBLIC),
}
A1_CENTRE = "lat=51.505&lng=-0.195"
QUERY = {
    "policeapi:locate_neighbourhood": "?q=51.505,-0.195",
    "policeapi:crimes_street": f"?{A1_CENTRE}&date=2024-01",
    "policeapi:crimes_street_post": f"?{A1_CENTRE}",
    "policeapi:crimes_at_location": f"?{A1_CENTRE}&date=2024-01",
    "policeapi:crimes_no_location": "?force=testforce&category=all-crime",
    "policeapi:outcomes_at_location": f"?{A1_CENTRE}&date=2024-01",
    "policeapi:outcomes_at_location_post": "?poly=51.5,-0.2:51.51,-0.2:51.51,-0.19:51.5,-0.19",
    "policeapi:stops_street": f"?{A1_CENTRE}&date=2024-01",
    "policeapi:stops_street_post": f"?{A1_CENTRE}",
    "policeapi:stops_at_location": "?location_id=1&date=2024-01",
    "policeapi:stops_no_location": "?force=testforce",
    "policeapi:stops_force": "?force=testforce&date=2024-01",
}
