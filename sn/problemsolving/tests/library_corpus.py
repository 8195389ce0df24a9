"""Closed, assessed cases for the library's tests, written with the ORM and the case factories (no
services, so a test can make any state), then put in the library as the services would.

`FIXED_CORPUS` is a small library whose searches have one right answer, the same on SQLite and
PostgreSQL (sn/problemsolving/tests/test_library_search.py).
"""

import datetime
from dataclasses import dataclass

from sn.problemsolving.library.index import library_entry_refresh
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.models.cases import category_codes_of
from sn.problemsolving.tests.factories import (
    CaseFactory,
    InterventionFactory,
    PublicInterventionFactory,
    ResponseOptionFactory,
)

CLOSED_ON = datetime.date(2023, 9, 30)
# The shape the assessment service stores (sn.problemsolving.services.assessment), without its sentence,
# so that the library says the ratio in its own words.
FIGURES = {
    "area_before": 40,
    "area_after": 22,
    "rest_before": 400,
    "rest_after": 400,
    "ratio": 0.55,
    "ratio_unbounded": False,
    "estimate": 0.55,
    "lower": 0.33,
    "upper": 0.9,
    "p_value": 0.01,
    "confidence": 0.95,
    "significant": True,
    "direction": "down",
    "what": "Burglary",
    "area_name": "the ward",
    "rest_name": "the rest of the borough",
    "sentence": "",
    "counts_sentence": "",
    "suggested": "reduced",
    "suggested_label": "Reduced",
    "months_before": 6,
    "months_after": 6,
    "note": "",
}


def closed_case(
    ward,
    *,
    owner,
    recorded_by,
    title: str,
    statement: str,
    categories=("burglary",),
    outcome: str = Assessment.Outcome.REDUCED,
    closed_on: datetime.date = CLOSED_ON,
    option: str = "Target hardening: window locks for the worst-hit blocks",
    option_reason: str = "Most entries were through insecure rear windows",
    intervention: str = "Patrols on the estate at night",
    outcome_note: str = "Patrolled three nights a week for twelve weeks",
    public: str = "",
    evidence: str = "Burglaries fell from 40 to 22 while the borough's held steady.",
    figures: dict | None = None,
    analysis: str = "",
    stage: str = Case.Stage.CLOSED,
    assessed: bool = True,
) -> Case:
    case = CaseFactory(
        neighbourhood=ward,
        owner=owner,
        title=title,
        problem_statement=statement,
        category_codes=category_codes_of(categories),
        analysis_summary=analysis,
        period_start=datetime.date(2022, 10, 1),
        period_end=datetime.date(2023, 3, 1),
        response_started_on=datetime.date(2023, 4, 1),
        stage=stage,
        closed_on=closed_on if stage == Case.Stage.CLOSED else None,
    )
    ResponseOptionFactory(case=case, description=option, reason=option_reason, chosen=True)
    ResponseOptionFactory(case=case, description="Dispersal order", reason="Not proportionate", chosen=False)
    InterventionFactory(
        case=case,
        description=intervention,
        status="done",
        completed_on=datetime.date(2023, 7, 1),
        completed_by=recorded_by,
        outcome_note=outcome_note,
    )
    if public:
        PublicInterventionFactory(case=case, description=public, status="in_progress")
    if assessed:
        Assessment.objects.create(
            case=case,
            before_start=datetime.date(2022, 10, 1),
            before_end=datetime.date(2023, 3, 1),
            after_start=datetime.date(2023, 4, 1),
            after_end=datetime.date(2023, 9, 1),
            category_codes=case.category_codes,
            figures=figures if figures is not None else dict(FIGURES),
            outcome=outcome,
            evidence=evidence,
            recorded_by=recorded_by,
            recorded_on=closed_on,
        )
    library_entry_refresh(case=case)
    return case


@dataclass(frozen=True)
class Spec:
    key: str
    ward: str
    title: str
    statement: str
    categories: tuple[str, ...]
    outcome: str
    closed_on: datetime.date
    option: str = "Target hardening: window locks for the worst-hit blocks"
    intervention: str = "Patrols on the estate at night"
    evidence: str = "The figures fell against the rest of the borough."


R, D, N, X = (
    Assessment.Outcome.REDUCED,
    Assessment.Outcome.DISPLACED,
    Assessment.Outcome.NO_CHANGE,
    Assessment.Outcome.RESOLVED,
)

FIXED_CORPUS = (
    Spec(
        "burglary_title",
        "a1",
        "Burglary on the Elm estate",
        "A run of break-ins at ground-floor flats, mostly at night.",
        ("burglary",),
        R,
        datetime.date(2023, 6, 30),
    ),
    Spec(
        "burglary_statement",
        "a2",
        "Break-ins at the garages",
        "Residents report burglaries of lock-up garages behind the parade.",
        ("burglary",),
        X,
        datetime.date(2023, 5, 31),
    ),
    Spec(
        "burglary_body",
        "a3",
        "Sheds broken into on the allotments",
        "Tools taken from sheds on the allotments over the winter.",
        ("other-theft",),
        N,
        datetime.date(2023, 4, 30),
        intervention="Property marking events with the allotment society",
        evidence="No change; the thefts were not burglary as recorded but they moved to the next site.",
    ),
    Spec(
        "asb_park",
        "b1",
        "Youths gathering in the park",
        "Groups of youths gather by the skate park in the evenings; noise and litter.",
        ("anti-social-behaviour",),
        D,
        datetime.date(2023, 8, 31),
        option="Diversionary youth club on Friday evenings",
        intervention="Youth service outreach in the park",
    ),
    Spec(
        "vehicle",
        "b2",
        "Thefts from cars on Station Road",
        "Catalytic converters taken from parked cars overnight near the station.",
        ("vehicle-crime",),
        R,
        datetime.date(2023, 7, 31),
        option="Marking catalytic converters",
        intervention="Free converter marking days",
    ),
    Spec(
        "drugs_park",
        "b3",
        "Drug dealing by the park gates",
        "Dealing from cars by the park gates in the afternoons.",
        ("drugs", "anti-social-behaviour"),
        R,
        datetime.date(2023, 3, 31),
        option="Closure order on the flat used for dealing",
        intervention="Warrants and a closure order",
    ),
)


def build_fixed_corpus(world) -> dict[str, Case]:
    owners = {
        "a": world.officers["pc_a"],
        "b": world.officers["pc_b"],
    }
    cases = {}
    for spec in FIXED_CORPUS:
        cases[spec.key] = closed_case(
            world.wards[spec.ward],
            owner=owners[spec.ward[0]],
            recorded_by=world.users["sergeant"],
            title=spec.title,
            statement=spec.statement,
            categories=spec.categories,
            outcome=spec.outcome,
            closed_on=spec.closed_on,
            option=spec.option,
            option_reason="Chosen after the analysis",
            intervention=spec.intervention,
            outcome_note="Done as planned",
            evidence=spec.evidence,
        )
    return cases
