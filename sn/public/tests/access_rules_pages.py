"""Who may open the public ward and borough pages and finding your ward: everyone, signed in or not.
Unknown codes are 404 for everyone (tested in test_pages.py)."""

from sn.testing.access import PUBLIC

ACCESS_RULES = {
    "public:home": (lambda w: {}, None, PUBLIC),
    "public:force_map": (lambda w: {}, None, PUBLIC),
    # Without a point, the locate page is the home page saying so (a point's redirect: test_pages.py).
    "public:locate": (lambda w: {}, None, PUBLIC),
    "public:ward": (lambda w: {"code": w.wards["a1"].code}, None, PUBLIC),
    "public:borough": (lambda w: {"code": w.boroughs["a"].code}, None, PUBLIC),
}
