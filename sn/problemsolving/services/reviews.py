"""The sergeant's scheduled review of an open case: a note, and the next review due
SN_CASE_REVIEW_WEEKS later."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sn.core.audit import audit_actor
from sn.panels.services.checks import team_sergeant_check
from sn.problemsolving.models import Case, CaseReview
from sn.problemsolving.services.cases import check_not_before_into, check_not_future_into, review_due_after
from sn.problemsolving.services.checks import check_open, today_or
from sn.problemsolving.services.state import case_touch

REVIEW = "review this case"


def case_review_record(*, case: Case, note: str, on: date | None = None, actor=None) -> CaseReview:
    on = today_or(on)
    team_sergeant_check(actor, neighbourhood=case.neighbourhood, field="note", doing=REVIEW)
    check_open(case, "note")
    errors = {}
    if not note.strip():
        errors["note"] = "Say how the case is going and what should happen next."
    check_not_future_into(errors, on, "on", "A review")
    check_not_before_into(errors, on, case, "on", "A review")
    last = case.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    if "on" not in errors and last is not None and on < last:
        errors["on"] = f"The last review was on {last:%-d %B %Y}: a new one cannot be earlier."
    if errors:
        raise ValidationError(errors)
    next_due = review_due_after(on)
    with transaction.atomic(), audit_actor(actor):
        review = CaseReview.objects.create(
            case=case, reviewed_on=on, reviewer=actor, note=note.strip(), next_due_on=next_due
        )
        case.review_due_on = next_due
        case.save()
        case_touch(case, on=on)
    return review
