from sn.testing.access import SIGNED_IN

ACCESS_RULES = {
    "accounts:api_tokens": (lambda w: {}, None, SIGNED_IN),
    "accounts:locked": (lambda w: {}, None, frozenset({"borough_lead", "central_unit"})),
}
