"""The ASB demo loader on the test world: it loads, flags what the threshold says, and is the same
for the same seed."""

from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.db.models import DateTimeField
from django.utils import timezone
from freezegun import freeze_time

from sn.asb.demo import asb_demo_load
from sn.asb.models import (
    AsbAction,
    AsbCase,
    AsbLead,
    AsbReport,
    CaseReview,
    OrderBreach,
    RiskAssessment,
)
from sn.asb.threshold import case_review_threshold
from sn.geography.models import Neighbourhood
from sn.rosters.models import CallForService

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


def _asb_calls(world, *offsets):
    """ASB calls in every ward received at now + each offset, in that id order (the demo's imported
    calls run into the rest of today, and the loader picks a ward's first and last call by id)."""
    now = timezone.now()
    calls = [
        CallForService(
            received_at=now + offset,
            neighbourhood=ward,
            call_type=settings.SN_ASB_CALL_TYPES[0],
            source_reference=f"t-{ward.pk}-{i}",
        )
        for ward in Neighbourhood.objects.all()
        for i, offset in enumerate(offsets)
    ]
    CallForService.objects.bulk_create(calls)


def _datetimes(now):
    for model in (AsbCase, AsbReport, RiskAssessment):
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, DateTimeField) and f.name not in ("created_at", "updated_at")
        ]
        for row in model.objects.values("pk", *fields):
            for name in fields:
                if row[name] is not None:
                    yield model.__name__, row["pk"], name, row[name]


def test_nothing_in_the_demo_is_after_now(world):
    # Early in the day, every time the loader makes up for today is still to come; and calls already
    # imported for later today must not become reports from the future.
    early = timezone.make_aware(datetime.combine(timezone.localdate(), time(0, 30)))
    with freeze_time(early):
        _asb_calls(world, timedelta(hours=9), timedelta(hours=20))
        asb_demo_load(seed=14, progress=lambda _: None)
        now = timezone.now()
        future = [row for row in _datetimes(now) if row[3] > now]
    assert future == []
    assert not CaseReview.objects.filter(held_on__gt=now.date()).exists()
    assert not OrderBreach.objects.filter(breached_on__gt=now.date()).exists()


def test_a_case_opens_at_its_first_report(world):
    # Recent calls linked as a case's first report must not make a case with older reports open today.
    _asb_calls(world, -timedelta(hours=1), -timedelta(hours=3))
    asb_demo_load(seed=14, progress=lambda _: None)
    wrong = [
        (case.pk, case.opened_at, min(r.reported_at for r in case.reports.all()))
        for case in AsbCase.objects.prefetch_related("reports")
        if case.opened_at != min(r.reported_at for r in case.reports.all())
    ]
    assert wrong == []


def test_the_demos_calls_file_turns_calls_from_known_places_into_reports(
    world, django_capture_on_commit_callbacks
):
    # Without it the demo never showed an imported call becoming a report by itself: its year of
    # generated calls has no points, and a place is known by the point of a linked call.
    _asb_calls(world, *(-timedelta(days=d) for d in (150, 120, 90, 60, 30)))
    # The linking runs once the import has committed (sn.asb.hooks).
    with django_capture_on_commit_callbacks(execute=True):
        summary = asb_demo_load(seed=14, today=timezone.localdate(), progress=lambda _: None)
    assert "ASB calls imported this morning" in summary
    morning = AsbReport.objects.filter(call__source_reference__startswith="ref:DEMO-ASB-")
    assert morning.exists()
    assert all(report.channel == "call" and report.case_id for report in morning)
    # Calls from nowhere the teams know wait on the list to link.
    assert CallForService.objects.filter(
        source_reference__startswith="ref:DEMO-ASB-", asb_reports__isnull=True
    ).exists()
