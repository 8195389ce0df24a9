"""Who may open the ward profile's pages (collected by sn/core/tests/test_access_matrix.py).

Key locations and recurring events are made on demand in the ward each rule names, so the matrix's
world needs nothing of this app's."""

from sn.core.roles import Role
from sn.profiles.models import KeyLocation, RecurringEvent
from sn.profiles.tests.factories import KeyLocationFactory, RecurringEventFactory
from sn.testing.access import (
    OTHER_BOROUGH,
    SAME_BOROUGH,
    SAME_CLUSTER,
    WARD_ROLES,
)

RECORDERS = frozenset({Role.TEAM_OFFICER.value, Role.SERGEANT.value, Role.INSPECTOR.value})
IMPORTERS = frozenset({Role.ANALYST.value, Role.CENTRAL_UNIT.value})


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _record(factory, model, key: str):
    def kwargs(world) -> dict:
        ward = world.wards[key]
        record = model.objects.filter(neighbourhood=ward).first() or factory(neighbourhood=ward)
        return {"pk": record.pk}

    return kwargs


def _levels(make):
    return {SAME_CLUSTER: make("a3"), SAME_BOROUGH: make("a5"), OTHER_BOROUGH: make("b1")}


def _location(key: str):
    return _record(KeyLocationFactory, KeyLocation, key)


def _event(key: str):
    return _record(RecurringEventFactory, RecurringEvent, key)


ACCESS_RULES = {
    "profiles:ward_profile": (_ward("a1"), _levels(_ward), WARD_ROLES),
    "profiles:location_new": (_ward("a1"), _levels(_ward), RECORDERS),
    "profiles:location_edit": (_location("a1"), _levels(_location), RECORDERS),
    "profiles:location_archive": (_location("a1"), _levels(_location), RECORDERS),
    "profiles:event_new": (_ward("a1"), _levels(_ward), RECORDERS),
    "profiles:event_edit": (_event("a1"), _levels(_event), RECORDERS),
    "profiles:event_archive": (_event("a1"), _levels(_event), RECORDERS),
    "profiles:demographics_upload": (lambda w: {}, None, IMPORTERS),
}
DOWNLOADS = {"profiles:ward_profile": ("csv", "xlsx")}
