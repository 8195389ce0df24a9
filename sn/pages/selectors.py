"""The reads behind the composed pages. The ward page is one selector, whatever panels apps add."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from sn.core.access import has_permission
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.core.registries import WARD_PANELS, WORK_ITEMS, WorkItem
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
    """Where a signed-in user starts: the page of the area they lead (the force, their borough, their
    one cluster), and their clusters and wards to choose from."""

    area_page: str | None = None
    area_label: str = ""
    clusters: list = field(default_factory=list)
    neighbourhoods: list = field(default_factory=list)


def landing_for(user) -> Landing:
    spec = ROLES.get(Role(user.role)) if user.role else None
    kind = spec.landing if spec else RoleLanding.WARDS
    if kind == RoleLanding.FORCE:
        return Landing(area_page=reverse("pages:force"), area_label="The force")
    if kind == RoleLanding.BOROUGH and user.borough_id:
        return Landing(
            area_page=reverse("pages:borough", args=[user.borough.code]), area_label=user.borough.name
        )
    scope = scope_of(user)
    landing = Landing()
    if kind == RoleLanding.CLUSTER_OR_WARDS:
        landing.clusters = list(scope.clusters().select_related("borough"))
        if len(landing.clusters) == 1:
            landing.area_page = reverse("pages:cluster", args=[landing.clusters[0].code])
            landing.area_label = landing.clusters[0].name
    landing.neighbourhoods = list(scope.neighbourhoods().select_related("borough", "team").order_by("name"))
    return landing


WORK_SHOWN = 10  # items shown per kind on the home page; the rest are counted


@dataclass
class WorkSection:
    key: str
    heading: str
    items: list[WorkItem]

    @property
    def shown(self) -> list[WorkItem]:
        return self.items[:WORK_SHOWN]

    @property
    def more(self) -> int:
        return max(len(self.items) - WORK_SHOWN, 0)

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def _worst_first(item: WorkItem) -> tuple:
    return (not item.overdue, -item.urgency, item.due or date.max, item.area, item.title)


def work_for(user) -> list[WorkSection]:
    """What needs doing, for the home page: each registered kind of work the user may see, its items
    worst first; kinds with nothing to do are left out."""
    sections = []
    for provider in WORK_ITEMS:
        if provider.permission and not has_permission(user, provider.permission):
            continue
        items = sorted(provider.build(user), key=_worst_first)
        if items:
            sections.append(WorkSection(provider.key, provider.heading, items))
    return sections


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
