"""Recomputing neighbours is kept in the audit trail: each ward's new and lost neighbours, by whom."""

import pytest

from sn.core.audit import history_for
from sn.core.models import AuditEvent
from sn.geography.geometry import to_geojson
from sn.geography.services import neighbours_recompute
from sn.geography.tests.factories import square

pytestmark = pytest.mark.django_db


def _move(ward, col: int, row: int = 0) -> None:
    ward.boundary = to_geojson(square(col, row))
    ward.save()


def test_a_ward_that_loses_a_neighbour_has_it_in_its_history_with_who_recomputed(world):
    a4, b1 = world.wards["a4"], world.wards["b1"]
    _move(b1, 40, 40)
    neighbours_recompute(actor=world.user("central_unit"))
    for ward, lost in ((a4, [b1]), (b1, [a4, world.wards["b2"]])):
        event = history_for(ward).filter(action=AuditEvent.Action.UNLINK).get()
        assert event.changes == {"neighbours": {"ids": sorted(n.pk for n in lost)}}
        assert event.actor_label == "central_unit"


def test_a_ward_that_gains_a_neighbour_has_it_in_its_history(world):
    a1, b4 = world.wards["a1"], world.wards["b4"]
    _move(b4, 0, 1)  # above a1
    neighbours_recompute()
    event = history_for(a1).filter(action=AuditEvent.Action.LINK).first()
    assert event.changes == {"neighbours": {"ids": [b4.pk]}}
    assert set(a1.neighbours.all()) == {world.wards["a2"], b4}


def test_recomputing_unchanged_neighbours_writes_nothing(world):
    before = AuditEvent.objects.count()
    neighbours_recompute()
    assert AuditEvent.objects.count() == before
