"""What performance adds to reports, navigation and jobs it does not own (imported in
PerformanceConfig.ready())."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, REPORT_SECTIONS, NavItem, ReportSectionProvider
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.jobs.registry import JOB_KINDS, JobKind
from sn.performance.jobs import KIND, run_survey_upload
from sn.performance.permissions import MANAGE_SURVEY_DATA
from sn.performance.report_sections import survey_section


def _performance_link(user) -> str | None:
    if has_permission(user, VIEW_FORCE_OVERVIEW):
        return reverse("performance:force")
    if has_permission(user, VIEW_BOROUGH_OVERVIEW) and user.borough_id:
        return reverse("performance:borough", args=[user.borough.code])
    return None


NAVIGATION.register(NavItem(key="performance", label="Performance", order=30, href=_performance_link))
REPORT_SECTIONS.register(ReportSectionProvider(key="survey", order=40, build=survey_section))
JOB_KINDS.register(
    JobKind(
        key=KIND,
        label="Survey results upload",
        run=run_survey_upload,
        permission=MANAGE_SURVEY_DATA,
        takes_file=True,
        start_url_name="performance:upload",
        result_label="See the force's survey results",
    )
)
