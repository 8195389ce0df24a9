"""Registries that lower apps own and higher apps fill; tests see an isolated copy."""

from dataclasses import dataclass

import pytest

from sn.core.registries import ALL_REGISTRIES, HISTORY_RECORDS, NAVIGATION, REPORT_SECTIONS, WARD_PANELS
from sn.core.registry import Registry


@dataclass(frozen=True)
class Item:
    key: str
    order: int = 0


def test_entries_come_back_in_their_order():
    registry = Registry("things", key=lambda e: e.key, order=lambda e: e.order)
    with registry.isolated():
        registry.register(Item("late", 20))
        registry.register(Item("early", 10))
        assert registry.keys() == ["early", "late"]


def test_a_key_cannot_be_registered_twice():
    registry = Registry("things", key=lambda e: e.key)
    with registry.isolated():
        registry.register(Item("a"))
        with pytest.raises(ValueError, match="registered twice"):
            registry.register(Item("a", 5))


def test_an_isolated_block_leaves_the_registry_as_it_was():
    before = WARD_PANELS.keys()
    with WARD_PANELS.isolated() as panels:
        assert len(panels) == 0
        panels.register(Item("temporary"))
        assert "temporary" in WARD_PANELS
    assert WARD_PANELS.keys() == before
    assert "temporary" not in WARD_PANELS


def test_an_isolated_block_can_start_from_the_real_entries():
    with REPORT_SECTIONS.isolated(REPORT_SECTIONS.entries()) as sections:
        sections.register(Item("extra", 99))
        assert sections.keys()[-1] == "extra"
    assert "extra" not in REPORT_SECTIONS


def test_the_apps_fill_the_registries_when_django_starts():
    assert REPORT_SECTIONS.keys() == [
        "staffing",
        "crime",
        "demand",
        "concerns",
        "survey",
        "engagement",
        "epic",
        "abstraction",
    ]
    assert {"team", "staffing", "neighbours", "crime_links", "report_links"} <= set(WARD_PANELS.keys())
    cycle = {"concern", "event", "kinmember", "priority"}
    assert {"neighbourhood", "team", "posting", "officer", *cycle} <= set(HISTORY_RECORDS.keys())
    assert NAVIGATION.keys()[0] == "home"
    assert all(len(registry.keys()) == len(set(registry.keys())) for registry in ALL_REGISTRIES)
