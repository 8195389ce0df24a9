"""Who may open the problem-solving pages: the good-practice library, force-wide for every police role
(no object, so no level of "elsewhere"; what each case shows is tested in test_library_views.py)."""

from sn.testing.access import OFFICER_ROLES

ACCESS_RULES: dict = {
    "problemsolving:library": (lambda w: {}, None, OFFICER_ROLES),
}
