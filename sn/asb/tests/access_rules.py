"""Who may open the ASB pages (collected by sn/core/tests/test_access_matrix.py).

Cases hold victims' personal data: the ward staff in scope read and record them (analysts and partners
do not), and supervisors close and reopen them.
The plan is read by partners and staff; the central unit names the lead; borough leads edit
their borough's actions, the central unit any. The world's cases (tests/factories.py): a flagged case
in a1 (here), a3 (another ward of the cluster), a5 (another cluster) and b1 (another borough).
"""

from sn.asb.tests.factories import world_actions, world_cases
from sn.testing.access import OTHER_BOROUGH, SAME_BOROUGH, SAME_CLUSTER

CASE_ROLES = frozenset({"team_officer", "sergeant", "inspector", "borough_lead", "central_unit"})
PLAN_ROLES = CASE_ROLES | {"partner", "analyst"}
PLAN_EDITORS = frozenset({"borough_lead", "central_unit"})
CLOSERS = frozenset({"sergeant", "inspector", "borough_lead", "central_unit"})


def _case(key: str):
    return lambda w: {"pk": world_cases(w)[key].pk}


def _order(key: str):
    return lambda w: {"pk": world_cases(w)[key].orders.get().pk}


def _rule(of, who):
    return (
        of("here"),
        {SAME_CLUSTER: of("cluster"), SAME_BOROUGH: of("borough"), OTHER_BOROUGH: of("other")},
        who,
    )


def _list(w):
    world_cases(w)
    return {}


def _action(key: str):
    return lambda w: {"pk": world_actions(w)[key].pk}


ACCESS_RULES = {
    "asb:cases": (_list, None, CASE_ROLES),
    "asb:case": _rule(_case, CASE_ROLES),
    "asb:case_report": _rule(_case, CASE_ROLES),
    "asb:review": _rule(_case, CASE_ROLES),
    "asb:request": _rule(_case, CASE_ROLES),
    "asb:order_new": _rule(_case, CASE_ROLES),
    "asb:breach": _rule(_order, CASE_ROLES),
    "asb:problem": _rule(_case, CASE_ROLES),
    "asb:close": _rule(_case, CLOSERS),
    "asb:reopen": _rule(_case, CLOSERS),
    "asb:calls": (_list, None, CASE_ROLES),
    "asb:report_new": (lambda w: {}, None, CASE_ROLES),
    "asb:plan": (lambda w: {}, None, PLAN_ROLES),
    "asb:lead": (lambda w: {}, None, frozenset({"central_unit"})),
    "asb:action_new": (lambda w: {}, None, PLAN_EDITORS),
    "asb:action": (_action("here"), {OTHER_BOROUGH: _action("other")}, PLAN_EDITORS),
}
LISTS = {"asb:cases"}
