"""The problem-solving cases linked to a patrol area from its page (sergeants and above, cases within
their reach only, every link and unlink audited), and the area's map."""

import json
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from sn.core.models import AuditEvent
from sn.patrols.models import PatrolArea
from sn.patrols.services import patrol_area_link_problem, patrol_area_unlink_problem
from sn.patrols.tests.factories import PatrolAreaFactory
from sn.problemsolving.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(world):
    return PatrolAreaFactory(neighbourhood=world.wards["a1"])


def _link(area):
    return reverse("patrols:link_case", args=[area.pk])


def _unlink(area, case):
    return reverse("patrols:unlink_case", args=[area.pk, case.pk])


def _events(area, action):
    return AuditEvent.objects.filter(
        action=action, content_type=ContentType.objects.get_for_model(PatrolArea), object_id=str(area.pk)
    )


def test_linking_a_case_is_audited_as_a_link_by_the_actor(world, area):
    case = CaseFactory(neighbourhood=world.wards["a2"])
    patrol_area_link_problem(area=area, case=case, actor=world.user("sergeant"))
    assert list(area.cases.all()) == [case]
    event = _events(area, AuditEvent.Action.LINK).get()
    assert event.actor == world.user("sergeant")
    assert event.changes == {"cases": {"ids": [case.pk]}}


def test_a_case_linked_already_is_refused_naming_the_field_and_nothing_written(world, area):
    case = CaseFactory(neighbourhood=world.wards["a2"])
    patrol_area_link_problem(area=area, case=case, actor=world.user("sergeant"))
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        patrol_area_link_problem(area=area, case=case, actor=world.user("sergeant"))
    assert f"{case.reference} is linked to {area.name} already" in error.value.message_dict["case"][0]
    assert AuditEvent.objects.count() == before


def test_unlinking_is_audited_and_a_case_not_linked_is_refused(world, area):
    case = CaseFactory(neighbourhood=world.wards["a2"])
    patrol_area_link_problem(area=area, case=case, actor=world.user("sergeant"))
    patrol_area_unlink_problem(area=area, case=case, actor=world.user("inspector"))
    assert not area.cases.exists()
    event = _events(area, AuditEvent.Action.UNLINK).get()
    assert event.actor == world.user("inspector")
    with pytest.raises(ValidationError) as error:
        patrol_area_unlink_problem(area=area, case=case, actor=world.user("inspector"))
    assert "is not linked" in error.value.message_dict["case"][0]


def test_a_sergeant_links_a_case_of_another_of_their_wards_and_the_area_page_shows_it(
    client_for, world, area
):
    case = CaseFactory(neighbourhood=world.wards["a2"], title="Shop theft on the parade")
    client = client_for("sergeant")
    form = client.get(_link(area))
    assert form.status_code == 200
    assert f'value="{case.pk}"' in form.content.decode()
    response = client.post(_link(area), {"case": str(case.pk)})
    assert response.status_code == 302
    assert list(area.cases.all()) == [case]
    page = client.get(reverse("patrols:area", args=[area.pk])).content.decode()
    linked = page.split('id="linked-cases"')[1].split("</ul>")[0]
    assert reverse("problemsolving:case", args=[case.pk]) in linked
    assert "Shop theft on the parade" in linked
    assert _unlink(area, case) in linked


def test_the_choices_hold_the_areas_own_ward_first_even_when_cut_short(client_for, world, monkeypatch):
    area = PatrolAreaFactory(neighbourhood=world.wards["a2"])
    CaseFactory(neighbourhood=world.wards["a1"])  # a1's name sorts before a2's
    own = CaseFactory(neighbourhood=world.wards["a2"])
    monkeypatch.setattr("sn.patrols.case_links.MAX_CHOICES", 1)
    page = client_for("sergeant").get(_link(area)).content.decode()
    assert re.findall(r'<option value="(\d+)"', page) == [str(own.pk)]


def test_a_case_can_be_given_by_its_reference(client_for, world, area):
    case = CaseFactory(neighbourhood=world.wards["a1"])
    response = client_for("sergeant").post(_link(area), {"case": case.reference})
    assert response.status_code == 302
    assert list(area.cases.all()) == [case]


@pytest.mark.parametrize(
    "typed",
    [
        lambda case: case.reference,
        lambda case: str(case.pk),
        lambda case: f"{case.pk:05d}",
        lambda case: f"PS-{case.pk + 9_000_000}",
    ],
    ids=["reference", "number", "zero-padded", "no-such-case"],
)
def test_a_case_outside_the_users_area_or_not_there_is_the_same_400_on_the_field(
    client_for, world, area, typed
):
    """Out of reach and not there read alike, so the answer does not confirm that a case exists; the
    area itself stays a 404 out of scope (the access matrix)."""
    elsewhere = CaseFactory(neighbourhood=world.wards["b1"])
    client = client_for("sergeant")
    assert f'value="{elsewhere.pk}"' not in client.get(_link(area)).content.decode()
    before = AuditEvent.objects.count()
    value = typed(elsewhere)
    response = client.post(_link(area), {"case": value})
    assert response.status_code == 400
    page = response.content.decode()
    number = int(re.search(r"\d+", value).group())
    assert f"There is no case PS-{number:05d} you can link" in page
    assert 'href="#id_case"' in page
    assert not area.cases.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Choose the case to link"), ("case twelve", "Give a case number such as PS-00012")],
)
def test_a_case_number_missing_or_unreadable_is_a_400_naming_the_field(client_for, area, value, message):
    before = AuditEvent.objects.count()
    response = client_for("sergeant").post(_link(area), {"case": value})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'href="#id_case"' in page
    assert not area.cases.exists()
    assert AuditEvent.objects.count() == before


def test_a_case_linked_twice_is_a_400_naming_the_field(client_for, world, area):
    case = CaseFactory(neighbourhood=world.wards["a1"])
    client = client_for("sergeant")
    client.post(_link(area), {"case": str(case.pk)})
    response = client.post(_link(area), {"case": str(case.pk)})
    assert response.status_code == 400
    assert "is linked to" in response.content.decode()
    assert area.cases.count() == 1


def test_a_pc_may_not_link_or_unlink_and_sees_no_links_to_do_so(client_for, world, area):
    case = CaseFactory(neighbourhood=world.wards["a1"])
    patrol_area_link_problem(area=area, case=case, actor=world.user("sergeant"))
    client = client_for("team_officer")
    assert client.post(_link(area), {"case": str(case.pk)}).status_code == 403
    assert client.post(_unlink(area, case)).status_code == 403
    page = client.get(reverse("patrols:area", args=[area.pk])).content.decode()
    assert reverse("problemsolving:case", args=[case.pk]) in page
    assert _link(area) not in page and _unlink(area, case) not in page
    assert area.cases.exists()


def test_a_sergeant_unlinks_a_case_after_confirming(client_for, world, area):
    case = CaseFactory(neighbourhood=world.wards["a1"])
    patrol_area_link_problem(area=area, case=case, actor=world.user("sergeant"))
    client = client_for("sergeant")
    confirm = client.get(_unlink(area, case))
    assert confirm.status_code == 200 and case.reference in confirm.content.decode()
    assert area.cases.exists()
    response = client.post(_unlink(area, case))
    assert response.status_code == 302
    assert not area.cases.exists()
    assert _events(area, AuditEvent.Action.UNLINK).exists()


def test_unlinking_a_case_that_is_not_linked_is_404(client_for, world, area):
    case = CaseFactory(neighbourhood=world.wards["a1"])
    assert client_for("sergeant").post(_unlink(area, case)).status_code == 404


def test_a_linked_case_outside_the_users_area_is_neither_shown_nor_unlinkable(client_for, world, area):
    elsewhere = CaseFactory(neighbourhood=world.wards["b1"], title="Robbery at the other station")
    patrol_area_link_problem(area=area, case=elsewhere, actor=world.user("central_unit"))
    client = client_for("sergeant")
    page = client.get(reverse("patrols:area", args=[area.pk])).content.decode()
    assert "Robbery at the other station" not in page
    assert client.post(_unlink(area, elsewhere)).status_code == 404
    assert area.cases.exists()


def _map_data(page: str, element_id: str) -> dict:
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', page, re.S)
    assert found, element_id
    return json.loads(found.group(1))


def test_the_area_page_maps_the_circle_inside_its_ward_outline(client_for, area):
    page = client_for("team_officer").get(reverse("patrols:area", args=[area.pk])).content.decode()
    assert 'id="area-map"' in page and 'data-extra="area-ward-map-data"' in page
    assert "vendor/leaflet/leaflet.js" in page and "sn/map.js" in page
    feature = _map_data(page, "area-map-data")["features"][0]
    assert feature["properties"] == {"name": area.name, "role": "focus"}
    ring = feature["geometry"]["coordinates"][0]
    assert feature["geometry"]["type"] == "Polygon" and len(ring) > 32
    assert all(abs(lat - area.centre_lat) < 0.005 for _, lat in ring)
    ward = _map_data(page, "area-ward-map-data")["features"][0]
    assert ward["properties"]["name"] == area.neighbourhood.name


def test_an_area_with_a_boundary_maps_the_boundary(client_for, world):
    lng, lat = -0.1, 51.5
    square = {
        "type": "Polygon",
        "coordinates": [
            [[lng, lat], [lng + 0.002, lat], [lng + 0.002, lat + 0.002], [lng, lat + 0.002], [lng, lat]]
        ],
    }
    area = PatrolAreaFactory(neighbourhood=world.wards["a1"], boundary=json.dumps(square))
    page = client_for("team_officer").get(reverse("patrols:area", args=[area.pk])).content.decode()
    geometry = _map_data(page, "area-map-data")["features"][0]["geometry"]
    assert geometry["type"] == "Polygon"
    assert sorted(map(tuple, geometry["coordinates"][0])) == sorted(map(tuple, square["coordinates"][0]))
