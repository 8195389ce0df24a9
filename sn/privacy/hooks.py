"""What privacy adds to the registries lower apps own: the daily retention review job, and the review's
items on the home pages of the people responsible."""

from functools import partial

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, WORK_ITEMS, NavItem, WorkItemProvider
from sn.jobs.registry import JOB_KINDS, PERIODIC_JOBS, JobKind, PeriodicJob
from sn.privacy import work
from sn.privacy.jobs import run_retention_review
from sn.privacy.kinds import LISTED
from sn.privacy.permissions import HANDLE_ERASURE_REQUESTS, RUN_RETENTION_REVIEW

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

# One home-page section per kind the review lists, after the other apps' work (from order 61).
for order, spec in enumerate(LISTED, start=61):
    WORK_ITEMS.register(
        WorkItemProvider(
            key=f"retention_{spec.review.path}",
            heading=f"{spec.review.many[0].upper()}{spec.review.many[1:]} due for review",
            order=order,
            build=partial(work.due_items, kind=spec.kind),
            permission=spec.review.permission,
        )
    )
