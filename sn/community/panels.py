"""The ward page's Key Individual Network panel (registered in sn.community.hooks): the network in
numbers for everyone who may see the figures, and the members most overdue an interview for the team
and its supervisors, who alone may see names. A fixed number of queries, however big the network."""

from django.db.models.functions import Coalesce
from django.utils import timezone

from sn.community.permissions import MANAGE_COMMUNITY, REVIEW_PERSONAL_DATA, VIEW_COMMUNITY_PERSONAL
from sn.community.selectors import active_members, due_list, ward_figures
from sn.community.standards import in_date_cutoff, interview_interval_months
from sn.core.access import has_permission
from sn.geography.models import Neighbourhood
from sn.geography.permissions import VIEW_CLUSTER_OVERVIEW
from sn.geography.scope import scope_of

OVERDUE_SHOWN = 5


def kin_panel(user, neighbourhood: Neighbourhood) -> dict | None:
    if getattr(neighbourhood, "team", None) is None:
        return None
    today = timezone.localdate()
    figures = ward_figures(neighbourhood, today=today)
    personal = has_permission(user, VIEW_COMMUNITY_PERSONAL) and scope_of(user).covers_neighbourhood(
        neighbourhood
    )
    overdue = []
    if personal:
        most_overdue = (
            active_members(neighbourhood)
            .annotate(last=Coalesce("last_interviewed_on", "joined_on"))
            .filter(last__lt=in_date_cutoff(today))
            .order_by("last", "name", "id")[:OVERDUE_SHOWN]
        )
        overdue = due_list(most_overdue, today=today)
    cluster = neighbourhood.cluster
    return {
        "figures": figures,
        "interval": interview_interval_months(),
        "personal": personal,
        "overdue": overdue,
        "can_manage": personal and has_permission(user, MANAGE_COMMUNITY),
        "can_review": personal and has_permission(user, REVIEW_PERSONAL_DATA),
        "cluster_compliance": cluster is not None
        and has_permission(user, VIEW_CLUSTER_OVERVIEW)
        and (
            scope_of(user).everything
            or cluster.id in scope_of(user).cluster_ids
            or cluster.borough_id in scope_of(user).borough_ids
        ),
    }
