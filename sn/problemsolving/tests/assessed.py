"""A priority whose problem-solving case is assessed: what sign-off requires since problem solving
gates it (sn.problemsolving.assessment_hooks). Tests of the panels that sign off priorities call
`assessed_case_for(priority)` in their setup; the assessment is written directly, as a factory would."""

import datetime

from django.utils import timezone

from sn.accounts.tests.factories import UserFactory
from sn.core.roles import Role
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.tests.factories import CaseFactory


def _month(day: datetime.date, back: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def assessed_case_for(priority, *, recorded_by=None, outcome: str = Assessment.Outcome.REDUCED) -> Assessment:
    """The priority's case (made when it has none, its response started six months ago) with an
    assessment comparing the six months before the response with the months since."""
    today = timezone.localdate()
    case = Case.objects.filter(priority=priority).first()
    if case is None:
        case = CaseFactory(
            priority=priority, response_started_on=_month(today, 6), stage=Case.Stage.ASSESSMENT
        )
    existing = Assessment.objects.filter(case=case).first()
    if existing is not None:
        return existing
    return Assessment.objects.create(
        case=case,
        before_start=_month(today, 12),
        before_end=_month(today, 7),
        after_start=_month(today, 6),
        after_end=_month(today, 1),
        category_codes=case.category_codes,
        figures={"sentence": "Figures made for a test."},
        displacement=[],
        outcome=outcome,
        evidence="Burglary on the estate fell after the lighting was repaired.",
        recorded_by=recorded_by or UserFactory(role=Role.SERGEANT),
        recorded_on=today,
    )
