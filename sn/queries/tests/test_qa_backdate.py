"""QA Q1: a receipt decades back is refused, and long clocks read in days."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from sn.queries import clock
from sn.queries.models import Channel, CommunityQuery
from sn.queries.services import query_log

pytestmark = pytest.mark.django_db


def _log(world, received_at):
    return query_log(
        neighbourhood=world.wards["a1"],
        channel=Channel.PHONE,
        subject="Speeding",
        text="Cars race down Mill Lane.",
        received_at=received_at,
    )


@override_settings(SN_QUERY_MAX_BACKDATE_DAYS=14)
def test_receipt_more_than_the_backdate_limit_ago_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _log(world, datetime(1990, 1, 1, tzinfo=UTC))
    assert "14 days" in error.value.message_dict["received_at"][0]
    with pytest.raises(ValidationError):
        _log(world, timezone.now() - timedelta(days=15))
    assert not CommunityQuery.objects.exists()
    assert _log(world, timezone.now() - timedelta(days=13)).pk


@override_settings(SN_QUERY_MAX_BACKDATE_DAYS=14)
def test_log_page_refuses_an_old_receipt_naming_the_field(client_for, world):
    response = client_for("team_officer").post(
        reverse("queries:new"),
        {
            "neighbourhood": world.wards["a1"].pk,
            "channel": "phone",
            "received_at": "1990-01-01T10:00",
            "sender_kind": "resident",
            "subject": "Old",
            "text": "From long ago",
        },
    )
    assert response.status_code == 400
    assert "within 14 days" in response.content.decode()
    assert not CommunityQuery.objects.exists()


@pytest.mark.parametrize(
    "hours_left, label",
    [
        (-235898, "Breached by 9829 days"),
        (-72, "Breached by 3 days"),
        (-49, "Breached by 2 days"),
        (-48, "Breached by 48 hours"),
        (-8, "Breached by 8 hours"),
        (60, "2 days 12 hours left"),
        (72, "3 days left"),
        (49, "2 days 1 hour left"),
        (30, "30 hours left"),
    ],
)
def test_long_clocks_read_in_days(hours_left, label):
    state = clock.ClockState("breached" if hours_left < 0 else "running", False, hours_left)
    assert state.label == label


def test_answered_late_by_days():
    assert clock.ClockState("breached", True, -100).label == "Answered late by 4 days"
