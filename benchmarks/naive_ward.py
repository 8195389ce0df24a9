"""The baseline for the ward page: the same template and the same data, fetched the naive way.

Every related row is read when first touched (no select_related, no batching): one query per posted
officer, per other team a sergeant leads, per neighbour's borough, and for the ward's borough, cluster
and inspector. This is the page as a first draft tends to write it, so the ratio says what the real
view's query shaping buys.

Used as a URL conf: it serves /wards/<code>/ with the naive view ahead of the project's own patterns,
so both versions are requested at the same URL, through the same middleware, by the same client.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path
from django.utils import timezone

from config import urls as project_urls
from sn.accounts.scope import scope_for
from sn.core.access import access, has_permission
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.core.registries import WARD_PANELS
from sn.geography.models import Neighbourhood
from sn.geography.permissions import VIEW_WARD
from sn.geography.selectors import feature_collection
from sn.pages.selectors import BuiltPanel, WardPage
from sn.teams.models import Rank, Team
from sn.teams.permissions import VIEW_STAFFING
from sn.teams.selectors import Staffing, policy_in_force
from sn.teams.views_helpers import RANK_ORDER


def _active(posting, today) -> bool:
    return posting.start_date <= today and (posting.end_date is None or posting.end_date >= today)


def _staffing(team: Team, neighbourhood: Neighbourhood, members: list, today) -> Staffing:
    """Staffing of one team from its members, counting each sergeant's teams with a query apiece."""
    policy = policy_in_force(on=today)
    population = neighbourhood.population
    staffing = Staffing(
        label=team.name,
        key=neighbourhood.code,
        teams=1,
        population=population or 0,
        population_source=neighbourhood.population_source,
        population_year=neighbourhood.population_year,
    )
    staffing.establishment = {r: float(n) for r, n in policy.posts_for(population).items()}
    staffing.enhanced_teams = int(population is not None and population >= policy.population_threshold)
    staffing.model_name = policy.model_name_for(population)
    staffing.population_threshold = policy.population_threshold
    for officer in members:
        if officer.rank not in staffing.strength:
            continue
        if officer.rank == Rank.SERGEANT:
            led = sum(_active(p, today) for p in officer.postings.all())
            staffing.strength[officer.rank] += 1 / led
            if led > 1:
                staffing.shared_sergeant_teams = 1
        else:
            staffing.strength[officer.rank] += 1
    return staffing


def _naive_panels(request, neighbourhood, scope, today) -> list[BuiltPanel]:
    """The registered panels, with the team, staffing and neighbours read the naive way."""
    team = Team.objects.filter(neighbourhood=neighbourhood).first()
    members, shared_sergeants = [], {}
    if team:
        # The pattern under test: iterate the postings and touch posting.officer, a query per officer.
        members = [p.officer for p in team.postings.all() if _active(p, today)]
        members.sort(key=lambda o: (RANK_ORDER.get(o.rank, 99), o.last_name, o.first_name))
        for officer in members:
            if officer.rank == Rank.SERGEANT:
                others = sorted(
                    p.team.name for p in officer.postings.all() if _active(p, today) and p.team_id != team.id
                )
                if others:
                    shared_sergeants[officer.id] = others
    neighbours = list(neighbourhood.neighbours.order_by("name"))  # each borough read by the template
    naive = {
        "team": lambda: {
            "team": team,
            "members": members,
            "shared_sergeants": shared_sergeants,
            "can_see_officer_contacts": has_permission(request.user, VIEW_STAFFING),
            "can_see_history": has_permission(request.user, VIEW_AUDIT_HISTORY),
        },
        "staffing": lambda: {"staffing": _staffing(team, neighbourhood, members, today)} if team else None,
        "neighbours": lambda: {"neighbours": [(n, scope.covers_neighbourhood(n)) for n in neighbours]},
    }
    panels = []
    for panel in WARD_PANELS:
        if panel.permission and not has_permission(request.user, panel.permission):
            continue
        build = naive.get(panel.key, lambda panel=panel: panel.build(request.user, neighbourhood))
        context = build()
        if context is not None:
            panels.append(BuiltPanel(panel.key, panel.title, panel.template, context))
    return panels, neighbours


@access(permission=VIEW_WARD)
def naive_ward_detail(request: HttpRequest, code: str) -> HttpResponse:
    today = timezone.localdate()
    neighbourhood = Neighbourhood.objects.filter(code=code).first()
    scope = scope_for(request.user)
    if neighbourhood is None or not scope.covers_neighbourhood(neighbourhood):
        raise Http404("No such neighbourhood in your area")
    panels, neighbours = _naive_panels(request, neighbourhood, scope, today)
    page = WardPage(
        neighbourhood=neighbourhood,
        ward_map=feature_collection(
            [neighbourhood], lambda a: {"name": a.name, "code": a.code, "url": "", "role": "focus"}
        ),
        neighbour_map=feature_collection(
            neighbours, lambda a: {"name": a.name, "code": a.code, "role": "neighbour"}
        ),
        can_see_history=has_permission(request.user, VIEW_AUDIT_HISTORY),
        panels=panels,
    )
    return render(
        request, "pages/ward_detail.html", {"page": page, "neighbourhood": neighbourhood, "team": page.team}
    )


urlpatterns = [
    path("wards/<str:code>/", naive_ward_detail),
    # The project's routes follow, so that {% url %} in the template and the navigation still resolve.
    path("", include(project_urls)),
]
