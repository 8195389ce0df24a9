"""Who may open the engagement pages (collected by sn/core/tests/test_access_matrix.py).

Events are the team's working record: officers over the ward read them, the team plans and writes them
up; panel members do not see them here (public events reach them through the public pages)."""

from sn.engagement.models import EventKind
from sn.engagement.tests.factories import EventFactory
from sn.testing.access import OFFICER_ROLES, OTHER_BOROUGH, SAME_BOROUGH, SAME_CLUSTER

TEAM = frozenset({"team_officer", "sergeant"})


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _event(key: str, kind: str = EventKind.STREET_BRIEFING):
    return lambda w: {"pk": EventFactory(neighbourhood=w.wards[key], kind=kind).pk}


def _levels(kind: str = EventKind.STREET_BRIEFING) -> dict:
    return {
        SAME_CLUSTER: _event("a3", kind),
        SAME_BOROUGH: _event("a5", kind),
        OTHER_BOROUGH: _event("b1", kind),
    }


WARD_LEVELS = {SAME_CLUSTER: _ward("a3"), SAME_BOROUGH: _ward("a5"), OTHER_BOROUGH: _ward("b1")}

ACCESS_RULES = {
    "engagement:ward_events": (_ward("a1"), WARD_LEVELS, OFFICER_ROLES),
    "engagement:event_new": (_ward("a1"), WARD_LEVELS, TEAM),
    "engagement:ward_surveys": (_ward("a1"), WARD_LEVELS, OFFICER_ROLES),
    "engagement:event": (_event("a1"), _levels(), OFFICER_ROLES),
    "engagement:event_edit": (_event("a1"), _levels(), TEAM),
    "engagement:event_write_up": (_event("a1"), _levels(), TEAM),
    "engagement:event_archive": (_event("a1"), _levels(), TEAM),
    "engagement:event_concern_new": (_event("a1"), _levels(), TEAM),
    "engagement:finding_new": (_event("a1", EventKind.VISUAL_AUDIT), _levels(EventKind.VISUAL_AUDIT), TEAM),
    "engagement:response_new": (_event("a1", EventKind.SURVEY), _levels(EventKind.SURVEY), TEAM),
    "engagement:responses_upload": (_event("a1", EventKind.SURVEY), _levels(EventKind.SURVEY), TEAM),
}
