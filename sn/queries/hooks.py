"""What queries adds to pages lower apps own (sn.core.registries), imported in the app's ready(): the
header link, the supervisors' alerts, the Guarantee scorecard's two measures and the periodic sweep."""

from django.conf import settings
from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import (
    NAVIGATION,
    PUBLIC_PANELS,
    SCORECARD_MEASURES,
    WORK_ITEMS,
    MeasureUnit,
    NavItem,
    Panel,
    ScorecardMeasure,
    WorkItemProvider,
)
from sn.jobs.registry import JOB_KINDS, PERIODIC_JOBS, JobKind, PeriodicJob
from sn.queries import work
from sn.queries.jobs import run_queries_sweep
from sn.queries.permissions import HANDLE_QUERIES
from sn.queries.selectors import answered_in_time_figures, received_figures

QUERIES_SWEEP = "queries.sweep"


def _link(user) -> str | None:
    return reverse("queries:queue") if has_permission(user, HANDLE_QUERIES) else None


NAVIGATION.register(NavItem(key="community_queries", label="Queries", order=44, href=_link))


def _ask_panel(user, neighbourhood) -> dict:
    return {
        "url": reverse("queries:ask", args=[neighbourhood.code]),
        "ward": neighbourhood.name,
        "hours": settings.SN_QUERY_CLOCK_HOURS,
    }


# The public ward page's way in to the form, with the promise.
PUBLIC_PANELS.register(
    Panel(
        key="ask_a_question",
        title="Ask your neighbourhood team",
        order=15,
        template="queries/public_panel.html",
        build=_ask_panel,
    )
)

WORK_ITEMS.register(
    WorkItemProvider(
        key="community_queries_at_risk",
        heading="Community queries nearing or past their clock",
        order=15,
        build=work.queries_at_risk,
        permission=HANDLE_QUERIES,
    )
)

JOB_KINDS.register(
    JobKind(
        key=QUERIES_SWEEP, label="Community query clocks", run=run_queries_sweep, permission=HANDLE_QUERIES
    )
)
# Hourly: a breach is escalated and its sender told within the hour.
PERIODIC_JOBS.register(PeriodicJob(kind=QUERIES_SWEEP, title="Community query clocks", every_hours=1))

SCORECARD_MEASURES.register(
    ScorecardMeasure(
        key="queries_answered_in_time",
        label=f"Community queries answered within {settings.SN_QUERY_CLOCK_HOURS} hours",
        definition=lambda: (
            "Of the community queries (public form, e-mail, meeting or phone call) received in the period "
            "whose clock has ended (answered substantively, or past their deadline), the share whose first "
            f"substantive reply came within {settings.SN_QUERY_CLOCK_HOURS} "
            f"{'working ' if settings.SN_QUERY_CLOCK_WORKING_TIME else ''}hours of receipt. "
            "Acknowledgements do not count as answers."
        ),
        part="Community queries",
        unit=MeasureUnit.PERCENT,
        order=20,
        figures=answered_in_time_figures,
        target=100.0,
    )
)
SCORECARD_MEASURES.register(
    ScorecardMeasure(
        key="queries_received",
        label="Community queries received",
        definition="Community queries from residents and businesses received in the period, by any channel.",
        part="Community queries",
        unit=MeasureUnit.COUNT,
        order=21,
        figures=received_figures,
        higher_is_better=False,
    )
)
