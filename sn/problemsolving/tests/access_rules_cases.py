"""Who may open the problem-solving pages: cases (collected by sn/core/tests/test_access_matrix.py).

Case pages are the police's within their scope (an inspector sees every case of the cluster); the team
keeps a case, the sergeant reviews it and invites partners. A partner reaches a case only at the
partner addresses and only while their organisation is invited: the world's partner (Borough A Council)
is invited to a1's case (sn.problemsolving.tests.factories.ward_case_setup) and to nothing elsewhere, and
a second case of a1 had its invitation removed, which every police role of a1 still reaches but the
partner does not.
"""

from sn.problemsolving.tests.factories import removed_invitation_case, ward_case_setup
from sn.testing.access import (
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    OFFICER_ROLES,
    OTHER_BOROUGH,
    SAME_BOROUGH,
    SAME_CLUSTER,
    Elsewhere,
)

TEAM = frozenset({"team_officer", "sergeant"})
SERGEANT = frozenset({"sergeant"})
PARTNER = frozenset({"partner"})
# The case of a1 the partner's organisation was removed from: every police role of a1 still reaches it.
REMOVED = Elsewhere("a case of the ward the partner's organisation was removed from", OFFICER_ROLES)


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _case(key: str):
    return lambda w: {"pk": ward_case_setup(w, key).case.pk}


def _of(what: str, key: str):
    return lambda w: {"pk": getattr(ward_case_setup(w, key), what).pk}


def _levels(kwargs):
    return {SAME_CLUSTER: kwargs("a3"), SAME_BOROUGH: kwargs("a5"), OTHER_BOROUGH: kwargs("b1")}


def _case_rule(who):
    return (_case("a1"), _levels(_case), who)


def _partner_case_rule():
    levels = {**_levels(_case), REMOVED: lambda w: {"pk": removed_invitation_case(w).pk}}
    return (_case("a1"), levels, PARTNER)


def _partner_object_rule(what: str):
    """Work of the partner's own organisation on a1's case; elsewhere, police work on uninvited cases."""
    return (_of(what, "a1"), _levels(lambda key: _of("police", key)), PARTNER)


def _option(key: str):
    return lambda w: {"pk": ward_case_setup(w, key).option.pk}


def _remove(key: str):
    def kwargs(w):
        setup = ward_case_setup(w, key)
        organisation = w.users["partner"].partner_organisation
        if setup.invitation is None:
            # Elsewhere no organisation is invited: the address must 404 whoever asks.
            return {"pk": setup.case.pk, "organisation_pk": organisation.pk}
        return {"pk": setup.case.pk, "organisation_pk": setup.invitation.organisation_id}

    return kwargs


ACCESS_RULES = {
    "problemsolving:ward_cases": (_ward("a1"), _levels(_ward), OFFICER_ROLES),
    "problemsolving:cluster_cases": (
        lambda w: {"code": "C-A"},
        {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}},
        CLUSTER_ROLES,
    ),
    "problemsolving:borough_cases": (
        lambda w: {"code": w.boroughs["a"].code},
        {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}},
        BOROUGH_ROLES,
    ),
    "problemsolving:my_cases": (lambda w: {}, None, OFFICER_ROLES),
    "problemsolving:case_open": (_ward("a1"), _levels(_ward), TEAM),
    "problemsolving:case": _case_rule(OFFICER_ROLES),
    "problemsolving:case_scanning": _case_rule(TEAM),
    "problemsolving:case_analysis": _case_rule(TEAM),
    "problemsolving:option_new": _case_rule(TEAM),
    "problemsolving:option_edit": (_option("a1"), _levels(_option), TEAM),
    "problemsolving:response_start": _case_rule(TEAM),
    "problemsolving:intervention_new": _case_rule(TEAM),
    "problemsolving:intervention_status": (_of("police", "a1"), _levels(lambda k: _of("police", k)), TEAM),
    "problemsolving:intervention_complete": (_of("police", "a1"), _levels(lambda k: _of("police", k)), TEAM),
    "problemsolving:intervention_update_new": (
        _of("police", "a1"),
        _levels(lambda k: _of("police", k)),
        TEAM,
    ),
    "problemsolving:case_update_new": _case_rule(TEAM),
    "problemsolving:case_review": _case_rule(SERGEANT),
    "problemsolving:case_invite": _case_rule(SERGEANT),
    "problemsolving:case_remove_partner": (_remove("a1"), _levels(_remove), SERGEANT),
    "problemsolving:case_close": _case_rule(TEAM),
    "problemsolving:partner_cases": (lambda w: {}, None, PARTNER),
    "problemsolving:partner_case": _partner_case_rule(),
    "problemsolving:partner_case_update_new": _partner_case_rule(),
    "problemsolving:partner_intervention_status": _partner_object_rule("partner"),
    "problemsolving:partner_intervention_complete": _partner_object_rule("partner"),
    "problemsolving:partner_intervention_update_new": _partner_object_rule("partner"),
}
DOWNLOADS = {
    "problemsolving:ward_cases": ("csv", "xlsx"),
    "problemsolving:cluster_cases": ("csv", "xlsx"),
    "problemsolving:borough_cases": ("csv", "xlsx"),
    "problemsolving:my_cases": ("csv", "xlsx"),
}
