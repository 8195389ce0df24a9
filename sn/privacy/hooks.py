"""What privacy adds to the registries lower apps own: the daily retention review job, and the review's
items on the home pages of the people responsible."""

from django.urls import reverse

from sn.asb.permissions import RECORD_ASB
from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, WORK_ITEMS, NavItem, WorkItemProvider
from sn.feedback.permissions import HANDLE_FEEDBACK
from sn.jobs.registry import JOB_KINDS, PERIODIC_JOBS, JobKind, PeriodicJob
from sn.panels.permissions import MANAGE_PANEL
from sn.privacy import work
from sn.privacy.jobs import run_retention_review
from sn.privacy.permissions import HANDLE_ERASURE_REQUESTS, RUN_RETENTION_REVIEW
from sn.queries.permissions import HANDLE_QUERIES

RETENTION_REVIEW = "privacy.retention_review"

JOB_KINDS.register(
    JobKind(
        key=RETENTION_REVIEW,
        label="Retention review",
        run=run_retention_review,
        permission=RUN_RETENTION_REVIEW,
    )
)
PERIODIC_JOBS.register(PeriodicJob(kind=RETENTION_REVIEW, title="Daily retention review", every_hours=24))


def _requests_link(user) -> str | None:
    return reverse("privacy:requests") if has_permission(user, HANDLE_ERASURE_REQUESTS) else None


NAVIGATION.register(NavItem(key="erasure_requests", label="Erasure", order=95, href=_requests_link))

WORK_ITEMS.register(
    WorkItemProvider(
        key="retention_feedback",
        heading="Feedback senders' details due for review",
        order=61,
        build=work.feedback_due,
        permission=HANDLE_FEEDBACK,
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        key="retention_diversity",
        heading="Panel members' diversity answers due for review",
        order=62,
        build=work.diversity_due,
        permission=MANAGE_PANEL,
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        key="retention_queries",
        heading="Community query senders' details due for review",
        order=63,
        build=work.queries_due,
        permission=HANDLE_QUERIES,
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        key="retention_asb",
        heading="ASB victims' records due for review",
        order=64,
        build=work.asb_due,
        permission=RECORD_ASB,
    )
)
