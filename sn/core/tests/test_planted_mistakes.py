"""The access matrix must fail when access is wrong: each mistake below is planted in the running code
(a view, a rule, the scope resolver or a history resolver put into its mistaken form), the matrix's
cases for the route it affects are run, and at least one must fail.

These are the kinds of mistake a review found the matrix letting through: a view marked public, a view
with no scope check, ward scope widened to the borough, a download branch that skips scope, officer
history opened to any supervisor; and the neighbours of those: an inspector widened to the borough,
officer history through an ended posting, a download listing the whole force, the wrong permission.
Each test first runs the same cases on the code as it is, which must pass, so a failure is the
mistake's and not the world's.
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, URLResolver, get_resolver

from sn.accounts import scope as accounts_scope
from sn.core.access import access
from sn.core.exports import requested_format
from sn.core.registries import HISTORY_RECORDS
from sn.core.roles import ROLES, Role, ScopeKind
from sn.core.tests.test_access_matrix import declared_rule_failures, matrix_failures
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_WARD
from sn.geography.scope import Scope
from sn.geography.selectors import get_borough_for_user
from sn.teams import views as team_views
from sn.teams.models import Team
from sn.testing.world import build_wide_world


@pytest.fixture
def world(db):
    return build_wide_world()


def _pattern(name: str) -> URLPattern:
    namespace, _, short = name.rpartition(":")

    def walk(patterns, ns=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, entry.namespace or ns)
            elif entry.name == short and ns == namespace:
                yield entry

    return next(walk(get_resolver().url_patterns))


def _view(name: str) -> Callable:
    """The undecorated view of a route: what it does once its access rule has let the request in."""
    callback = _pattern(name).callback
    return getattr(callback, "__wrapped__", callback)


def _swap_view(monkeypatch, name: str, view: Callable) -> None:
    monkeypatch.setattr(_pattern(name), "callback", view)


# --- The mistakes. Each takes monkeypatch and an ExitStack, and puts one thing into its mistaken form.


def marked_public(monkeypatch, stack):
    _swap_view(monkeypatch, "teams:borough_staffing", access(public=True)(_view("teams:borough_staffing")))


def wrong_permission(monkeypatch, stack):
    view = access(permission=VIEW_WARD)(_view("teams:borough_staffing"))
    _swap_view(monkeypatch, "teams:borough_staffing", view)


def cluster_page_without_scope(monkeypatch, stack):
    monkeypatch.setattr(
        team_views, "get_cluster_for_user", lambda user, code: get_object_or_404(Cluster, code=code)
    )


def _borough_staffing(request, borough, teams):
    return team_views._staffing_page(
        request,
        title=borough.name,
        filename=f"staffing-{borough.code}",
        teams=teams,
        group_by="neighbourhood__code",
        label_field="name",
        context={"level": "borough", "borough": borough},
    )


def download_skips_scope(monkeypatch, stack):
    @access(permission=VIEW_BOROUGH_OVERVIEW)
    def borough_staffing(request, code):
        if requested_format(request):
            borough = get_object_or_404(Borough, code=code)
        else:
            borough = get_borough_for_user(request.user, code)
        return _borough_staffing(request, borough, Team.objects.filter(neighbourhood__borough=borough))

    _swap_view(monkeypatch, "teams:borough_staffing", borough_staffing)


def download_lists_the_whole_force(monkeypatch, stack):
    @access(permission=VIEW_BOROUGH_OVERVIEW)
    def borough_staffing(request, code):
        borough = get_borough_for_user(request.user, code)
        teams = Team.objects.filter(neighbourhood__borough=borough)
        return _borough_staffing(request, borough, Team.objects.all() if requested_format(request) else teams)

    _swap_view(monkeypatch, "teams:borough_staffing", borough_staffing)


def _widen(kind: ScopeKind, boroughs_of: Callable[[Scope], QuerySet]):
    """The scope resolver giving users of one kind of scope the whole borough of what they had."""

    def mistaken(monkeypatch, stack):
        role_scope = accounts_scope._role_scope

        def widened(user, on):
            scope = role_scope(user, on)
            if user.role and ROLES[Role(user.role)].scope == kind:
                return Scope(borough_ids=frozenset(boroughs_of(scope).values_list("borough_id", flat=True)))
            return scope

        monkeypatch.setattr(accounts_scope, "_role_scope", widened)

    return mistaken


ward_scope_widened_to_the_borough = _widen(
    ScopeKind.POSTED_TEAMS, lambda scope: Neighbourhood.objects.filter(id__in=scope.neighbourhood_ids)
)
inspector_scope_widened_to_the_borough = _widen(
    ScopeKind.COMMANDED_CLUSTERS, lambda scope: Cluster.objects.filter(id__in=scope.cluster_ids)
)


def _history_resolvers(stack, **resolvers) -> None:
    """The history records as registered, with the named ones finding their neighbourhoods otherwise."""
    entries = [
        replace(entry, neighbourhoods_of=resolvers[entry.key]) if entry.key in resolvers else entry
        for entry in HISTORY_RECORDS.entries()
    ]
    stack.enter_context(HISTORY_RECORDS.isolated(entries))


def _everywhere(obj):
    return Neighbourhood.objects.all()


def history_checks_scope_for_wards_only(monkeypatch, stack):
    _history_resolvers(stack, team=_everywhere, officer=_everywhere, posting=_everywhere)


def officer_history_for_any_supervisor(monkeypatch, stack):
    _history_resolvers(stack, officer=_everywhere)


def officer_history_through_any_posting_ever(monkeypatch, stack):
    _history_resolvers(
        stack, officer=lambda officer: [p.team.neighbourhood for p in officer.postings.select_related("team")]
    )


@dataclass(frozen=True)
class Mistake:
    plant: Callable
    route: str


MISTAKES = {
    "a view marked public": Mistake(marked_public, "teams:borough_staffing"),
    "a view under the wrong permission": Mistake(wrong_permission, "teams:borough_staffing"),
    "a view with no scope check": Mistake(cluster_page_without_scope, "teams:cluster_staffing"),
    "history checking scope for wards only": Mistake(history_checks_scope_for_wards_only, "pages:history"),
    "ward scope widened to the borough": Mistake(ward_scope_widened_to_the_borough, "pages:ward"),
    "inspector scope widened to the borough": Mistake(inspector_scope_widened_to_the_borough, "pages:ward"),
    "a download branch that skips scope": Mistake(download_skips_scope, "teams:borough_staffing"),
    "a download listing the whole force": Mistake(download_lists_the_whole_force, "teams:borough_staffing"),
    "officer history opened to any supervisor": Mistake(officer_history_for_any_supervisor, "pages:history"),
    "officer history through an ended posting": Mistake(
        officer_history_through_any_posting_ever, "pages:history"
    ),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_the_matrix_fails_for_a_planted_mistake(client_for, world, monkeypatch, mistake):
    route = MISTAKES[mistake].route
    assert not matrix_failures(client_for, world, route), "the matrix must pass before the mistake"
    with contextlib.ExitStack() as stack:
        MISTAKES[mistake].plant(monkeypatch, stack)
        failures = declared_rule_failures(route) + matrix_failures(client_for, world, route)
    assert failures, f"the matrix let {mistake!r} through"
