"""Who may open the feedback pages (collected by sn/core/tests/test_access_matrix.py).

The form and its confirmation are public. The queue and a message are for the handlers (sergeants on
their teams' wards, inspectors on their cluster, the borough lead on the borough, the central unit
everywhere) and for analysts (their borough, reading without the senders' details); the handling pages
are the handlers' only. Messages about a whole borough and conduct complaints, which reach fewer people,
are tested in test_access.py: the matrix's levels are wards.
"""

from sn.feedback.tests.factories import world_messages
from sn.testing.access import OTHER_BOROUGH, PUBLIC, SAME_BOROUGH, SAME_CLUSTER

HANDLERS = frozenset({"sergeant", "inspector", "borough_lead", "central_unit"})
READERS = HANDLERS | {"analyst"}


def _message(key: str):
    return lambda w: {"reference": world_messages(w)[key].reference}


def _rule(who):
    return (
        _message("a1"),
        {SAME_CLUSTER: _message("a3"), SAME_BOROUGH: _message("a5"), OTHER_BOROUGH: _message("b1")},
        who,
    )


def _queue(w):
    world_messages(w)
    return {}


ACCESS_RULES = {
    "feedback:give": (lambda w: {}, None, PUBLIC),
    "feedback:sent": (lambda w: {}, None, PUBLIC),
    "feedback:queue": (_queue, None, READERS),
    "feedback:message": _rule(READERS),
    "feedback:triage": _rule(HANDLERS),
    "feedback:reply": _rule(HANDLERS),
    "feedback:close": _rule(HANDLERS),
}
# The queue lists messages from every ward of the world: it must name only the wards the role reaches.
LISTS = {"feedback:queue"}
