"""Who may call the platform API's operations (collected by sn/core/tests/test_access_matrix.py, which
also runs them with API tokens in sn/api/tests/test_token_access.py).

Each operation has the permission of the page it mirrors and that page's scope: a neighbourhood's team
and priorities for everyone who may open the ward page, cases and events and EPIC activity for police
roles, a partner's cases only where their organisation is invited, cluster, borough and force figures for
the roles that oversee them. Lists are filled in and out of scope before they are read, so that a list
naming an area out of the caller's reach fails (LISTS). locate-neighbourhood, the OpenAPI document and
the root are in the core matrix."""

from sn.activity.tests.helpers import ward_activity_setup
from sn.engagement.models import EventKind
from sn.engagement.tests.factories import EventFactory
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.tests.factories import removed_invitation_case, ward_case_setup
from sn.testing.access import (
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    FORCE_ROLES,
    OFFICER_ROLES,
    OTHER_BOROUGH,
    PUBLIC,
    SAME_BOROUGH,
    SAME_CLUSTER,
    WARD_ROLES,
    Elsewhere,
)

PARTNER = frozenset({"partner"})
WARDS = ("a1", "a3", "a5", "b1")
# The case of a1 the partner's organisation was removed from: every police role of a1 still reaches it.
REMOVED = Elsewhere("a case of the ward the partner's organisation was removed from", OFFICER_ROLES)


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _levels(kwargs):
    return {SAME_CLUSTER: kwargs("a3"), SAME_BOROUGH: kwargs("a5"), OTHER_BOROUGH: kwargs("b1")}


def _filled(setup):
    """No URL arguments, after putting `setup`'s records in a ward of each level, for a list."""

    def kwargs(w):
        for key in WARDS:
            setup(w, key)
        return {}

    return kwargs


def _event(w, key: str):
    return EventFactory(
        neighbourhood=w.wards[key],
        kind=EventKind.STREET_BRIEFING,
        title=f"Street briefing in {w.wards[key].name}",
    )


def _pk(setup, what: str | None = None):
    def of_ward(key: str):
        def kwargs(w):
            made = setup(w, key)
            return {"pk": (getattr(made, what) if what else made).pk}

        return kwargs

    return of_ward


def _object_rule(of_ward, who):
    return (of_ward("a1"), _levels(of_ward), who)


_priority = _pk(ward_panel_setup, "priority")
_case = _pk(ward_case_setup, "case")
WARD_LEVELS = _levels(_ward)
CLUSTER_LEVELS = {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}}
BOROUGH_LEVELS = {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}}


def _cluster(w):
    return {"code": "C-A"}


def _borough(w):
    return {"code": w.boroughs["a"].code}


ACCESS_RULES = {
    "api:openapi-view": (lambda w: {}, None, PUBLIC),
    "api:teams": (lambda w: {}, None, WARD_ROLES),
    "api:team": (_ward("a1"), WARD_LEVELS, WARD_ROLES),
    "api:priorities": (_filled(ward_panel_setup), None, WARD_ROLES),
    "api:priority": _object_rule(_priority, WARD_ROLES),
    "api:cases": (_filled(ward_case_setup), None, OFFICER_ROLES),
    "api:case": _object_rule(_case, OFFICER_ROLES),
    "api:partner_cases": (_filled(ward_case_setup), None, PARTNER),
    "api:partner_case": (
        _case("a1"),
        {**_levels(_case), REMOVED: lambda w: {"pk": removed_invitation_case(w).pk}},
        PARTNER,
    ),
    "api:events": (_filled(_event), None, OFFICER_ROLES),
    "api:event": _object_rule(_pk(_event), OFFICER_ROLES),
    "api:activity_records": (_filled(ward_activity_setup), None, OFFICER_ROLES),
    "api:epic_ward": (_ward("a1"), WARD_LEVELS, OFFICER_ROLES),
    "api:epic_cluster": (_cluster, CLUSTER_LEVELS, CLUSTER_ROLES),
    "api:epic_borough": (_borough, BOROUGH_LEVELS, BOROUGH_ROLES),
    "api:epic_force": (lambda w: {}, None, FORCE_ROLES),
    "api:demand_force": (lambda w: {}, None, FORCE_ROLES),
    "api:demand_borough": (_borough, BOROUGH_LEVELS, BOROUGH_ROLES),
    "api:demand_cluster": (_cluster, CLUSTER_LEVELS, CLUSTER_ROLES),
    "api:survey_borough": (_borough, BOROUGH_LEVELS, BOROUGH_ROLES),
    "api:survey_ward": (_ward("a1"), WARD_LEVELS, OFFICER_ROLES),
}
# Lists, and reports about one area, must name only areas the caller reaches.
LISTS = {  # not partner_cases: a partner reaches no area, only cases by invitation (test_api.py)
    "api:teams",
    "api:priorities",
    "api:cases",
    "api:events",
    "api:activity_records",
    "api:team",
    "api:epic_ward",
    "api:epic_cluster",
    "api:epic_borough",
    "api:demand_borough",
    "api:demand_cluster",
    "api:survey_ward",
}
