"""What the assessment part of problem solving adds to pages and rules it does not own: the case page's
"analysis data" and "assessment" sections (sn.problemsolving.sections) and the sign-off gate of the
panels' priorities (sn.panels.signoff): a priority is signed off only once its case's impact is assessed.
Kept apart from hooks.py (the cases part's) so that each part registers its own."""

from sn.panels.signoff import SIGN_OFF_PREREQUISITES, SignOffPrerequisite
from sn.problemsolving.models import Assessment, Case

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
