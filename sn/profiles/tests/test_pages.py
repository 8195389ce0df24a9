"""The ward profile page, its forms, the upload of demographic tables, and what the profile adds to the
ward page and the home page. Who may open each page is the access matrix's (tests/access_rules.py)."""

import datetime
import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sn.core.tests.helpers import post_form
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.jobs.models import Job, JobStatus
from sn.profiles.models import DemographicFigure, KeyLocation, RecurringEvent
from sn.profiles.services import demographic_figures_import
from sn.profiles.tests.factories import KeyLocationFactory, RecurringEventFactory
from sn.profiles.work import events_to_update

HEADER = "area_code,measure,category,value,source,year\n"
# Ward a1 is young; the rest of borough A older; borough B older still.
AGES = {
    "a1": (6000, 8000, 1000),
    "a2": (2000, 6000, 2000),
    "a3": (2000, 6000, 2000),
    "b1": (1000, 5000, 4000),
}
DECILES = {"a1": {1: 3, 2: 2, 5: 1}, "a2": {6: 4, 9: 2}}


@pytest.fixture
def profiled(world):
    """Ages for wards a1-a3 and b1, deprivation for a1 and a2."""
    lines = []
    for key, bands in AGES.items():
        code = world.wards[key].code
        lines += [
            f"{code},age,{band},{value},ONS Census 2021,2021"
            for band, value in zip(("0 to 15", "16 to 64", "65 and over"), bands, strict=True)
        ]
    for key, counts in DECILES.items():
        code = world.wards[key].code
        lines += [f"{code},imd-decile,{d},{counts.get(d, 0)},IMD 2019,2019" for d in range(1, 11)]
        lines += [
            f"{code},imd-average-rank,Index of Multiple Deprivation,{3000 if key == 'a1' else 20000},IMD,2019"
        ]
        lines += [f"{code},imd-average-rank,Crime,{1500 if key == 'a1' else 25000},IMD,2019"]
        lines += [f"{code},imd-average-rank,Income,{4000 if key == 'a1' else 21000},IMD,2019"]
    lines.append(f"{world.wards['a1'].code},households,Lone parent,410,ONS Census 2021 TS003,2021")
    demographic_figures_import(data=(HEADER + "\n".join(lines)).encode(), source="test")
    return world


def _profile(client, ward) -> str:
    response = client.get(reverse("profiles:ward_profile", args=[ward.code]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_profile_shows_population_ages_against_borough_and_force_and_the_crime_profile(
    client_for, profiled
):
    ward = profiled.wards["a1"]
    page = _profile(client_for("panel_member"), ward)
    assert f"{ward.population:,}" in page and ward.population_source in page
    # a1: 6,000 of 15,000 under 16 (40%); borough A's wards with ages: 10,000 of 35,000 (29%);
    # the force: 11,000 of 45,000 (24%).
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">40%</td>' in page.replace("&quot;", '"')
    assert ">29%<" in page and ">24%<" in page
    assert "The largest age group is 16 to 64 (53% of residents)." in page
    assert "the ward has more people aged 0 to 15: 40% against 29%" in page
    assert reverse("crime:ward_profile", args=[ward.code]) in page
    assert reverse("reports:strategic_profile", args=[ward.code]) in page
    chart = json.loads(_script(page, "age-chart-data"))
    assert chart["labels"] == ["0 to 15", "16 to 64", "65 and over"]
    assert chart["datasets"][0]["data"] == [40.0, 53.3, 6.7]


def _script(page: str, element_id: str) -> str:
    start = page.index(f'id="{element_id}"')
    return page[page.index(">", start) + 1 : page.index("</script>", start)]


def test_the_profile_says_what_the_deprivation_deciles_mean(client_for, profiled):
    page = _profile(client_for("team_officer"), profiled.wards["a1"])
    assert (
        "Of the 6 small areas (2011 LSOAs) whose population centre lies in the ward, 5 are among the 20% most"
        in page
    )
    assert (
        "Their average rank is 3,000 of 32,844 (1 is the most deprived), against 11,500 across Borough A."
        in page
    )
    assert "The ward is most deprived, relative to England, in crime (average rank 1,500)." in page
    assert "decile 1 holds the 10% most deprived in England" in page


def test_a_table_the_profile_has_no_reading_for_is_listed_as_loaded(client_for, profiled):
    page = _profile(client_for("team_officer"), profiled.wards["a1"])
    assert "households, 2021" in page and "Lone parent" in page and ">410<" in page


def test_an_area_with_no_tables_says_so(client_for, world):
    page = _profile(client_for("team_officer"), world.wards["a1"])
    assert "No age structure is loaded for this area." in page
    assert "No deprivation figures are loaded for this area." in page


def test_key_locations_and_events_are_listed_and_mapped_with_change_links_for_the_team_only(
    client_for, world
):
    ward = world.wards["a1"]
    location = KeyLocationFactory(neighbourhood=ward, name="Oakfield Primary School")
    event = RecurringEventFactory(neighbourhood=ward, name="Saturday Market")
    KeyLocationFactory(neighbourhood=ward, name="Closed Pub").delete()  # never shown, whatever happens
    page = _profile(client_for("team_officer"), ward)
    assert "Oakfield Primary School" in page and "Saturday Market" in page
    assert reverse("profiles:location_edit", args=[location.pk]) in page
    assert reverse("profiles:event_archive", args=[event.pk]) in page
    places = json.loads(_script(page, "places-map-points"))
    assert {(p["name"], p["type"]) for p in places} == {
        ("Oakfield Primary School", "location"),
        ("Saturday Market", "event"),
    }
    panel_page = _profile(client_for("panel_member"), ward)
    assert "Oakfield Primary School" in panel_page
    assert reverse("profiles:location_edit", args=[location.pk]) not in panel_page
    assert reverse("profiles:location_new", args=[ward.code]) not in panel_page


def test_an_archived_location_leaves_the_profile(client_for, world):
    ward = world.wards["a1"]
    KeyLocationFactory(neighbourhood=ward, name="Closed Pub", archived_at=timezone.now())
    assert "Closed Pub" not in _profile(client_for("panel_member"), ward)
    page = _profile(client_for("team_officer"), ward)
    assert json.loads(_script(page, "places-map-points")) == []
    assert "Closed Pub" not in page[page.index('id="key-locations"') : page.index('id="archived-places"')]


def test_an_event_whose_date_has_passed_is_flagged(client_for, world):
    passed = timezone.localdate() - datetime.timedelta(days=3)
    RecurringEventFactory(neighbourhood=world.wards["a1"], next_date=passed)
    assert "Passed: set the next date" in _profile(client_for("sergeant"), world.wards["a1"])


def test_the_figures_download_as_csv(client_for, profiled):
    response = client_for("analyst").get(
        reverse("profiles:ward_profile", args=[profiled.wards["a1"].code]) + "?format=csv"
    )
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Measure,Category,Year,Ward,Ward share,Borough share,Force share"
    assert "age,0 to 15,2021,6000,0.4,0.2857,0.2444" in text
    assert "imd-decile,1,2019,3,0.5," in text


def test_a_non_ward_area_says_its_tables_are_its_wards(client_for, world):
    overlay = NeighbourhoodFactory(kind="non_ward", borough=world.boroughs["a"], cluster=world.clusters["a"])
    page = _profile(client_for("central_unit"), overlay)
    assert "is a non-ward area laid over wards" in page


# --- The forms


def _place(ward, **overrides) -> dict:
    return {
        "kind": "school",
        "name": "Oakfield Primary School",
        "latitude": ward.centroid_lat,
        "longitude": ward.centroid_lng,
        **overrides,
    }


def test_a_pcso_adds_a_key_location_placed_on_the_map(client_for, world):
    ward = world.wards["a1"]
    url = reverse("profiles:location_new", args=[ward.code])
    client = client_for("team_officer")
    page = client.get(url).content.decode()
    assert "data-place-picker" in page and 'id="id_latitude"' in page
    response = post_form(client, url, _place(ward, address="1 Oak Road", description="Closing time crowds"))
    assert response["Location"] == reverse("profiles:ward_profile", args=[ward.code]) + "#key-locations"
    location = KeyLocation.objects.get()
    assert (location.neighbourhood, location.address, location.created_by) == (
        ward,
        "1 Oak Road",
        world.user("team_officer"),
    )


def test_a_point_outside_the_ward_comes_back_on_the_latitude_and_nothing_is_saved(client_for, world):
    ward, other = world.wards["a1"], world.wards["a2"]
    url = reverse("profiles:location_new", args=[ward.code])
    point = {"latitude": other.centroid_lat, "longitude": other.centroid_lng}
    post_form(
        client_for("team_officer"),
        url,
        _place(ward, **point),
        errors={"latitude": [f"That point is in {other.name}"]},
    )
    assert not KeyLocation.objects.exists()


def test_the_form_checks_its_fields(client_for, world):
    ward = world.wards["a1"]
    url = reverse("profiles:location_new", args=[ward.code])
    data = _place(ward, kind="", name="", longitude="")
    post_form(
        client_for("team_officer"),
        url,
        data,
        errors={
            "kind": ["This field is required"],
            "name": ["This field is required"],
            "latitude": ["Give both"],
        },
    )


def test_a_sergeant_changes_a_key_location_from_its_current_values(client_for, world):
    ward = world.wards["a1"]
    location = KeyLocationFactory(neighbourhood=ward, name="Old Name", address="2 Elm Road")
    url = reverse("profiles:location_edit", args=[location.pk])
    client = client_for("sergeant")
    page = client.get(url).content.decode()
    assert 'value="Old Name"' in page and 'value="2 Elm Road"' in page
    post_form(client, url, _place(ward, name="New Name", kind="licensed_premises"))
    location.refresh_from_db()
    assert (location.name, location.kind) == ("New Name", "licensed_premises")


def test_an_inspector_records_a_key_location_in_another_ward_of_the_cluster(client_for, world):
    ward = world.wards["a3"]
    post_form(client_for("inspector"), reverse("profiles:location_new", args=[ward.code]), _place(ward))
    assert KeyLocation.objects.get().neighbourhood == ward


def test_archiving_asks_why_and_keeps_the_record(client_for, world):
    location = KeyLocationFactory(neighbourhood=world.wards["a1"])
    url = reverse("profiles:location_archive", args=[location.pk])
    client = client_for("team_officer")
    post_form(client, url, {"reason": ""}, errors={"reason": ["This field is required"]})
    post_form(client, url, {"reason": "The school closed"})
    location.refresh_from_db()
    assert location.archived_reason == "The school closed"
    assert client.get(reverse("profiles:location_edit", args=[location.pk])).status_code == 404


def test_a_recurring_event_is_added_and_its_next_date_moved_on(client_for, world):
    ward = world.wards["a1"]
    client = client_for("team_officer")
    soon = timezone.localdate() + datetime.timedelta(days=6)
    data = {
        **_place(ward, kind="market", name="Saturday Market"),
        "schedule": "Every Saturday, 8am to 4pm",
        "next_date": soon.isoformat(),
        "expected_attendance": "800",
    }
    post_form(client, reverse("profiles:event_new", args=[ward.code]), data)
    event = RecurringEvent.objects.get()
    assert (event.next_date, event.expected_attendance) == (soon, 800)
    later = soon + datetime.timedelta(days=7)
    post_form(
        client,
        reverse("profiles:event_edit", args=[event.pk]),
        {**data, "next_date": later.strftime("%d/%m/%Y")},
    )
    event.refresh_from_db()
    assert event.next_date == later


def test_an_event_dated_in_the_past_is_refused_on_its_field(client_for, world):
    ward = world.wards["a1"]
    data = {**_place(ward, kind="market", name="Market"), "schedule": "Saturdays", "next_date": "2001-01-06"}
    post_form(
        client_for("team_officer"),
        reverse("profiles:event_new", args=[ward.code]),
        data,
        errors={"next_date": ["cannot be in the past"]},
    )


# --- Uploads


def _upload(world, *lines: str) -> dict:
    body = HEADER + "".join(f"{line}\n" for line in lines)
    return {"file": SimpleUploadedFile("ages.csv", body.encode(), content_type="text/csv")}


def test_the_central_unit_uploads_a_table_and_sees_it_listed(client_for, world):
    code = world.wards["b1"].code
    client = client_for("central_unit")
    url = reverse("profiles:demographics_upload")
    response = post_form(client, url, _upload(world, f"{code},age,0 to 15,1200,ONS,2021"))
    job = Job.objects.get(kind="profiles.demographics")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.summary, job.rows) == (
        JobStatus.SUCCEEDED,
        "ages.csv: 1 figures: 1 created, 0 updated, 0 unchanged.",
        1,
    )
    assert job.result_url == url and job.borough is None
    page = client.get(url).content.decode()
    assert '<th scope="row" class="govuk-table__header">age</th>' in page


def test_a_bad_upload_fails_its_job_naming_each_bad_line_and_saves_nothing(client_for, world):
    code = world.wards["a1"].code
    post_form(
        client_for("analyst"),
        reverse("profiles:demographics_upload"),
        _upload(
            world, f"{code},age,0 to 15,abc,ONS,2021", f"{world.wards['b1'].code},age,0 to 15,5,ONS,2021"
        ),
    )
    job = Job.objects.get(kind="profiles.demographics")
    assert job.status == JobStatus.FAILED and job.borough == world.boroughs["a"]
    assert job.summary == "2 problem(s) in ages.csv; nothing was written."
    assert job.errors[0] == 'line 2: value "abc" is not a number'
    assert job.errors[1].startswith("line 3: area_code") and job.errors[1].endswith("is outside your area")
    assert not DemographicFigure.objects.exists()


def test_a_spreadsheet_is_refused_on_the_form_and_nothing_is_queued(client_for, world):
    upload = {"file": SimpleUploadedFile("ages.xlsx", b"PK\x03\x04", content_type="application/zip")}
    post_form(
        client_for("central_unit"),
        reverse("profiles:demographics_upload"),
        upload,
        errors={"file": ["The file must be a CSV file (.csv), or one compressed with gzip"]},
    )
    assert not Job.objects.exists()


# --- The ward page and the home page


def test_the_ward_page_has_a_ward_profile_panel_with_the_headline(client_for, profiled):
    ward = profiled.wards["a1"]
    KeyLocationFactory(neighbourhood=ward)
    response = client_for("panel_member").get(reverse("pages:ward", args=[ward.code]))
    page = html.unescape(response.content.decode())
    assert 'id="panel-profile"' in page
    assert "40% of residents are aged 0 to 15 and 7% aged 65 and over" in page
    assert "5 of its 6 small areas are among the 20% most deprived in England" in page
    assert "1 key location and 0 recurring events recorded by the team" in page
    assert reverse("profiles:ward_profile", args=[ward.code]) in page


def test_a_team_is_asked_to_set_the_next_date_of_events_that_have_passed(world):
    passed = timezone.localdate() - datetime.timedelta(days=9)
    event = RecurringEventFactory(neighbourhood=world.wards["a1"], next_date=passed, name="Saturday Market 1")
    RecurringEventFactory(neighbourhood=world.wards["b1"], next_date=passed)
    RecurringEventFactory(neighbourhood=world.wards["a1"])  # still to come
    items = events_to_update(world.user("team_officer"))
    assert [(i.title, i.url, i.overdue, i.urgency) for i in items] == [
        ("Set the next date of Saturday Market 1", reverse("profiles:event_edit", args=[event.pk]), True, 9)
    ]
    assert len(events_to_update(world.user("inspector"))) == 1
    assert events_to_update(world.user("panel_member")) == []


def test_a_supervisor_opens_the_change_history_of_a_key_location_in_scope_only(client_for, world):
    here = KeyLocationFactory(neighbourhood=world.wards["a1"], name="Oakfield Primary School")
    elsewhere = RecurringEventFactory(neighbourhood=world.wards["b1"])
    sergeant = client_for("sergeant")
    assert reverse("pages:history", args=["key-location", here.pk]) in _profile(sergeant, world.wards["a1"])
    response = sergeant.get(reverse("pages:history", args=["key-location", here.pk]))
    assert response.status_code == 200 and "Oakfield Primary School" in html.unescape(
        response.content.decode()
    )
    assert sergeant.get(reverse("pages:history", args=["recurring-event", elsewhere.pk])).status_code == 404
    assert (
        client_for("team_officer").get(reverse("pages:history", args=["key-location", here.pk])).status_code
        == 403
    )


def test_the_team_sees_what_it_has_archived_and_why(client_for, world):
    ward = world.wards["a1"]
    KeyLocationFactory(
        neighbourhood=ward, name="Closed Pub", archived_at=timezone.now(), archived_reason="Shut in May"
    )
    page = _profile(client_for("team_officer"), ward)
    assert "Archived key locations and events (1)" in page and "Shut in May" in page
    assert "Archived key locations" not in _profile(client_for("panel_member"), ward)


def test_a_table_larger_than_an_ordinary_request_is_accepted_by_the_upload(client_for, world):
    # A force's census table runs to megabytes: over the 1 MB every other form is held to.
    lines = [
        f"{ward.code},occupation,Occupation group {n:05d},{n},ONS Census 2021 TS063 (a long source),2021"
        for ward in world.wards.values()
        for n in range(2500)
    ]
    upload = {
        "file": SimpleUploadedFile("wide.csv", (HEADER + "\n".join(lines)).encode(), content_type="text/csv")
    }
    assert upload["file"].size > 1024 * 1024
    post_form(client_for("central_unit"), reverse("profiles:demographics_upload"), upload)
    assert DemographicFigure.objects.count() == 8 * 2500
