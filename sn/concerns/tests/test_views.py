from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from shapely.geometry import box

from sn.concerns.models import Channel, Concern
from sn.concerns.panels import top_topics_panel
from sn.concerns.places import point_problem
from sn.concerns.taxonomy import Topic
from sn.concerns.tests.factories import ConcernFactory
from sn.core.tests.helpers import post_form
from sn.geography.geometry import as_multipolygon, to_geojson
from sn.geography.models import Neighbourhood
from sn.geography.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def test_a_pc_adds_a_letter_from_a_councillor(client_for, world):
    ward = world.wards["a1"]
    raised = timezone.localdate() - timedelta(days=2)
    response = post_form(
        client_for("team_officer"),
        reverse("concerns:concern_new", args=[ward.code]),
        {
            "raised_on": raised.isoformat(),
            "channel": Channel.REPRESENTATIVE,
            "topic": Topic.ASB_VEHICLES,
            "description": "Off-road bikes on the common every evening",
            "source": "Letter from the ward councillors",
            "location": "The common",
            "latitude": "51.504",
            "longitude": "-0.196",
        },
    )
    concern = Concern.objects.get()
    assert response["Location"] == reverse("concerns:ward_concerns", args=[ward.code])
    assert (concern.raised_on, concern.channel, concern.located) == (raised, Channel.REPRESENTATIVE, True)


def test_a_concern_from_the_future_or_outside_the_ward_is_refused(client_for, world):
    url = reverse("concerns:concern_new", args=[world.wards["a1"].code])
    data = {"raised_on": "2099-01-01", "channel": "media", "topic": "burglary", "description": "Local paper"}
    post_form(client_for("sergeant"), url, data, errors={"raised_on": ["cannot be in the future"]})
    data.update(raised_on="2024-01-01", latitude="51.505", longitude="-0.185")
    post_form(client_for("sergeant"), url, data, errors={"latitude": ["That point is in"]})
    post_form(client_for("sergeant"), url, {**data, "longitude": ""}, errors={"latitude": ["both"]})
    assert not Concern.objects.exists()


def test_a_concern_dated_before_2000_is_refused_like_an_event(client_for, world):
    # A mistyped year (1900, 0026) was saved and then fell outside every period the pages show.
    url = reverse("concerns:concern_new", args=[world.wards["a1"].code])
    for typo in ("1900-03-01", "0026-11-30"):
        data = {"raised_on": typo, "channel": "media", "topic": "burglary", "description": "Local paper"}
        post_form(client_for("sergeant"), url, data, errors={"raised_on": ["from 01 January 2000"]})
    assert not Concern.objects.exists()


def test_the_list_filters_by_topic_channel_and_period(client_for, world):
    ward = world.wards["a1"]
    today = timezone.localdate()
    ConcernFactory(
        neighbourhood=ward, topic=Topic.BURGLARY, channel=Channel.MEDIA, description="Burgled sheds"
    )
    ConcernFactory(
        neighbourhood=ward, topic=Topic.ASB_NOISE, channel=Channel.MEDIA, description="Loud parties"
    )
    ConcernFactory(
        neighbourhood=ward, topic=Topic.BURGLARY, raised_on=today - timedelta(days=500), description="Old one"
    )
    url = reverse("concerns:ward_concerns", args=[ward.code])
    client = client_for("panel_member")
    text = client.get(url + "?topic=burglary").content.decode()
    assert "Burgled sheds" in text and "Loud parties" not in text and "Old one" not in text
    assert "Old one" in client.get(url + "?topic=burglary&months=24").content.decode()
    assert "Loud parties" not in client.get(url + "?channel=survey").content.decode()
    page = client.get(url + "?topic=nonsense")
    assert page.status_code == 200 and "Choose a topic from the list" in page.content.decode()
    assert client.get(url + "?topic=nonsense&format=csv").status_code == 400
    csv = client.get(url + "?format=csv").content.decode("utf-8-sig")
    assert "Burgled sheds" in csv and "Loud parties" in csv and "Old one" not in csv


def test_a_concern_is_archived_with_a_reason_and_leaves_the_list(client_for, world):
    ward = world.wards["a1"]
    concern = ConcernFactory(neighbourhood=ward, description="Entered twice")
    url = reverse("concerns:concern_archive", args=[concern.pk])
    assert client_for("panel_member").get(url).status_code == 403
    post_form(client_for("team_officer"), url, {"reason": ""}, errors={"reason": ["required"]})
    post_form(client_for("team_officer"), url, {"reason": "Entered twice"})
    concern.refresh_from_db()
    assert concern.is_archived and concern.archived_reason == "Entered twice"
    assert (
        "Entered twice"
        not in client_for("team_officer")
        .get(reverse("concerns:ward_concerns", args=[ward.code]))
        .content.decode()
    )


def test_the_ward_panel_lists_the_top_three_topics(world):
    ward = world.wards["a1"]
    today = timezone.localdate()
    for topic, n in (
        (Topic.ASB_YOUTHS, 4),
        (Topic.BURGLARY, 3),
        (Topic.VEHICLE_CRIME, 2),
        (Topic.ASB_NOISE, 1),
    ):
        for i in range(n):
            ConcernFactory(neighbourhood=ward, topic=topic, raised_on=today - timedelta(days=200 + i))
    panel = top_topics_panel(world.user("panel_member"), ward)
    assert [t.topic for t in panel["top_topics"]] == [Topic.ASB_YOUTHS, Topic.BURGLARY, Topic.VEHICLE_CRIME]
    assert (panel["concerns_total"], panel["topics_raised"]) == (10, 4)


def test_a_point_in_a_non_ward_area_is_checked_against_its_own_boundary(world):
    # A town centre over the corner of a1: the ward locator never answers with it.
    centre = NeighbourhoodFactory(
        borough=world.boroughs["a"],
        kind=Neighbourhood.Kind.NON_WARD,
        boundary=to_geojson(as_multipolygon(box(-0.2, 51.5, -0.195, 51.505))),
    )
    assert point_problem(centre, 51.502, -0.198) is None
    assert (
        point_problem(centre, 51.508, -0.192)
        == f"That point is in {world.wards['a1'].name}, not {centre.name}."
    )
    assert point_problem(world.wards["a1"], 91, 0).startswith("That is not a point on the map")


def test_a_concern_page_links_back_to_where_it_was_raised(client_for, world):
    concern = ConcernFactory(neighbourhood=world.wards["a1"], raised_on=date(2024, 1, 5))
    page = client_for("panel_member").get(reverse("concerns:concern", args=[concern.pk]))
    assert page.status_code == 200 and "5 January 2024" in page.content.decode()
