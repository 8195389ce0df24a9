"""Who may open the workforce pages (collected by sn/core/tests/test_access_matrix.py)."""

from sn.workforce.tests.access_rules_abstraction import ACCESS_RULES as ABSTRACTION_RULES
from sn.workforce.tests.access_rules_abstraction import DOWNLOADS as ABSTRACTION_DOWNLOADS
from sn.workforce.tests.access_rules_duties import ACCESS_RULES as DUTIES_RULES
from sn.workforce.tests.access_rules_upload import ACCESS_RULES as UPLOAD_RULES

ACCESS_RULES = {**DUTIES_RULES, **ABSTRACTION_RULES, **UPLOAD_RULES}
DOWNLOADS = {**ABSTRACTION_DOWNLOADS}
