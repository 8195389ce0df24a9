"""Duties in what lower apps own: the header link (the sergeant's and officer's own team, the central
unit's abstraction policy) and the ward page's panel of this week's duties."""

from datetime import timedelta

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, WARD_PANELS, NavItem, Panel
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of
from sn.teams.models import Team
from sn.workforce.models import Duty
from sn.workforce.permissions import MANAGE_ABSTRACTION_POLICY, VIEW_DUTIES
from sn.workforce.selectors import week_start


def _duties_link(user) -> str | None:
    if has_permission(user, MANAGE_ABSTRACTION_POLICY):
        return reverse("workforce:abstraction_policy")
    if not has_permission(user, VIEW_DUTIES) or getattr(user, "officer_id", None) is None:
        return None
    wards = list(
        scope_of(user).neighbourhoods(Neighbourhood.objects.filter(team__isnull=False)).order_by("name")[:2]
    )
    # Only a user whose area is one or two teams has a team of their own to go to.
    return reverse("workforce:team_duties", args=[wards[0].code]) if wards else None


NAVIGATION.register(NavItem(key="duties", label="Duties", order=36, href=_duties_link))


def duties_panel(user, neighbourhood: Neighbourhood) -> dict | None:
    team = Team.objects.filter(neighbourhood=neighbourhood).first()
    if team is None or not scope_of(user).covers_neighbourhood(neighbourhood):
        return None
    monday = week_start(timezone.localdate())
    week = Duty.objects.filter(team=team, date__gte=monday, date__lte=monday + timedelta(days=6))
    rostered = week.aggregate(minutes=Sum("minutes"))["minutes"] or 0
    abstracted = week.filter(reason__isnull=False).aggregate(minutes=Sum("minutes"))["minutes"] or 0
    return {
        "team": team,
        "monday": monday,
        "rostered_hours": round(rostered / 60),
        "abstracted_hours": round(abstracted / 60),
        "link": reverse("workforce:team_duties", args=[neighbourhood.code]),
    }


WARD_PANELS.register(
    Panel(
        key="duties",
        title="Duties this week",
        order=35,
        template="workforce/duties/panel.html",
        build=duties_panel,
        permission=VIEW_DUTIES,
    )
)
