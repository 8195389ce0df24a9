"""What queries guards (docs/permissions.md is generated from these declarations).

Handlers (the team, its sergeant and inspector, the borough lead, the central unit) log, read, answer,
assign and close the queries of the wards in their scope; analysts read compliance. Panel members and
partners see nothing: a query holds its sender's personal details.
"""

from django.db.models import QuerySet
from django.http import Http404

from sn.core.access import has_permission
from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.scope import scope_of
from sn.queries.models import CommunityQuery

HANDLE_QUERIES = declare(
    "handle_community_queries",
    "Log, read, answer, assign and close the community queries of the wards in their area (the "
    "Guarantee's 72-hour clock)",
    app="queries",
    roles={Role.TEAM_OFFICER, Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
VIEW_QUERY_COMPLIANCE = declare(
    "view_query_compliance",
    "See the share of community queries answered within the clock, by ward, team and channel",
    app="queries",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)


def queries_for_user(user, queryset: QuerySet | None = None) -> QuerySet[CommunityQuery]:
    queryset = CommunityQuery.objects.all() if queryset is None else queryset
    if not has_permission(user, HANDLE_QUERIES):
        return queryset.none()
    return queryset.filter(scope_of(user).neighbourhood_q("neighbourhood"))


def get_query_for_user(user, reference: str) -> CommunityQuery:
    query = (
        queries_for_user(user, CommunityQuery.objects.select_related("neighbourhood__cluster", "team"))
        .filter(reference=reference)
        .first()
    )
    if query is None:
        raise Http404("No such query in your area")
    return query
