"""What the assessment part of problem solving adds to pages and rules it does not own: the case page's
"analysis data" and "assessment" sections (sn.problemsolving.sections) and the sign-off gate of the
panels' priorities (sn.panels.signoff): a priority is signed off only once its case's impact is assessed.
Kept apart from hooks.py (the cases part's) so that each part registers its own."""

from sn.core.registries import Panel
from sn.panels.signoff import SIGN_OFF_PREREQUISITES, SignOffPrerequisite
from sn.problemsolving.analysis import analysis_data_context
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.sections import CASE_SECTIONS
from sn.problemsolving.services.checks import is_case_team, is_partner

NO_CASE = "This priority has no problem-solving case yet: open one, work it and assess its impact."
NOT_ASSESSED = "The problem-solving case for this priority has no assessment of its impact yet."


def case_not_assessed(priority) -> str | None:
    """Why the priority cannot be signed off for want of an assessed case, or None."""
    if Assessment.objects.filter(case__priority_id=priority.pk).exists():
        return None
    if not Case.objects.filter(priority_id=priority.pk).exists():
        return NO_CASE
    return NOT_ASSESSED


SIGN_OFF_PREREQUISITES.register(
    SignOffPrerequisite("case-assessed", "The problem-solving case is assessed", case_not_assessed)
)


# Every figure the section shows, for an assessment whose stored figures lack some (recorded by an older
# version, or written directly by a loader): shown as blank rather than failing the page.
FIGURES_SHOWN = dict.fromkeys(
    (
        "sentence", "counts_sentence", "note", "what", "months_before", "months_after", "area_name",
        "rest_name", "area_before", "area_after", "rest_before", "rest_after", "ratio", "ratio_unbounded",
        "lower", "upper", "p_value", "confidence", "significant", "suggested", "suggested_label",
    )
)  # fmt: skip
NEIGHBOUR_SHOWN = dict.fromkeys(
    ("name", "area_before", "area_after", "ratio", "p_value", "rise", "significant")
)


def analysis_data(user, case: Case) -> dict | None:
    """The incident data for the case's place and categories over the problem period and the 12 months
    before: a monthly series, the top locations and a map of the points."""
    if not case.categories:
        return None
    return analysis_data_context(case)


def assessment_section(user, case: Case) -> dict | None:
    assessment = Assessment.objects.filter(case=case).select_related("recorded_by").first()
    team = is_case_team(user, case) and not is_partner(user) and case.is_open
    if assessment is None and not team:
        return None
    return {
        "case": case,
        "assessment": assessment,
        "figures": {**FIGURES_SHOWN, **assessment.figures} if assessment else None,
        "displacement": [{**NEIGHBOUR_SHOWN, **row} for row in assessment.displacement] if assessment else [],
        "can_record": team and case.response_started_on is not None,
        "partner": is_partner(user),
        "outcomes": dict(Assessment.Outcome.choices),
    }


CASE_SECTIONS.register(
    Panel("analysis-data", "Incident data", 25, "problemsolving/_analysis_data.html", analysis_data)
)
CASE_SECTIONS.register(
    Panel("assessment", "Assessment of impact", 70, "problemsolving/_assessment.html", assessment_section)
)
