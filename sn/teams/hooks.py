"""What teams adds to pages, reports and resolvers that lower apps own (imported in TeamsConfig.ready())."""

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from sn.core.access import has_permission
from sn.core.registries import (
    HISTORY_RECORDS,
    NAVIGATION,
    REPORT_SECTIONS,
    WARD_PANELS,
    HistoryRecord,
    NavItem,
    Panel,
    ReportSectionProvider,
)
from sn.geography.models import Neighbourhood
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.teams import panels
from sn.teams.models import Officer, Posting, Team
from sn.teams.permissions import VIEW_STAFFING
from sn.teams.report_sections import staffing_section
from sn.teams.selectors import active_postings


def _staffing_link(user) -> str | None:
    if has_permission(user, VIEW_FORCE_OVERVIEW):
        return reverse("teams:force_staffing")
    if has_permission(user, VIEW_BOROUGH_OVERVIEW) and user.borough_id:
        return reverse("teams:borough_staffing", args=[user.borough.code])
    return None


NAVIGATION.register(NavItem(key="staffing", label="Staffing", order=20, href=_staffing_link))

WARD_PANELS.register(
    Panel(key="team", title="Team", order=20, template="teams/panels/team.html", build=panels.team_panel)
)
WARD_PANELS.register(
    Panel(
        key="staffing",
        title="Staffing against establishment",
        order=30,
        template="teams/panels/staffing.html",
        build=panels.staffing_panel,
        permission=VIEW_STAFFING,
    )
)

REPORT_SECTIONS.register(
    ReportSectionProvider(key="staffing", order=10, build=staffing_section, permission=VIEW_STAFFING)
)


def officer_neighbourhoods(officer: Officer) -> QuerySet[Neighbourhood]:
    """Where an officer serves today: the wards of their current postings and of the clusters they
    command. Not where they served before: a posting that has ended is its ward's record (the posting's
    own history stays open there), not a key to the officer's record wherever they serve now."""
    today = timezone.localdate()
    return Neighbourhood.objects.filter(
        Q(id__in=active_postings(on=today).filter(officer=officer).values("team__neighbourhood_id"))
        | Q(cluster__inspector=officer)
    )


HISTORY_RECORDS.register(HistoryRecord("team", Team, lambda team: [team.neighbourhood]))
HISTORY_RECORDS.register(HistoryRecord("posting", Posting, lambda posting: [posting.team.neighbourhood]))
HISTORY_RECORDS.register(HistoryRecord("officer", Officer, officer_neighbourhoods))
