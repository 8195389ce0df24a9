"""What reports adds to pages it does not own (imported in ReportsConfig.ready())."""

from sn.core.registries import WARD_PANELS, Panel

WARD_PANELS.register(
    Panel(
        key="report_links",
        title="Monthly report",
        order=91,
        template="reports/panels/links.html",
        build=lambda user, neighbourhood: {},
    )
)
