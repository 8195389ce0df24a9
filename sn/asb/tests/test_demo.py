"""The ASB demo loader on the test world: it loads, flags what the threshold says, and is the same
for the same seed."""

import pytest
from django.utils import timezone

from sn.asb.demo import asb_demo_load
from sn.asb.models import AsbAction, AsbCase, AsbLead
from sn.asb.threshold import case_review_threshold

pytestmark = pytest.mark.django_db


def test_the_demo_loads_and_flags_by_the_threshold(world):
    today = timezone.localdate()
    summary = asb_demo_load(seed=14, today=today, progress=lambda _: None)
    assert "ASB cases" in summary
    assert AsbLead.objects.count() == 1 and AsbAction.objects.count() == 20
    assert AsbCase.objects.filter(case_review_flagged_at__isnull=False).exists()
    for case in AsbCase.objects.prefetch_related("reports"):
        met = case_review_threshold([(r.incident_date, r.reported_at) for r in case.reports.all()])
        assert met.met == (case.case_review_flagged_at is not None)
    assert asb_demo_load(seed=14, today=today, progress=lambda _: None) == "ASB already loaded"
