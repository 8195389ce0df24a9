"""Who may open the public crime map, its points and its explanation: everyone, signed in or not. The
map and its points are asked for a ward of the test world (a1, code E05900000); unknown codes are 404
for everyone (test_crime_map.py)."""

from sn.testing.access import PUBLIC

ACCESS_RULES = {
    "public:crime_map": (lambda w: {}, None, PUBLIC),
    "public:crime_map_points": (lambda w: {}, None, PUBLIC),
    "public:crime_map_about": (lambda w: {}, None, PUBLIC),
}
QUERY = {
    "public:crime_map": "?ward=E05900000",
    "public:crime_map_points": "?ward=E05900000",
}
