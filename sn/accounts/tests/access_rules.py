ACCESS_RULES = {
    "accounts:locked": (lambda w: {}, None, frozenset({"borough_lead", "central_unit"})),
}
