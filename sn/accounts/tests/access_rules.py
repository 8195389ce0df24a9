from sn.testing.access import SIGNED_IN

ACCESS_RULES = {
    "accounts:api_tokens": (lambda w: {}, None, SIGNED_IN),
    "accounts:locked": (lambda w: {}, None, frozenset({"borough_lead", "central_unit"})),
    "accounts:second_factor": (lambda w: {}, None, SIGNED_IN),
    "accounts:second_factor_enrol": (lambda w: {}, None, SIGNED_IN),
    "accounts:second_factor_verify": (lambda w: {}, None, SIGNED_IN),
    "accounts:recovery_codes": (lambda w: {}, None, SIGNED_IN),
    "accounts:second_factor_people": (lambda w: {}, None, frozenset({"central_unit"})),
}
