"""Who may open the patrol pages (collected by sn/core/tests/test_access_matrix.py).

Staff of a ward read its patrol areas; PCs, PCSOs and supervisors record patrols; sergeants and above
plan and link the problem-solving cases working on an area; inspectors, borough leads and the central
unit set areas up. Areas: a1 here, a3 another ward of the cluster, a5 another cluster, b1 another
borough (tests/factories.py)."""

from datetime import date

from sn.patrols.models import PatrolPlan
from sn.patrols.tests.factories import world_areas
from sn.problemsolving.tests.factories import CaseFactory
from sn.testing.access import OFFICER_ROLES, OTHER_BOROUGH, SAME_BOROUGH, SAME_CLUSTER

RECORDERS = OFFICER_ROLES - {"analyst"}
PLANNERS = frozenset({"sergeant", "inspector", "borough_lead", "central_unit"})
CONFIGURERS = frozenset({"inspector", "borough_lead", "central_unit"})


def _area(key: str):
    return lambda w: {"pk": world_areas(w)[key].pk}


def _plan(key: str):
    def kwargs(w):
        area = world_areas(w)[key]
        plan, _ = PatrolPlan.objects.get_or_create(area=area, week_start=date(2026, 1, 5))
        return {"pk": area.pk, "plan_pk": plan.pk}

    return kwargs


def _linked_case(key: str):
    def kwargs(w):
        area = world_areas(w)[key]
        case = area.cases.first() or CaseFactory(neighbourhood=area.neighbourhood)
        area.cases.add(case)
        return {"pk": area.pk, "case_pk": case.pk}

    return kwargs


def _rule(who, make=_area):
    return (
        make("here"),
        {SAME_CLUSTER: make("cluster"), SAME_BOROUGH: make("borough"), OTHER_BOROUGH: make("other")},
        who,
    )


def _list(w):
    world_areas(w)
    return {}


ACCESS_RULES = {
    "patrols:list": (_list, None, OFFICER_ROLES),
    "patrols:new": (lambda w: {}, None, CONFIGURERS),
    "patrols:area": _rule(OFFICER_ROLES),
    "patrols:propose": _rule(PLANNERS),
    "patrols:adopt": _rule(PLANNERS, _plan),
    "patrols:record": _rule(RECORDERS),
    "patrols:link_case": _rule(PLANNERS),
    "patrols:unlink_case": _rule(PLANNERS, _linked_case),
}
