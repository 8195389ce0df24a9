"""The demo's calls: CALLS_PER_WARD a ward on average over the year ending today, shaped by the
documented profile, the same for the same seed and day, and replaced (not added to) when run again."""

from datetime import date

import pytest
from django.db.models import Count
from django.utils import timezone

from sn.rosters.demo import CALLS_PER_WARD, generated_calls, rosters_demo_load
from sn.rosters.models import CallForService

TODAY = date(2026, 12, 1)


def test_the_generator_follows_the_profile_and_is_deterministic():
    shares = {1: 3.0, 2: 1.0}
    first = generated_calls(seed=7, today=TODAY, ward_shares=shares)
    again = generated_calls(seed=7, today=TODAY, ward_shares=shares)
    assert (first["utc"] == again["utc"]).all()
    assert len(first["ward"]) <= 2 * CALLS_PER_WARD
    assert (first["ward"] == 1).sum() > 2 * (first["ward"] == 2).sum()


@pytest.mark.django_db
def test_the_demo_writes_a_year_of_calls_peaking_in_the_evening(world):
    rosters_demo_load(seed=3, today=TODAY, progress=lambda line: None)
    count = CallForService.objects.count()
    rosters_demo_load(seed=3, today=TODAY, progress=lambda line: None)
    assert CallForService.objects.count() == count
    wards = CallForService.objects.values("neighbourhood").annotate(n=Count("id"))
    assert len(wards) == len(world.wards) and count > 0.9 * CALLS_PER_WARD * len(world.wards)
    hours = [
        timezone.localtime(at).hour for at in CallForService.objects.values_list("received_at", flat=True)
    ]
    assert hours.count(21) > 3 * hours.count(4)
    last = timezone.localtime(CallForService.objects.order_by("-received_at").first().received_at).date()
    assert last <= TODAY
