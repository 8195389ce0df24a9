"""Adopting a shift pattern: only a cluster inspector or above, within their area, within the rules."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.core.models import AuditEvent
from sn.workforce.models import ShiftPattern
from sn.workforce.services.shifts import shift_pattern_adopt

EARLIES = [{"start": "07:00", "hours": 8}] * 5 + [None, None]
pytestmark = pytest.mark.django_db


def adopt(world, role="inspector", ward="a1", **overrides):
    arguments = {
        "team": world.teams[ward],
        "effective_from": timezone.localdate() + timedelta(days=7),
        "days": EARLIES,
        "actor": world.user(role),
        **overrides,
    }
    return shift_pattern_adopt(**arguments)


def test_the_cluster_inspector_adopts_a_pattern_and_it_is_audited(world):
    pattern = adopt(world)
    assert pattern.days[0] == {"start": "07:00", "hours": 8.0}
    assert pattern.adopted_by == world.user("inspector")
    event = AuditEvent.objects.get(
        content_type=ContentType.objects.get_for_model(ShiftPattern),
        object_id=str(pattern.pk),
        action=AuditEvent.Action.CREATE,
    )
    assert event.actor == world.user("inspector")


@pytest.mark.parametrize("role", ["borough_lead", "central_unit"])
def test_above_the_inspector_may_adopt(world, role):
    assert adopt(world, role=role).pk


@pytest.mark.parametrize("role", ["sergeant", "team_officer", "analyst", "panel_member", "partner"])
def test_below_the_inspector_is_refused(world, role):
    with pytest.raises(ValidationError) as refusal:
        adopt(world, role=role)
    assert refusal.value.message_dict == {
        "actor": ["Only a cluster inspector or above may adopt a change of shift."]
    }
    assert not ShiftPattern.objects.exists()


@pytest.mark.parametrize("role", ["inspector", "borough_lead"])
def test_outside_the_actors_area_is_refused(world, role):
    with pytest.raises(ValidationError, match="cluster inspector or above"):
        adopt(world, role=role, ward="b1")
    assert not ShiftPattern.objects.exists()


def test_a_breach_of_the_rules_is_refused_naming_the_day(world):
    days = [{"start": "07:00", "hours": 12}] + [None] * 6
    with pytest.raises(ValidationError) as refusal:
        adopt(world, days=days)
    assert refusal.value.message_dict["days"] == [
        "Monday: a shift of 12 hours is longer than the 10 hours allowed."
    ]
    assert not ShiftPattern.objects.exists()


def test_a_malformed_pattern_is_refused(world):
    with pytest.raises(ValidationError) as refusal:
        adopt(world, days=EARLIES[:6])
    assert "seven days" in refusal.value.message_dict["days"][0]


def test_a_date_in_the_past_or_taken_is_refused(world):
    with pytest.raises(ValidationError) as refusal:
        adopt(world, effective_from=timezone.localdate() - timedelta(days=1))
    assert "past" in refusal.value.message_dict["effective_from"][0]
    adopt(world)
    with pytest.raises(ValidationError) as refusal:
        adopt(world)
    assert "already has a shift pattern" in refusal.value.message_dict["effective_from"][0]
    with pytest.raises(ValidationError) as refusal:
        adopt(world, effective_from=date(9999, 12, 31))
    assert "within a year" in refusal.value.message_dict["effective_from"][0]
    assert ShiftPattern.objects.count() == 1
