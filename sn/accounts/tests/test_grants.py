"""Grants reach beyond a role: a ward lent for a period, a record invited to."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.accounts.scope import scope_for
from sn.accounts.services import access_grant_create, access_grant_revoke
from sn.core.audit import history_for
from sn.geography.permissions import NEIGHBOURHOODS
from sn.geography.rules import RecordRule, Tier
from sn.teams.models import Team

pytestmark = pytest.mark.django_db


def _fresh(user):
    user.__dict__.pop("_sn_scope", None)
    return user


def test_an_officer_lent_to_another_ward_sees_it_for_the_period_only(world):
    pc = world.user("team_officer")
    today = timezone.localdate()
    access_grant_create(
        user=pc,
        neighbourhood=world.wards["b3"],
        starts_on=today,
        ends_on=today + timedelta(days=14),
        reason="Lent to B3 for the summer fair",
        actor=world.user("borough_lead"),
    )
    assert world.wards["b3"].id in scope_for(_fresh(pc)).neighbourhood_ids
    assert NEIGHBOURHOODS.get_for_user(_fresh(pc), code=world.wards["b3"].code) == world.wards["b3"]
    assert world.wards["b3"].id not in scope_for(_fresh(pc), on=today + timedelta(days=15)).neighbourhood_ids
    assert world.wards["b3"].id not in scope_for(_fresh(pc), on=today - timedelta(days=1)).neighbourhood_ids


def test_a_revoked_grant_reaches_nothing_and_the_trail_keeps_it(world):
    pc = world.user("team_officer")
    grant = access_grant_create(user=pc, neighbourhood=world.wards["b3"], reason="Cover")
    access_grant_revoke(grant=grant, actor=world.user("central_unit"))
    assert world.wards["b3"].id not in scope_for(_fresh(pc)).neighbourhood_ids
    actions = list(history_for(grant).values_list("action", flat=True))
    assert sorted(actions) == ["create", "update"]


def test_a_partner_invited_to_one_record_reaches_that_record_only(world):
    partner = world.user("partner")
    teams = RecordRule(model=Team, neighbourhood_path="neighbourhood", view=Tier(associated="view_ward"))
    assert not teams.filter_for(partner).exists()
    access_grant_create(user=partner, record=world.teams["b2"], reason="Invited to the B2 case")
    assert list(teams.filter_for(_fresh(partner))) == [world.teams["b2"]]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"reason": "x", "ends_on": timezone.localdate() - timedelta(days=1)}, "ends_on"),
    ],
)
def test_a_grant_needs_a_reason_and_an_end_after_its_start(world, kwargs, field):
    with pytest.raises(ValidationError) as error:
        access_grant_create(user=world.user("team_officer"), neighbourhood=world.wards["b1"], **kwargs)
    assert field in error.value.message_dict


def test_a_grant_names_a_neighbourhood_or_a_record_not_both(world):
    with pytest.raises(ValidationError):
        access_grant_create(
            user=world.user("team_officer"),
            neighbourhood=world.wards["b1"],
            record=world.teams["b1"],
            reason="both",
        )
