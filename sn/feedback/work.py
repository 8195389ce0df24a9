"""What the home page lists for feedback handlers (WORK_ITEMS, registered in sn.feedback.hooks): the
messages past their due date that are theirs, or nobody's yet in their area, most overdue first."""

from django.urls import reverse
from django.utils import timezone

from sn.core.registries import WorkItem
from sn.feedback.selectors import overdue_for_user
from sn.feedback.working_days import working_days_between


def overdue_feedback(user) -> list[WorkItem]:
    today = timezone.localdate()
    items = []
    for feedback in overdue_for_user(user, today=today).order_by("due_on", "pk"):
        late = working_days_between(feedback.due_on, today)
        what = "Conduct complaint" if feedback.about_conduct else feedback.get_kind_display()
        if feedback.kind == "join":
            what = "Offer to join the panel or the KIN"
        items.append(
            WorkItem(
                title=f"{what} {feedback.reference}: {feedback.get_status_display().lower()}",
                url=reverse("feedback:message", args=[feedback.reference]),
                area=feedback.area_name,
                due=feedback.due_on,
                overdue=True,
                detail=f"{late} working day{'s' if late != 1 else ''} overdue"
                + ("" if feedback.handler_id else ", not yet assigned"),
                urgency=max(late, 0),
            )
        )
    return items
