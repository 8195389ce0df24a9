"""Who may open the named officers pages (collected by sn/core/tests/test_access_matrix.py).

Staff read the force page for the wards in their scope; a borough's page lists the wards of the borough
in their scope, so every staff role of borough A opens A's page and only the central unit B's."""

from sn.testing.access import OFFICER_ROLES, OTHER_BOROUGH, BoroughWide

ACCESS_RULES = {
    "guarantee:named_officers": (lambda w: {}, None, OFFICER_ROLES),
    "guarantee:named_officers_borough": (
        lambda w: {"code": w.boroughs["a"].code},
        {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}},
        BoroughWide(OFFICER_ROLES),
    ),
}
