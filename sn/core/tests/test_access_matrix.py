"""Every URL pattern × every role: anonymous, wrong role, right role in scope, right role out of scope.

A route without an entry in MATRIX fails the suite, so a new view cannot ship without an access rule.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from sn.testing.access import (
    ALL_ROLES,
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    FORCE_ROLES,
    NOTHING_HERE,
    PUBLIC,
    SIGNED_IN,
    SUPERVISORS,
    WARD_ROLES,
)

# name -> (kwargs in scope, kwargs out of scope or None, who may open it)
# kwargs are functions of the test world so that codes and ids are the world's own.
MATRIX = {
    "pages:home": (lambda w: {}, None, PUBLIC),
    "core:healthz": (lambda w: {}, None, PUBLIC),
    "pages:history": (
        lambda w: {"model": "neighbourhood", "pk": w.wards["a1"].pk},
        lambda w: {"model": "neighbourhood", "pk": w.wards["b1"].pk},
        SUPERVISORS,
    ),
    "accounts:login": (lambda w: {}, None, PUBLIC),
    "accounts:logout": (lambda w: {}, None, PUBLIC),
    "accounts:password_change": (lambda w: {}, None, SIGNED_IN),
    "accounts:password_change_done": (lambda w: {}, None, SIGNED_IN),
    "pages:ward": (
        lambda w: {"code": w.wards["a1"].code},
        lambda w: {"code": w.wards["b1"].code},
        WARD_ROLES,
    ),
    "pages:cluster": (lambda w: {"code": "C-A"}, lambda w: {"code": "C-B"}, CLUSTER_ROLES),
    "pages:borough": (
        lambda w: {"code": w.boroughs["a"].code},
        lambda w: {"code": w.boroughs["b"].code},
        BOROUGH_ROLES,
    ),
    "pages:force": (lambda w: {}, None, FORCE_ROLES),
    "pages:force_map": (lambda w: {}, None, FORCE_ROLES),
    "teams:force_staffing": (lambda w: {}, None, FORCE_ROLES),
    "teams:borough_staffing": (
        lambda w: {"code": w.boroughs["a"].code},
        lambda w: {"code": w.boroughs["b"].code},
        BOROUGH_ROLES,
    ),
    "teams:cluster_staffing": (lambda w: {"code": "C-A"}, lambda w: {"code": "C-B"}, CLUSTER_ROLES),
    "api:locate_neighbourhood": (lambda w: {}, None, PUBLIC),
    "api:neighbourhoods": (lambda w: {}, None, WARD_ROLES),
    "api:neighbourhood": (
        lambda w: {"code": w.wards["a1"].code},
        lambda w: {"code": w.wards["b1"].code},
        WARD_ROLES,
    ),
    "api:openapi-json": (lambda w: {}, None, PUBLIC),
    "api:api-root": (lambda w: {}, None, NOTHING_HERE),
}
QUERY = {
    "api:locate_neighbourhood": "?q=51.505,-0.195",
}


def _collect_app_rules() -> None:
    """Apps keep the rules of their own routes in sn/<app>/tests/access_rules.py: ACCESS_RULES has the
    same shape as MATRIX, QUERY (optional) the query string to add to a route's URL."""
    import importlib
    import pkgutil

    import sn

    for app in pkgutil.iter_modules(sn.__path__):
        try:
            module = importlib.import_module(f"sn.{app.name}.tests.access_rules")
        except ModuleNotFoundError:
            continue
        duplicated = MATRIX.keys() & module.ACCESS_RULES.keys()
        assert not duplicated, f"routes with two rules: {duplicated}"
        MATRIX.update(module.ACCESS_RULES)
        QUERY.update(getattr(module, "QUERY", {}))


_collect_app_rules()
# Every admin route is guarded by one rule (admin.site.has_permission: central unit only), tested below.
ADMIN_NAMESPACE = "admin"


def _walk(patterns, namespace: str = "", prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            full_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from _walk(entry.url_patterns, full_ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), prefix + str(entry.pattern)


ROUTES = list(_walk(get_resolver().url_patterns))


@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[f"{n}" for n, _ in ROUTES])
def test_every_route_has_an_access_rule(name, route):
    if name and name.split(":")[0] == ADMIN_NAMESPACE:
        return
    assert name in MATRIX, f"URL {route!r} ({name}) has no entry in the access matrix"


def _is_api(name: str) -> bool:
    return name.startswith("api:")


def _get(client, name, kwargs):
    from django.urls import reverse

    return client.get(reverse(name, kwargs=kwargs) + QUERY.get(name, ""))


CASES = [(name, role) for name in MATRIX for role in [None, *sorted(ALL_ROLES)]]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r or 'anonymous'}" for n, r in CASES])
def test_access(client_for, world, name, role):
    in_scope, out_of_scope, allowed = MATRIX[name]
    client = client_for(role)
    if name == "accounts:logout":
        response = client.post("/accounts/logout/")
        assert response.status_code == 302
        return
    response = _get(client, name, in_scope(world))
    if allowed == NOTHING_HERE:
        assert response.status_code == 404
        return
    if allowed == PUBLIC:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert role is not None, "a public page must not send anonymous visitors away"
        return
    if role is None:
        if _is_api(name):
            assert response.status_code == 401
        else:
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        return
    if allowed == SIGNED_IN or role in allowed:
        assert response.status_code == 200, f"{role} should open {name}"
        if out_of_scope is not None:
            # The central unit's scope is the whole force: borough B is in it.
            expected = 200 if role == "central_unit" else 404
            assert _get(client, name, out_of_scope(world)).status_code == expected, (
                f"{role}: {name} in borough B"
            )
    else:
        assert response.status_code == 403, f"{role} must not open {name}"


@pytest.mark.parametrize("role", [None, *sorted(ALL_ROLES)])
def test_the_admin_is_for_the_central_unit_only(client_for, role):
    client = client_for(role)
    for url in ("/admin/", "/admin/geography/neighbourhood/", "/admin/core/auditevent/"):
        response = client.get(url)
        if role == "central_unit":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302, url
            assert "/admin/login/" in response["Location"]
