"""What crime adds to pages, reports and navigation it does not own (imported in CrimeConfig.ready())."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import (
    NAVIGATION,
    REPORT_SECTIONS,
    STRATEGIC_SECTIONS,
    WARD_PANELS,
    NavItem,
    Panel,
    ReportSectionProvider,
)
from sn.crime.report_sections import crime_section, demand_section
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_FORCE_OVERVIEW


def _demand_link(user) -> str | None:
    return reverse("crime:force_demand") if has_permission(user, VIEW_FORCE_OVERVIEW) else None


def _borough_crime_link(user) -> str | None:
    if has_permission(user, VIEW_FORCE_OVERVIEW) or not has_permission(user, VIEW_BOROUGH_OVERVIEW):
        return None
    return reverse("crime:borough_profile", args=[user.borough.code]) if user.borough_id else None


NAVIGATION.register(NavItem(key="demand", label="Demand", order=40, href=_demand_link))
NAVIGATION.register(NavItem(key="borough_crime", label="Crime", order=40, href=_borough_crime_link))

WARD_PANELS.register(
    Panel(
        key="crime_links",
        title="Crime and ASB",
        order=90,
        template="crime/panels/links.html",
        build=lambda user, neighbourhood: {},
    )
)

REPORT_SECTIONS.register(ReportSectionProvider(key="crime", order=20, build=crime_section))
REPORT_SECTIONS.register(ReportSectionProvider(key="demand", order=30, build=demand_section))
# Form 301 carries the same 12 months of crime and ASB as the monthly report, after the priorities.
STRATEGIC_SECTIONS.register(ReportSectionProvider(key="crime", order=30, build=crime_section))
