"""Who may open the incidents pages (collected by sn/core/tests/test_access_matrix.py)."""

ACCESS_RULES = {
    "incidents:upload": (lambda w: {}, None, frozenset({"analyst", "central_unit"})),
}
