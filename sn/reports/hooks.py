"""What reports adds to pages and registries it does not own (imported in ReportsConfig.ready()): the
ward page's report links, and the borough's report PDFs as a job kind."""

from sn.core.registries import WARD_PANELS, Panel
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW
from sn.jobs.registry import JOB_KINDS, JobKind
from sn.reports.jobs import KIND, run_borough_pdfs

WARD_PANELS.register(
    Panel(
        key="report_links",
        title="Monthly report",
        order=91,
        template="reports/panels/links.html",
        build=lambda user, neighbourhood: {},
    )
)
JOB_KINDS.register(
    JobKind(
        key=KIND,
        label="Monthly report PDFs of a borough",
        run=run_borough_pdfs,
        permission=VIEW_BOROUGH_OVERVIEW,
        result_label="Back to the borough report",
    )
)
