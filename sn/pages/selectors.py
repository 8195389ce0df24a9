"""The reads behind the composed pages. The ward page is one selector, whatever panels apps add."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from sn.core.access import has_permission
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.core.registries import WARD_PANELS
from sn.core.roles import ROLES, Role
from sn.core.roles import Landing as RoleLanding
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.geography.permissions import (
    VIEW_BOROUGH_OVERVIEW,
    VIEW_CLUSTER_OVERVIEW,
    VIEW_WARD,
    get_neighbourhood_for_user,
)
from sn.geography.scope import scope_of
from sn.geography.selectors import feature_collection


@dataclass
class BuiltPanel:
    key: str
    title: str
    template: str
    context: dict


@dataclass
class WardPage:
    neighbourhood: Neighbourhood
    ward_map: str
    neighbour_map: str
    can_see_history: bool
    panels: list[BuiltPanel] = field(default_factory=list)

    @property
    def team(self):
        return getattr(self.neighbourhood, "team", None)


def ward_page(user, code: str) -> WardPage:
    """The internal ward page of a neighbourhood in the user's scope (404 outside it): its header and
    every registered panel the user may see, each given the same neighbourhood."""
    neighbourhood = get_neighbourhood_for_user(user, code)
    prefetch_related_objects(
        [neighbourhood],
        Prefetch("neighbours", queryset=Neighbourhood.objects.select_related("borough").order_by("name")),
    )
    neighbours = list(neighbourhood.neighbours.all())
    page = WardPage(
        neighbourhood=neighbourhood,
        ward_map=feature_collection(
            [neighbourhood], lambda a: {"name": a.name, "code": a.code, "url": "", "role": "focus"}
        ),
        neighbour_map=feature_collection(
            neighbours, lambda a: {"name": a.name, "code": a.code, "role": "neighbour"}
        ),
        can_see_history=has_permission(user, VIEW_AUDIT_HISTORY),
    )
    for panel in WARD_PANELS:
        if panel.permission and not has_permission(user, panel.permission):
            continue
        context = panel.build(user, neighbourhood)
        if context is not None:
            page.panels.append(BuiltPanel(panel.key, panel.title, panel.template, context))
    return page


@dataclass
class Landing:
    """Where a signed-in user starts: a page to go to, or their clusters and wards to choose from."""

    redirect_to: str | None = None
    clusters: list = field(default_factory=list)
    neighbourhoods: list = field(default_factory=list)


def landing_for(user) -> Landing:
    spec = ROLES.get(Role(user.role)) if user.role else None
    kind = spec.landing if spec else RoleLanding.WARDS
    if kind == RoleLanding.FORCE:
        return Landing(redirect_to=reverse("pages:force"))
    if kind == RoleLanding.BOROUGH and user.borough_id:
        return Landing(redirect_to=reverse("pages:borough", args=[user.borough.code]))
    scope = scope_of(user)
    clusters = []
    if kind == RoleLanding.CLUSTER_OR_WARDS:
        clusters = list(scope.clusters().select_related("borough"))
        if len(clusters) == 1:
            return Landing(redirect_to=reverse("pages:cluster", args=[clusters[0].code]))
    neighbourhoods = list(scope.neighbourhoods().select_related("borough", "team").order_by("name"))
    return Landing(clusters=clusters, neighbourhoods=neighbourhoods)


@dataclass(frozen=True)
class Crumb:
    label: str
    href: str = ""  # empty: shown for orientation, not a link (the user may not open that page)


def trail(user, area: Borough | Cluster | Neighbourhood | None = None) -> list[Crumb]:
    """Breadcrumbs from Home down to `area`: its borough, cluster and ward, each a link when the user
    may open that page, plain text when not (a PC's ward page still says which borough it is in)."""
    crumbs = [Crumb("Home", reverse("pages:home"))]
    if area is None:
        return crumbs
    scope = scope_of(user)
    borough = area if isinstance(area, Borough) else area.borough
    borough_open = has_permission(user, VIEW_BOROUGH_OVERVIEW) and (
        scope.everything or borough.id in scope.borough_ids
    )
    crumbs.append(Crumb(borough.name, reverse("pages:borough", args=[borough.code]) if borough_open else ""))
    cluster = area if isinstance(area, Cluster) else getattr(area, "cluster", None)
    if cluster is not None:
        cluster_open = has_permission(user, VIEW_CLUSTER_OVERVIEW) and (
            scope.everything or cluster.id in scope.cluster_ids or cluster.borough_id in scope.borough_ids
        )
        href = reverse("pages:cluster", args=[cluster.code]) if cluster_open else ""
        crumbs.append(Crumb(cluster.name, href))
    if isinstance(area, Neighbourhood):
        ward_open = has_permission(user, VIEW_WARD) and scope.covers_neighbourhood(area)
        crumbs.append(Crumb(area.name, reverse("pages:ward", args=[area.code]) if ward_open else ""))
    return crumbs
