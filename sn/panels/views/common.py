"""What the panel views share: the ward and panel behind an address, and the people a form may name."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sn.accounts.models import User
from sn.core.roles import Role
from sn.geography.models import Neighbourhood
from sn.geography.selectors import get_neighbourhood_for_user
from sn.panels.models import Panel
from sn.panels.selectors import active_panel
from sn.teams.models import Officer
from sn.teams.selectors import active_postings


def get_panel_for_user(user, code: str) -> Panel:
    """The active panel of a ward in the user's scope: 404 outside it, or where the ward has none."""
    neighbourhood = get_neighbourhood_for_user(user, code)
    panel = active_panel(neighbourhood)
    if panel is None:
        raise Http404(f"{neighbourhood.name} has no ward panel")
    panel.neighbourhood = neighbourhood
    return panel


def team_officers(neighbourhood: Neighbourhood) -> QuerySet[Officer]:
    """The officers posted to the ward's team today: who may own a priority."""
    ids = (
        active_postings(on=timezone.localdate())
        .filter(team__neighbourhood=neighbourhood)
        .values("officer_id")
    )
    return Officer.objects.live().filter(id__in=ids).order_by("rank", "last_name", "first_name")


def attending_officers(neighbourhood: Neighbourhood) -> QuerySet[Officer]:
    """Who may be recorded at a panel meeting: the team and the cluster's inspector."""
    ids = (
        active_postings(on=timezone.localdate())
        .filter(team__neighbourhood=neighbourhood)
        .values("officer_id")
    )
    inspector = Q(clusters_commanded=neighbourhood.cluster_id) if neighbourhood.cluster_id else Q(pk__in=[])
    return Officer.objects.live().filter(Q(id__in=ids) | inspector).distinct().order_by("rank", "last_name")


def panel_member_accounts(neighbourhood: Neighbourhood) -> QuerySet[User]:
    """The ward's panel member sign-ins, which a member's record may be linked to."""
    return User.objects.filter(role=Role.PANEL_MEMBER, neighbourhood=neighbourhood, is_active=True).order_by(
        "last_name", "first_name"
    )
