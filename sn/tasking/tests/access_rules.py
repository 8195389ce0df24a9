"""Who may open the tasking pages (collected by sn/core/tests/test_access_matrix.py).

A meeting, its pack and the bids are the whole borough's: every role that reaches the borough (its
sergeants and inspectors too) reads them, so the only "elsewhere" is another borough (BoroughWide).
Keeping meetings and deciding bids is the borough lead's and the central unit's; assembling a pack the
analyst's as well; raising a bid is for a ward in the sergeant's or inspector's own scope.
"""

from sn.tasking.tests.helpers import tasking_setup
from sn.testing.access import OTHER_BOROUGH, SAME_BOROUGH, SAME_CLUSTER, BoroughWide

READERS = BoroughWide({"sergeant", "inspector", "analyst", "borough_lead", "central_unit"})
KEEPERS = frozenset({"borough_lead", "central_unit"})
PREPARERS = frozenset({"analyst", "borough_lead", "central_unit"})
BIDDERS = frozenset({"sergeant", "inspector"})


def _of(what: str, letter: str):
    return lambda w: {"pk": getattr(tasking_setup(w, letter), what).pk}


def _rule(what: str, who):
    return (_of(what, "a"), {OTHER_BOROUGH: _of(what, "b")}, who)


def _borough(letter: str):
    return lambda w: {"code": w.boroughs[letter].code}


def _follow_up(letter: str):
    return lambda w: {
        "pk": tasking_setup(w, letter).meeting.pk,
        "action_pk": tasking_setup(w, letter).action.pk,
    }


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


ACCESS_RULES = {
    "tasking:index": (lambda w: {}, None, READERS),
    "tasking:borough": (_borough("a"), {OTHER_BOROUGH: _borough("b")}, READERS),
    "tasking:meeting_new": (_borough("a"), {OTHER_BOROUGH: _borough("b")}, KEEPERS),
    "tasking:meeting": _rule("meeting", READERS),
    "tasking:meeting_edit": _rule("meeting", KEEPERS),
    "tasking:guest_new": _rule("meeting", KEEPERS),
    "tasking:decision_new": _rule("meeting", KEEPERS),
    "tasking:action_new": _rule("meeting", KEEPERS),
    "tasking:follow_up": (_follow_up("a"), {OTHER_BOROUGH: _follow_up("b")}, KEEPERS),
    "tasking:pack": _rule("meeting", READERS),
    "tasking:pack_prepare": _rule("meeting", PREPARERS),
    "tasking:bid_new": (
        _ward("a1"),
        {SAME_CLUSTER: _ward("a3"), SAME_BOROUGH: _ward("a5"), OTHER_BOROUGH: _ward("b1")},
        BIDDERS,
    ),
    "tasking:bid": _rule("bid", READERS),
    "tasking:bid_decide": _rule("bid", KEEPERS),
}
