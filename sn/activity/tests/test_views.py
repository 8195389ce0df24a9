"""The recording pages: the form records and corrects through the services, shows a refusal on its
field, and a partner records their organisation's work on an invited case."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sn.activity.models import ActivityRecord
from sn.activity.tests.helpers import ward_activity_setup
from sn.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _post(**more) -> dict:
    data = {"on": (timezone.localdate() - timedelta(days=1)).isoformat(), "summary": "Leafleting the estate"}
    data.update({"stage": "6", "delivered_by": "police", "leaflet_drops": "120"})
    data.update(more)
    return data


def test_the_team_records_activity_from_the_form(client_for, world):
    client = client_for("team_officer")
    url = f"/activity/wards/{world.wards['a1'].code}/new/"
    assert b"Enforcement" in client.get(url).content
    # Dated today: the ward's page shows this month, and on the 1st yesterday is last month.
    response = client.post(url, _post(arrests="1", on=timezone.localdate().isoformat()))
    record = ActivityRecord.objects.get(summary="Leafleting the estate")
    assert response.status_code == 302 and response["Location"] == f"/activity/records/{record.pk}/"
    assert {c.kind: c.count for c in record.counts.all()} == {"leaflet_drops": 120, "arrests": 1}
    page = client.get(f"/activity/wards/{world.wards['a1'].code}/").content.decode()
    assert "Leafleting the estate" in page and "120 leaflet drops" in page


def test_a_refused_count_comes_back_on_its_field_and_nothing_is_written(client_for, world):
    client = client_for("team_officer")
    before = AuditEvent.objects.count()
    response = client.post(f"/activity/wards/{world.wards['a1'].code}/new/", _post(leaflet_drops="-5"))
    assert response.status_code == 400
    assert "Leaflet drops cannot be negative" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_a_record_with_no_count_is_refused_on_the_form(client_for, world):
    response = client_for("team_officer").post(
        f"/activity/wards/{world.wards['a1'].code}/new/", _post(leaflet_drops="")
    )
    assert response.status_code == 400
    assert "Give at least one count" in response.content.decode()


def test_the_sergeant_corrects_a_record_and_its_history_shows_it(client_for, world):
    record = ward_activity_setup(world, "a1").record
    client = client_for("sergeant")
    response = client.post(
        f"/activity/records/{record.pk}/edit/",
        _post(summary=record.summary, leaflet_drops="", crime_prevention_surveys="14"),
    )
    assert response.status_code == 302
    assert {c.kind: c.count for c in record.counts.all()} == {"crime_prevention_surveys": 14}
    history = client.get(f"/history/activity/{record.pk}/")
    assert history.status_code == 200


def test_a_partner_records_their_organisation_s_work_on_an_invited_case(client_for, world):
    case = ward_activity_setup(world, "a1").case
    client = client_for("partner")
    form = client.get(f"/activity/cases/{case.pk}/new/").content.decode()
    assert "Delivered by" not in form
    response = client.post(
        f"/activity/cases/{case.pk}/new/", {**_post(environmental_work="2"), "delivered_by": "public"}
    )
    assert response.status_code == 302
    record = ActivityRecord.objects.get(summary="Leafleting the estate")
    assert record.delivered_by == "partner"
    assert record.organisation == world.users["partner"].partner_organisation
    assert record.case == case and record.priority == case.priority
    assert "Leafleting the estate" in client.get(f"/activity/cases/{case.pk}/").content.decode()


def test_the_ward_page_shows_the_epic_panel_to_the_police(client_for, world):
    ward_activity_setup(world, "a1")
    body = client_for("sergeant").get(f"/wards/{world.wards['a1'].code}/").content.decode()
    assert "EPIC activity" in body and "Record activity" in body
