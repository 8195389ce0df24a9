"""Who may open the duty file upload (collected through access_rules.py by the access matrix)."""

ACCESS_RULES = {
    "workforce:duties_upload": (lambda w: {}, None, frozenset({"sergeant", "central_unit"})),
}
