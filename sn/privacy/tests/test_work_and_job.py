"""The retention review on home pages (to the people responsible, counted by area), as a job kind queued
daily by `sn worker`, and as `sn retention-review`."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from sn.core.registries import WORK_ITEMS
from sn.jobs.registry import JOB_KINDS, PERIODIC_JOBS
from sn.privacy.hooks import RETENTION_REVIEW
from sn.privacy.models import ReviewItem
from sn.privacy.services import retention_review_run
from sn.privacy.tests.helpers import closed_message, days_ago, member_with_answers, months_ago, panel_in


@pytest.fixture(autouse=True)
def retention(settings):
    settings.SN_RETENTION = {
        "kin_member": {"months": 24},
        "contact": {"months": 24},
        "feedback_sender": {"days": 365},
        "diversity_answers": {"months": 12},
        "query_sender": {"days": 365},
        "asb_victim": {"months": 24},
    }


@pytest.fixture
def due(world):
    closed_message(world, on=days_ago(400), ward="a1")
    closed_message(world, on=days_ago(380), ward="a1")
    closed_message(world, on=days_ago(400), ward="b1")
    member_with_answers(panel_in(world, "a1"), left_on=months_ago(13))
    retention_review_run()


def _items(world, role: str, key: str):
    provider = WORK_ITEMS.get(key)
    return provider.build(world.user(role))


def test_feedback_due_is_on_the_home_page_of_who_handles_it(world, due):
    [item] = _items(world, "sergeant", "retention_feedback")
    assert item.title.startswith("Erase or keep 2 feedback senders' details closed over 365 days ago")
    assert item.area == world.wards["a1"].name and "area=" in item.url
    assert WORK_ITEMS.get("retention_feedback").permission == "handle_feedback"
    assert len(_items(world, "central_unit", "retention_feedback")) == 2  # a1 and b1


def test_diversity_answers_due_are_on_the_home_page_of_who_keeps_the_panel(world, due):
    [item] = _items(world, "team_officer", "retention_diversity")
    assert "1 panel member's diversity answers" in item.title
    assert WORK_ITEMS.get("retention_diversity").permission == "manage_ward_panel"
    assert _items(world, "borough_lead", "retention_diversity") == []


def test_the_home_page_shows_the_items(client_for, due):
    page = client_for("sergeant").get(reverse("pages:home")).content.decode()
    assert (
        "feedback senders&#x27; details closed over 365 days ago" in page
        or "feedback senders' details" in page
    )


def test_the_review_is_a_job_kind_queued_daily(world):
    kind = JOB_KINDS.get(RETENTION_REVIEW)
    assert kind is not None and kind.permission == "run_retention_review"
    assert PERIODIC_JOBS.get(RETENTION_REVIEW).every_hours == 24


def test_running_the_job_lists_what_is_due(world):
    from sn.jobs.services import job_enqueue

    closed_message(world, on=days_ago(400))
    job = job_enqueue(kind=RETENTION_REVIEW, title="Retention review", actor=world.user("central_unit"))
    job.refresh_from_db()
    assert job.status == "succeeded", (job.summary, job.errors)
    assert "1 feedback senders' details due a review (1 new)" in job.summary
    assert ReviewItem.objects.filter(status=ReviewItem.Status.OPEN).count() == 1


def test_the_command_runs_the_same_review(world):
    closed_message(world, on=days_ago(400))
    out = io.StringIO()
    call_command("retention-review", stdout=out)
    assert "1 feedback senders' details due a review (1 new)" in out.getvalue()
    assert ReviewItem.objects.count() == 1


def test_a_misconfigured_period_is_refused_naming_the_kind(settings):
    from sn.privacy.checks import retention_periods

    settings.SN_RETENTION = {
        "kin_member": {"months": 24},
        "contact": {"weeks": 3},
        "feedback_sender": {"days": 0},
    }
    messages = [error.msg for error in retention_periods(None)]
    assert "SN_RETENTION['contact'] must give either 'months' or 'days'." in messages
    assert any("['feedback_sender']['days'] must be a whole number" in m for m in messages)
    assert any("diversity_answers" in m for m in messages)
