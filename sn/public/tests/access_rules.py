"""Who may open the public pages (collected by sn/core/tests/test_access_matrix.py): one module per
part of the app, merged here."""

from sn.public.tests import access_rules_crime_map, access_rules_pages

ACCESS_RULES = {**access_rules_pages.ACCESS_RULES, **access_rules_crime_map.ACCESS_RULES}
QUERY = {**getattr(access_rules_pages, "QUERY", {}), **getattr(access_rules_crime_map, "QUERY", {})}
DOWNLOADS = {
    **getattr(access_rules_pages, "DOWNLOADS", {}),
    **getattr(access_rules_crime_map, "DOWNLOADS", {}),
}
