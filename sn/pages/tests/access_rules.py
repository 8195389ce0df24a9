"""Who may open the pages app's routes beyond the core matrix (collected by
sn/core/tests/test_access_matrix.py)."""

from sn.testing.access import PUBLIC

ACCESS_RULES = {
    "pages:accessibility": (lambda w: {}, None, PUBLIC),
    "pages:privacy": (lambda w: {}, None, PUBLIC),
}
