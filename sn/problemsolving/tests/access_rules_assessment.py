"""Who may open the problem-solving pages: assessment. The team (PCs, PCSOs and the sergeant) records a
case's assessment and previews its figures, on its own ward's cases only; everyone else gets 404 or is
refused by role. Invited partners read the assessment as a section of the case's page (the cases
part's routes), not here."""

from sn.problemsolving.tests.access_rules_cases import TEAM, _case_rule

ACCESS_RULES = {
    "problemsolving:assessment_record": _case_rule(TEAM),
    "problemsolving:assessment_preview": _case_rule(TEAM),
}
