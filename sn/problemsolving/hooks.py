"""What problem solving adds to pages lower apps own (sn.core.registries): the ward page's cases panel,
the home page's work, form 301's cases section, the change history of cases and interventions, and the
header link to cases. The case page's own sections register in sn.problemsolving.views.cases_sections."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import (
    HISTORY_RECORDS,
    NAVIGATION,
    STRATEGIC_SECTIONS,
    WARD_PANELS,
    WORK_ITEMS,
    HistoryRecord,
    NavItem,
    Panel,
    ReportSectionProvider,
    WorkItemProvider,
)
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW
from sn.geography.scope import scope_of
from sn.panels.links import PRIORITY_LINKS, PriorityLink
from sn.problemsolving import work_items
from sn.problemsolving.models import Case, Intervention
from sn.problemsolving.permissions import CASES, MANAGE_CASES, REVIEW_CASES, VIEW_CASES, VIEW_INVITED_CASES
from sn.problemsolving.strategic import cases_section
from sn.problemsolving.views import cases_sections  # noqa: F401
from sn.problemsolving.ward_panel import cases_panel

WARD_PANELS.register(
    Panel(
        key="cases",
        title="Problem-solving cases",
        order=36,
        template="problemsolving/ward_page_panel.html",
        build=cases_panel,
        permission=VIEW_CASES,
    )
)

WORK_ITEMS.register(
    WorkItemProvider(
        "case-reviews", "Case reviews overdue", 34, work_items.overdue_review_items, REVIEW_CASES
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        "case-interventions", "Your interventions due or overdue", 35, work_items.intervention_items
    )
)
WORK_ITEMS.register(
    WorkItemProvider("case-stalled", "Stalled cases", 36, work_items.stalled_case_items, MANAGE_CASES)
)

STRATEGIC_SECTIONS.register(
    ReportSectionProvider(key="cases", order=25, build=cases_section, permission=VIEW_CASES)
)

HISTORY_RECORDS.register(HistoryRecord("case", Case, lambda case: [case.neighbourhood]))
HISTORY_RECORDS.register(
    HistoryRecord("intervention", Intervention, lambda intervention: [intervention.case.neighbourhood])
)


def _cases_link(user) -> str | None:
    """Partners: their organisation's cases; the police: the widest list of cases they oversee."""
    if has_permission(user, VIEW_INVITED_CASES):
        return reverse("problemsolving:partner_cases")
    if not has_permission(user, VIEW_CASES):
        return None
    if has_permission(user, VIEW_BOROUGH_OVERVIEW) and user.borough_id:
        return reverse("problemsolving:borough_cases", args=[user.borough.code])
    if has_permission(user, VIEW_CLUSTER_OVERVIEW):
        clusters = list(scope_of(user).clusters().order_by("code")[:2])
        if len(clusters) == 1:
            return reverse("problemsolving:cluster_cases", args=[clusters[0].code])
    return reverse("problemsolving:my_cases")


NAVIGATION.register(NavItem(key="cases", label="Cases", order=33, href=_cases_link))


def _case_link(user, priority) -> tuple[str, str] | None:
    """The priority page's link to its case for those who may read it, or to open one for its team."""
    case = Case.objects.filter(priority=priority).first()
    if case is not None:
        if not CASES.can_see(user, case):
            return None
        return (
            f"Its problem-solving case, {case.reference} ({case.get_stage_display().lower()})",
            reverse("problemsolving:case", args=[case.pk]),
        )
    if (
        priority.holds_a_place
        and has_permission(user, MANAGE_CASES)
        and scope_of(user).covers_neighbourhood(priority.neighbourhood)
    ):
        url = reverse("problemsolving:case_open", args=[priority.neighbourhood.code])
        return ("Open its problem-solving case", f"{url}?priority={priority.pk}")
    return None


PRIORITY_LINKS.register(PriorityLink("case", 10, _case_link))
