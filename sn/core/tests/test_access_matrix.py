"""Every URL pattern × every role: anonymous, wrong role, right role on an object in scope, and on
objects out of scope at every level (another ward of the cluster, another cluster of the borough,
another borough), with each download's rows checked as well as its status.

A route without an entry in MATRIX fails the suite, so a new view cannot ship without an access rule.
The matrix is itself tested against planted mistakes (test_planted_mistakes.py).
"""

import importlib
import pkgutil

import pytest

import sn
from sn.core.permissions import roles_holding
from sn.pages.permissions_doc import routes, url_routes
from sn.testing.access import (
    ALL_ROLES,
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    FORCE_ROLES,
    NOTHING_HERE,
    OTHER_BOROUGH,
    PUBLIC,
    SAME_BOROUGH,
    SAME_CLUSTER,
    SIGNED_IN,
    SUPERVISORS,
    WARD_ROLES,
    Elsewhere,
    Rule,
    levels_of,
    required_levels,
    route_failures,
    route_url,
    rules_of,
)
from sn.testing.world import build_wide_world

# An officer who served on ward a1 until 2019 and serves in borough B now: their record is no longer
# the ward's, though their old posting still is.
FORMERLY_HERE = Elsewhere("an officer who served here before and serves in another borough now", FORCE_ROLES)


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _history(model: str, find):
    return lambda w: {"model": model, "pk": find(w).pk}


def _posting(officer: str, ward: str):
    return lambda w: w.officers[officer].postings.get(team=w.teams[ward])


WARD_LEVELS = {SAME_CLUSTER: _ward("a3"), SAME_BOROUGH: _ward("a5"), OTHER_BOROUGH: _ward("b1")}
CLUSTER_LEVELS = {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}}
BOROUGH_LEVELS = {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}}

# name -> rule, or a list of rules (sn.testing.access.Rule: here, elsewhere, who[, label]).
# kwargs are functions of the test world so that codes and ids are the world's own.
MATRIX = {
    "pages:home": (lambda w: {}, None, PUBLIC),
    "core:healthz": (lambda w: {}, None, PUBLIC),
    # Open to no role but to addresses in SN_METRICS_NETWORKS (the test client's 127.0.0.1 is); a client
    # outside them gets a 404 whoever signed in (sn/ops/tests/test_metrics.py).
    "ops:metrics": (lambda w: {}, None, PUBLIC),
    "pages:history": [
        Rule(
            _history("neighbourhood", lambda w: w.wards["a1"]),
            {
                SAME_CLUSTER: _history("neighbourhood", lambda w: w.wards["a3"]),
                SAME_BOROUGH: _history("neighbourhood", lambda w: w.wards["a5"]),
                OTHER_BOROUGH: _history("neighbourhood", lambda w: w.wards["b1"]),
            },
            SUPERVISORS,
            "neighbourhood",
        ),
        Rule(
            _history("team", lambda w: w.teams["a1"]),
            {
                SAME_CLUSTER: _history("team", lambda w: w.teams["a3"]),
                SAME_BOROUGH: _history("team", lambda w: w.teams["a5"]),
                OTHER_BOROUGH: _history("team", lambda w: w.teams["b1"]),
            },
            SUPERVISORS,
            "team",
        ),
        Rule(
            _history("officer", lambda w: w.officers["pc_a"]),
            {
                SAME_CLUSTER: _history("officer", lambda w: w.officers["pc_a3"]),
                SAME_BOROUGH: _history("officer", lambda w: w.officers["pc_a5"]),
                OTHER_BOROUGH: _history("officer", lambda w: w.officers["pc_b"]),
                FORMERLY_HERE: _history("officer", lambda w: w.officers["moved"]),
            },
            SUPERVISORS,
            "officer",
        ),
        Rule(
            _history("posting", _posting("pc_a", "a1")),
            {
                SAME_CLUSTER: _history("posting", _posting("pc_a3", "a3")),
                SAME_BOROUGH: _history("posting", _posting("pc_a5", "a5")),
                OTHER_BOROUGH: _history("posting", _posting("pc_b", "b1")),
            },
            SUPERVISORS,
            "posting",
        ),
        # A posting that has ended still belongs to the ward it was on.
        Rule(
            _history("posting", _posting("moved", "a1")),
            {
                SAME_CLUSTER: _history("posting", _posting("pc_a3", "a3")),
                SAME_BOROUGH: _history("posting", _posting("pc_a5", "a5")),
                OTHER_BOROUGH: _history("posting", _posting("moved", "b2")),
            },
            SUPERVISORS,
            "ended posting",
        ),
    ],
    "accounts:login": (lambda w: {}, None, PUBLIC),
    "accounts:logout": (lambda w: {}, None, PUBLIC),
    "accounts:password_change": (lambda w: {}, None, SIGNED_IN),
    "accounts:password_change_done": (lambda w: {}, None, SIGNED_IN),
    "pages:ward": (_ward("a1"), WARD_LEVELS, WARD_ROLES),
    "pages:cluster": (lambda w: {"code": "C-A"}, CLUSTER_LEVELS, CLUSTER_ROLES),
    "pages:borough": (lambda w: {"code": w.boroughs["a"].code}, BOROUGH_LEVELS, BOROUGH_ROLES),
    "pages:force": (lambda w: {}, None, FORCE_ROLES),
    "pages:force_map": (lambda w: {}, None, FORCE_ROLES),
    "teams:force_staffing": (lambda w: {}, None, FORCE_ROLES),
    "teams:borough_staffing": (lambda w: {"code": w.boroughs["a"].code}, BOROUGH_LEVELS, BOROUGH_ROLES),
    "teams:cluster_staffing": (lambda w: {"code": "C-A"}, CLUSTER_LEVELS, CLUSTER_ROLES),
    "api:locate_neighbourhood": (lambda w: {}, None, PUBLIC),
    "api:neighbourhoods": (lambda w: {}, None, WARD_ROLES),
    "api:neighbourhood": (_ward("a1"), WARD_LEVELS, WARD_ROLES),
    "api:openapi-json": (lambda w: {}, None, PUBLIC),
    "api:api-root": (lambda w: {}, None, NOTHING_HERE),
}
QUERY = {
    "api:locate_neighbourhood": "?q=51.505,-0.195",
}
# Routes that answer ?format= with a file, and the formats: each is tried at every level, and its
# rows must name only areas the role reaches.
DOWNLOADS = {
    "teams:force_staffing": ("csv", "xlsx"),
    "teams:borough_staffing": ("csv", "xlsx"),
    "teams:cluster_staffing": ("csv", "xlsx"),
}
# Routes whose whole answer is a list of areas, which must name only areas the role reaches.
LISTS = {"api:neighbourhoods"}


def _collect_app_rules() -> None:
    """Apps keep the rules of their own routes in sn/<app>/tests/access_rules.py: ACCESS_RULES has the
    same shape as MATRIX; QUERY, DOWNLOADS and LISTS (optional) as here."""
    for app in pkgutil.iter_modules(sn.__path__):
        try:
            module = importlib.import_module(f"sn.{app.name}.tests.access_rules")
        except ModuleNotFoundError:
            continue
        duplicated = MATRIX.keys() & module.ACCESS_RULES.keys()
        assert not duplicated, f"routes with two rules: {duplicated}"
        MATRIX.update(module.ACCESS_RULES)
        QUERY.update(getattr(module, "QUERY", {}))
        DOWNLOADS.update(getattr(module, "DOWNLOADS", {}))
        LISTS.update(getattr(module, "LISTS", set()))


_collect_app_rules()
# Every admin route is guarded by one rule (admin.site.has_permission: central unit only), tested below.
ADMIN_NAMESPACE = "admin"


@pytest.fixture
def world(db):
    return build_wide_world()


ROUTES = [(name, pattern) for name, pattern, _ in url_routes()]
PATTERNS = dict(ROUTES)


@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[f"{n}" for n, _ in ROUTES])
def test_every_route_has_an_access_rule(name, route):
    if name and name.split(":")[0] == ADMIN_NAMESPACE:
        return
    assert name in MATRIX, f"URL {route!r} ({name}) has no entry in the access matrix"


def declared_rule_failures(name: str) -> list[str]:
    """Where the rule a route's view declares differs from who the matrix says may open it."""
    declared = {route.name: route.rule for route in routes()}.get(name)
    failures = []
    for rule in rules_of(MATRIX[name]):
        who = rule.who
        if who == NOTHING_HERE:
            continue
        if declared is None:
            failures.append(f"{name}: the view declares no access rule")
        elif declared.public != (who == PUBLIC):
            failures.append(f"{name}: declared public={declared.public}, the matrix says {who}")
        elif who == SIGNED_IN and declared.permission is not None:
            failures.append(f"{name}: declares {declared.permission}; the matrix says any signed-in user")
        elif isinstance(who, frozenset) and {r.value for r in roles_holding(declared.permission)} != who:
            failures.append(f"{name}: {declared.permission} is held by other roles than the matrix says")
    return failures


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_view_declares_the_rule_the_matrix_expects(name):
    assert not declared_rule_failures(name)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_a_route_about_one_object_is_tried_out_of_scope_at_every_level_its_roles_differ_at(name):
    if "<" not in PATTERNS.get(name, "") and "{" not in PATTERNS.get(name, ""):
        return
    for rule in rules_of(MATRIX[name]):
        missing = required_levels(rule.who) - set(levels_of(rule))
        assert not missing, f"{name}: no object at {[level.name for level in missing]}"


def matrix_failures(client_for, world, name: str, roles=None) -> list[str]:
    """Every failure of the matrix for one route, over its rules and the roles (all by default)."""
    failures = []
    for rule in rules_of(MATRIX[name]):
        for role in [None, *sorted(ALL_ROLES)] if roles is None else roles:
            failures += route_failures(
                client_for(role),
                world,
                name,
                rule,
                role,
                query=QUERY.get(name, ""),
                downloads=DOWNLOADS.get(name, ()),
                lists=name in LISTS,
            )
    return failures


CASES = [(name, role) for name in MATRIX for role in [None, *sorted(ALL_ROLES)]]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r or 'anonymous'}" for n, r in CASES])
def test_access(client_for, world, name, role):
    failures = matrix_failures(client_for, world, name, roles=[role])
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_download_is_in_the_matrix(client_for, world, name):
    """A route that answers ?format= with a file must be listed in DOWNLOADS, so that its rows are
    checked; the central unit reaches every object, so it sees every download there is."""
    for rule in rules_of(MATRIX[name]):
        if rule.who in (PUBLIC, NOTHING_HERE) or name == "accounts:logout":
            continue
        client = client_for("central_unit")
        for fmt in ("csv", "xlsx", "pdf"):
            response = client.get(route_url(name, rule.here(world), QUERY.get(name, ""), fmt))
            served = "attachment" in response.get("Content-Disposition", "")
            assert served == (fmt in DOWNLOADS.get(name, ())), f"{name}: ?format={fmt}"


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
