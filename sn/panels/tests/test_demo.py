"""The demo's panels, built on the small test world: every team gets a panel and two years of meetings and
priorities that keep every rule the services keep, in every state, the same for the same seed, and the
demo users' homes list real work."""

import datetime
from collections import Counter

import pytest
from django.db import transaction

from sn.concerns.models import Concern
from sn.concerns.tests.factories import ConcernFactory
from sn.panels import work_items
from sn.panels.demo import panels_demo_load
from sn.panels.models import Meeting, Panel, PanelMember, Priority, Statement
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.panels.selectors import published_statements
from sn.teams.models import Team

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)


def load():
    return panels_demo_load(seed=7, today=TODAY, progress=lambda message: None)


def test_every_team_gets_a_panel_with_members_and_a_chair_on_most(world):
    summary = load()

    assert Panel.objects.count() == Team.objects.count() and "Ward panels ready" in summary
    for panel in Panel.objects.all():
        current = PanelMember.objects.filter(panel=panel, left_on__isnull=True).count()
        assert 6 <= current <= 14
        assert PanelMember.objects.filter(panel=panel, is_chair=True, left_on__isnull=True).count() <= 1
    chair = PanelMember.objects.get(user=world.user("panel_member"))
    assert chair.is_chair and chair.panel.neighbourhood == world.wards["a1"]


def test_meetings_run_every_four_to_eight_weeks_over_two_years(world):
    load()

    for panel in Panel.objects.all():
        days = [
            m.starts_at.date()
            for m in panel.meetings.filter(status=Meeting.Status.HELD).order_by("starts_at")
        ]
        assert days[0] <= TODAY - datetime.timedelta(days=365 * 2 - 36)
        gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
        assert all(13 <= gap <= 56 + 14 for gap in gaps)
    assert not Meeting.objects.filter(status=Meeting.Status.HELD, starts_at__date__gt=TODAY).exists()


def test_priorities_keep_the_rules_and_come_in_every_state(world):
    ConcernFactory(
        neighbourhood=world.wards["a1"], topic="burglary", raised_on=TODAY - datetime.timedelta(days=40)
    )
    load()

    for ward in world.wards.values():
        assert Priority.objects.filter(neighbourhood=ward, status__in=HOLDING_A_PLACE).count() <= 5
    states = Counter(Priority.objects.values_list("status", flat=True))
    assert {"active", "closed", "panel_resolved"} <= set(states)
    for priority in Priority.objects.filter(status="closed"):
        assert priority.resolved_at is not None and priority.endorsed_at is not None
        assert priority.resolved_at.status == Meeting.Status.HELD
    assert all(p.concerns.exists() for p in Priority.objects.all())
    assert not Concern.objects.filter(raised_on__gt=TODAY).exists()
    for statement in Statement.objects.filter(published_at__isnull=False):
        assert statement.status == Statement.Status.APPROVED and statement.priority.status == "closed"
    assert (
        published_statements(world.wards["a1"]).count()
        == Statement.objects.filter(
            priority__neighbourhood=world.wards["a1"], published_at__isnull=False
        ).count()
    )


def test_the_demo_users_find_their_work(world):
    load()

    assert work_items.endorsement_items(world.user("sergeant"))
    assert work_items.approval_items(world.user("sergeant"))
    assert work_items.stale_priority_items(world.user("team_officer"))
    assert work_items.panel_member_items(world.user("panel_member"))
    assert work_items.meeting_items(world.user("sergeant")) or work_items.meeting_items(
        world.user("inspector")
    )


def _fingerprint() -> list:
    return list(
        Priority.objects.order_by("id").values_list("neighbourhood__code", "topic", "status", "selected_on")
    )


class _Rollback(Exception):
    pass


def test_the_same_seed_builds_the_same_panels(world):
    runs = []
    for _ in range(2):
        try:
            with transaction.atomic():
                load()
                runs.append(_fingerprint())
                raise _Rollback
        except _Rollback:
            pass
    assert runs[0] == runs[1] and runs[0]
