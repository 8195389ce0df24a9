"""What feedback adds to pages lower apps own (sn.core.registries), imported in FeedbackConfig.ready()."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, WORK_ITEMS, NavItem, WorkItemProvider
from sn.feedback import work
from sn.feedback.permissions import HANDLE_FEEDBACK, VIEW_FEEDBACK


def _queue_link(user) -> str | None:
    return reverse("feedback:queue") if has_permission(user, VIEW_FEEDBACK) else None


NAVIGATION.register(NavItem(key="feedback", label="Feedback", order=70, href=_queue_link))

WORK_ITEMS.register(
    WorkItemProvider(
        key="feedback_overdue",
        heading="Feedback past its due date",
        order=25,
        build=work.overdue_feedback,
        permission=HANDLE_FEEDBACK,
    )
)
