"""Record rules: one rule trims lists and checks single objects, with "all" and "associated" tiers."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sn.geography.models import Neighbourhood
from sn.geography.permissions import NEIGHBOURHOODS, VIEW_BOROUGH_OVERVIEW, VIEW_FORCE_OVERVIEW, VIEW_WARD
from sn.geography.rules import RecordRule, Tier
from sn.teams.models import Posting

pytestmark = pytest.mark.django_db

# A rule as a later app would write one: postings read by anyone with the ward permission in scope,
# changed force-wide by the central unit and in their borough by borough leads.
POSTINGS = RecordRule(
    model=Posting,
    neighbourhood_path="team__neighbourhood",
    view=Tier(associated=VIEW_WARD),
    change=Tier(all=VIEW_FORCE_OVERVIEW, associated=VIEW_BOROUGH_OVERVIEW),
)


def _codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


@pytest.mark.parametrize(
    ("role", "codes"),
    [
        ("central_unit", {"a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"}),
        ("borough_lead", {"a1", "a2", "a3", "a4"}),
        ("sergeant", {"a1", "a2"}),
        ("panel_member", {"a1"}),
        ("partner", set()),
    ],
)
def test_the_list_and_the_single_object_agree(world, role, codes):
    user = world.user(role)
    expected = {world.wards[c].code for c in codes}
    assert _codes(NEIGHBOURHOODS.filter_for(user)) == expected
    for ward in world.wards.values():
        if ward.code in expected:
            assert NEIGHBOURHOODS.get_for_user(user, code=ward.code) == ward
        else:
            with pytest.raises(Http404):
                NEIGHBOURHOODS.get_for_user(user, code=ward.code)


def test_a_record_reached_through_a_path_is_scoped_by_its_neighbourhood(world):
    sergeant = world.user("sergeant")
    wards = set(POSTINGS.filter_for(sergeant).values_list("team__neighbourhood__code", flat=True))
    assert wards == {world.wards["a1"].code, world.wards["a2"].code}


def test_reading_is_allowed_but_changing_is_forbidden_without_the_change_tier(world):
    sergeant = world.user("sergeant")
    posting = Posting.objects.filter(team=world.teams["a1"]).first()
    assert POSTINGS.get_for_user(sergeant, pk=posting.pk) == posting
    with pytest.raises(PermissionDenied):
        POSTINGS.get_for_user(sergeant, pk=posting.pk, for_write=True)


def test_the_associated_change_tier_stops_at_the_scope_and_the_all_tier_does_not(world):
    b_posting = Posting.objects.filter(team=world.teams["b1"]).first()
    with pytest.raises(Http404):
        POSTINGS.get_for_user(world.user("borough_lead"), pk=b_posting.pk, for_write=True)
    assert POSTINGS.get_for_user(world.user("central_unit"), pk=b_posting.pk, for_write=True) == b_posting


def test_anonymous_visitors_reach_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not NEIGHBOURHOODS.filter_for(AnonymousUser()).exists()


def test_a_rule_finds_the_neighbourhoods_of_a_record(world):
    posting = Posting.objects.filter(team=world.teams["a2"]).first()
    assert POSTINGS.neighbourhoods(posting) == [world.wards["a2"]]
    assert NEIGHBOURHOODS.neighbourhoods(world.wards["a1"]) == [world.wards["a1"]]
    assert isinstance(NEIGHBOURHOODS.neighbourhoods(world.wards["a1"])[0], Neighbourhood)
