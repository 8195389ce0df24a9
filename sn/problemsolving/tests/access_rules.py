"""Who may open the problem-solving pages (collected by sn/core/tests/test_access_matrix.py): one module
per part of the app, merged here."""

from sn.problemsolving.tests import access_rules_assessment, access_rules_cases, access_rules_library

ACCESS_RULES = {
    **access_rules_cases.ACCESS_RULES,
    **access_rules_assessment.ACCESS_RULES,
    **access_rules_library.ACCESS_RULES,
}
QUERY = {
    **getattr(access_rules_cases, "QUERY", {}),
    **getattr(access_rules_assessment, "QUERY", {}),
    **getattr(access_rules_library, "QUERY", {}),
}
DOWNLOADS = {
    **getattr(access_rules_cases, "DOWNLOADS", {}),
    **getattr(access_rules_assessment, "DOWNLOADS", {}),
    **getattr(access_rules_library, "DOWNLOADS", {}),
}
