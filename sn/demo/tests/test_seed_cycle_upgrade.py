"""`make demo` on a demo database built before the workforce existed adds the workforce (and the Guarantee's
records, which build on it) and nothing else, so an upgraded demo shows duties, deployments, shift cover and
supervision without a rebuild; one built before the Guarantee (issue 14) gets only the Guarantee's steps."""

import importlib

import pytest
from django.core.management import call_command

from sn.concerns.tests.factories import ConcernFactory
from sn.demo import cycle
from sn.testing.world import build_world
from sn.workforce.tests.factories import DutyFactory

pytestmark = pytest.mark.django_db

seed_cycle_command = importlib.import_module("sn.demo.management.commands.seed-cycle")


@pytest.fixture
def runs(monkeypatch):
    calls = []
    monkeypatch.setattr(
        seed_cycle_command, "seed_cycle", lambda **kwargs: calls.append(kwargs.get("steps")) or "done"
    )
    return calls


def test_a_cycle_without_the_workforce_gets_only_the_workforce_steps(runs):
    build_world()
    ConcernFactory()
    call_command("seed-cycle", "--if-empty")
    assert runs == [cycle.WORKFORCE_STEPS + cycle.GUARANTEE_STEPS]
    assert [load.__module__ for _, load in cycle.WORKFORCE_STEPS] == [
        "sn.workforce.demo",
        "sn.deployments.demo",
        "sn.rosters.demo",
        "sn.supervision.demo",
    ]


def test_a_cycle_with_the_workforce_gets_only_the_guarantee_steps(runs):
    build_world()
    ConcernFactory()
    DutyFactory()
    call_command("seed-cycle", "--if-empty")
    assert runs == [cycle.GUARANTEE_STEPS]
    assert [load.__module__ for _, load in cycle.GUARANTEE_STEPS] == [
        "sn.queries.demo",
        "sn.asb.demo",
        "sn.patrols.demo",
        "sn.guarantee.demo",
        "sn.scorecard.demo",
    ]


def test_a_cycle_with_the_guarantee_is_left_alone(runs, monkeypatch):
    build_world()
    ConcernFactory()
    DutyFactory()
    monkeypatch.setattr(seed_cycle_command, "guarantee_present", lambda: True)
    call_command("seed-cycle", "--if-empty")
    assert runs == []


def test_every_workforce_step_is_part_of_a_fresh_cycle_before_tasking():
    labels = [label for label, _ in cycle.STEPS]
    workforce = [label for label, _ in cycle.WORKFORCE_STEPS]
    first = labels.index(workforce[0])
    assert labels[first : first + len(workforce)] == workforce
    assert labels[first + len(workforce)].startswith("Borough tasking")
