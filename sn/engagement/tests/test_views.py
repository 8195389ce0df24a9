import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sn.concerns.models import Channel, Concern
from sn.core.tests.helpers import WHOLE_FORM, post_form
from sn.engagement.models import Event, EventKind, Finding, SurveyResponse
from sn.engagement.tests.factories import EventFactory, SurveyResponseFactory, days_ago

pytestmark = pytest.mark.django_db


def test_a_pc_plans_an_event_led_by_themself(client_for, world):
    client = client_for("team_officer")
    ward = world.wards["a1"]
    day = timezone.localdate() + datetime.timedelta(days=5)
    response = post_form(
        client,
        reverse("engagement:event_new", args=[ward.code]),
        {
            "kind": EventKind.CONTACT_POINT,
            "title": "Contact point at the library",
            "starts_at": day.strftime("%d/%m/%Y"),
            "start_time": "10:00",
            "ends_at": "12:00",
            "venue": "Central Library",
            "led_by": world.officers["pc_a"].pk,
            "public": "on",
        },
    )
    event = Event.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert (event.day, timezone.localtime(event.starts_at).hour, event.public) == (day, 10, True)
    assert event.led_by == world.officers["pc_a"]


def test_a_service_refusal_comes_back_on_its_field(client_for, world):
    client = client_for("team_officer")
    ward = world.wards["a1"]
    post_form(
        client,
        reverse("engagement:event_new", args=[ward.code]),
        {
            "kind": EventKind.STREET_BRIEFING,
            "title": "Briefing",
            "starts_at": "2026-01-10",
            "start_time": "18:00",
            "latitude": "51.505",
            "longitude": "-0.185",
            "led_by_name": "Cllr Jones",
        },
        errors={"latitude": [f"That point is in {world.wards['a2'].name}"]},
    )
    assert not Event.objects.exists()


def test_the_write_up_adds_concerns_and_refuses_a_gap_between_rows(client_for, world):
    client = client_for("team_officer")
    event = EventFactory(neighbourhood=world.wards["a1"], written_up_at=None, attendance=None)
    url = reverse("engagement:event_write_up", args=[event.pk])
    post_form(
        client,
        url,
        {"attendance": "8", "concern_2_topic": "burglary", "concern_2_description": "Sheds"},
        errors={WHOLE_FORM: ["from the top"]},
    )
    post_form(client, url, {"attendance": "-3"}, errors={"attendance": ["cannot be negative"]})
    post_form(
        client,
        url,
        {
            "attendance": "8",
            "notes": "Quiet",
            "concern_1_topic": "asb-rowdy-youths",
            "concern_1_description": "Youths on bikes",
            "concern_2_topic": "burglary",
            "concern_2_description": "Sheds",
        },
    )
    event.refresh_from_db()
    assert event.attendance == 8 and event.is_written_up
    assert Concern.objects.filter(channel=Channel.ENGAGEMENT_EVENT).count() == 2


def test_a_future_event_shows_why_it_cannot_be_written_up(client_for, world):
    client = client_for("sergeant")
    event = EventFactory(neighbourhood=world.wards["a2"], starts_at=days_ago(-3), written_up_at=None)
    url = reverse("engagement:event_write_up", args=[event.pk])
    assert "has not happened yet" in client.get(url).content.decode()
    post_form(client, url, {"attendance": "4"}, errors={WHOLE_FORM: ["has not happened yet"]})


def test_a_finding_is_placed_on_the_map_and_the_form_comes_back_for_the_next(client_for, world):
    client = client_for("team_officer")
    audit = EventFactory(neighbourhood=world.wards["a1"], kind=EventKind.VISUAL_AUDIT)
    url = reverse("engagement:finding_new", args=[audit.pk])
    response = post_form(
        client,
        url,
        {
            "item": "drug_litter",
            "severity": "serious",
            "latitude": "51.506",
            "longitude": "-0.196",
            "location": "Alley",
        },
    )
    assert response["Location"] == url
    assert Finding.objects.get().concern.topic == "asb-drug-litter"
    post_form(
        client,
        url,
        {"item": "graffiti", "severity": "minor", "latitude": "51.506", "longitude": "-0.186"},
        errors={"latitude": ["That point is in"]},
    )
    assert Finding.objects.count() == 1


def test_survey_responses_one_at_a_time(client_for, world):
    client = client_for("team_officer")
    survey = EventFactory(neighbourhood=world.wards["a1"], kind=EventKind.SURVEY)
    url = reverse("engagement:response_new", args=[survey.pk])
    post_form(client, url, {"worry": "burglary", "safe_after_dark": "mostly", "times": ["weekday_evening"]})
    post_form(client, url, {"worry": ""}, errors={"safe_after_dark": ["required"]})
    assert SurveyResponse.objects.get().wants_weekday_evening


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("responses.csv", text.encode("utf-8"), content_type="text/csv")


def test_a_survey_upload_with_a_bad_line_writes_nothing_and_names_the_line(client_for, world):
    client = client_for("team_officer")
    survey = EventFactory(neighbourhood=world.wards["a1"], kind=EventKind.SURVEY)
    url = reverse("engagement:responses_upload", args=[survey.pk])
    text = (
        "worries_most,safe_after_dark,officer_times\n"
        "Burglary,yes,weekday evening\n"
        "asb-rowdy-youths,perhaps,\n"
        "nothing,don't know,weekend night;weekday daytime\n"
    )
    post_form(client, url, {"file": _csv(text)}, errors={"file": ["Line 3: safe_after_dark 'perhaps'"]})
    assert not SurveyResponse.objects.exists() and not Concern.objects.exists()
    post_form(client, url, {"file": _csv(text.replace("perhaps", "no"))})
    assert SurveyResponse.objects.count() == 3
    assert sorted(Concern.objects.values_list("topic", flat=True)) == ["asb-rowdy-youths", "burglary"]
    assert (
        SurveyResponse.objects.filter(wants_weekend_night=True, wants_weekday_day=True, worry="").count() == 1
    )


def test_a_survey_upload_without_its_columns_is_refused(client_for, world):
    client = client_for("sergeant")
    survey = EventFactory(neighbourhood=world.wards["a1"], kind=EventKind.SURVEY)
    url = reverse("engagement:responses_upload", args=[survey.pk])
    post_form(
        client, url, {"file": _csv("worry,safe\nburglary,yes\n")}, errors={"file": ["missing: worries_most"]}
    )
    latin = SimpleUploadedFile(
        "r.csv", "worries_most,safe_after_dark,officer_times\nCafé,yes,\n".encode("latin-1")
    )
    post_form(client, url, {"file": latin}, errors={"file": ["not UTF-8"]})


def test_the_ward_survey_results_sit_beside_the_borough(client_for, world):
    survey = EventFactory(neighbourhood=world.wards["a1"], kind=EventKind.SURVEY)
    for answer in ("yes", "mostly", "no", "no"):
        SurveyResponseFactory(event=survey, safe_after_dark=answer, worry="burglary")
    page = client_for("inspector").get(reverse("engagement:ward_surveys", args=[world.wards["a1"].code]))
    text = page.content.decode()
    assert "4 respondents" in text and "50%" in text
    assert "No public attitude survey results are loaded" in text


def test_the_event_list_opens_on_what_needs_writing_up(client_for, world):
    ward = world.wards["a1"]
    EventFactory(neighbourhood=ward, title="Done briefing")
    EventFactory(neighbourhood=ward, title="Forgotten briefing", written_up_at=None)
    EventFactory(neighbourhood=ward, title="Next week", starts_at=days_ago(-7), written_up_at=None)
    archived = EventFactory(neighbourhood=ward, title="Cancelled meeting", written_up_at=None)
    archived.archived_at = timezone.now()
    archived.save()
    text = client_for("sergeant").get(reverse("engagement:ward_events", args=[ward.code])).content.decode()
    assert "Forgotten briefing" in text and "Done briefing" not in text and "Cancelled meeting" not in text
    upcoming = client_for("sergeant").get(
        reverse("engagement:ward_events", args=[ward.code]) + "?show=upcoming"
    )
    assert "Next week" in upcoming.content.decode()
    assert (
        client_for("sergeant")
        .get(reverse("engagement:ward_events", args=[ward.code]) + "?show=x")
        .status_code
        == 400
    )


def test_an_archived_event_is_not_found(client_for, world):
    event = EventFactory(neighbourhood=world.wards["a1"])
    event.archived_at = timezone.now()
    event.save()
    assert client_for("sergeant").get(reverse("engagement:event", args=[event.pk])).status_code == 404


def test_a_supervisor_opens_the_change_history_of_an_event_and_a_concern_in_scope(client_for, world):
    event = EventFactory(neighbourhood=world.wards["a1"])
    elsewhere = EventFactory(neighbourhood=world.wards["b1"])
    concern = Concern.objects.create(
        neighbourhood=world.wards["a1"],
        raised_on=timezone.localdate(),
        channel="media",
        topic="burglary",
        description="x",
    )
    client = client_for("sergeant")
    assert client.get(reverse("pages:history", args=["event", event.pk])).status_code == 200
    assert client.get(reverse("pages:history", args=["concern", concern.pk])).status_code == 200
    assert client.get(reverse("pages:history", args=["event", elsewhere.pk])).status_code == 404
