"""What asb adds to pages lower apps own (sn.core.registries), imported in the app's ready(): the ASB
link, the flagged Case Reviews on the home page, the ASB measures of the Guarantee scorecard, and
imported ASB calls made into reports once their import has committed."""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from sn.asb import measures
from sn.asb.models import AsbCase
from sn.asb.permissions import VIEW_ASB_CASES, VIEW_ASB_PLAN, cases_for_user
from sn.asb.services import asb_imported_calls_link
from sn.core.access import has_permission
from sn.core.registries import (
    NAVIGATION,
    SCORECARD_MEASURES,
    WORK_ITEMS,
    MeasureUnit,
    NavItem,
    ScorecardMeasure,
    WorkItem,
    WorkItemProvider,
)
from sn.core.roles import Role
from sn.workforce.models import DutyImport


def _link(user) -> str | None:
    if has_permission(user, VIEW_ASB_CASES):
        return reverse("asb:cases")
    return reverse("asb:plan") if has_permission(user, VIEW_ASB_PLAN) else None


NAVIGATION.register(NavItem(key="asb", label="ASB", order=47, href=_link))


def reviews_to_hold(user) -> list[WorkItem]:
    """Cases flagged for a Case Review whose review is not yet held: a team officer's own cases, the
    cases of a supervisor's area."""
    cases = cases_for_user(user).filter(
        status=AsbCase.Status.OPEN, case_review_flagged_at__isnull=False, reviews__held_on__isnull=True
    )
    if getattr(user, "role", None) == Role.TEAM_OFFICER:
        cases = cases.filter(owner=user)
    today = timezone.localdate()
    items = []
    for case in cases.select_related("neighbourhood").prefetch_related("reviews").distinct()[:30]:
        due = min((r.due_on for r in case.reviews.all() if r.held_on is None), default=None)
        items.append(
            WorkItem(
                title=f"Hold the ASB Case Review of {case.reference}",
                url=reverse("asb:case", args=[case.pk]),
                area=case.neighbourhood.name,
                due=due,
                overdue=bool(due and due < today),
                detail=f"Threshold met on {case.threshold_met_on:%d %b %Y}" if case.threshold_met_on else "",
            )
        )
    return items


WORK_ITEMS.register(
    WorkItemProvider(
        key="asb_case_reviews",
        heading="ASB Case Reviews to hold",
        order=25,
        build=reviews_to_hold,
        permission=VIEW_ASB_CASES,
    )
)

_MEASURES = (
    ScorecardMeasure(
        key="asb_risk_first_contact",
        label="ASB reports risk-assessed at first contact",
        definition=lambda: (
            "ASB reports made in the period (every channel) whose risk assessment on the force's matrix "
            "(repeat, vulnerability, impact) was recorded within "
            f"{settings.SN_ASB_FIRST_CONTACT_HOURS} hours of the report, as a share of all ASB reports "
            "made in the period."
        ),
        part="ASB",
        unit=MeasureUnit.PERCENT,
        order=400,
        figures=measures.risk_assessed_at_first_contact,
        target=100.0,
    ),
    ScorecardMeasure(
        key="asb_flagged_before_asked",
        label="ASB cases meeting the Case Review threshold, flagged before the victim asked",
        definition=lambda: (
            "ASB cases that met the Case Review threshold in the period "
            f"({settings.SN_ASB_CASE_REVIEW_REPORTS} reports within "
            f"{settings.SN_ASB_CASE_REVIEW_MONTHS} months, each made within "
            f"{settings.SN_ASB_REPORT_WITHIN_DAYS} days of the incident, across all channels) "
            "that were flagged for review before the victim invoked it (or without them having to), as a "
            "share of all cases meeting it."
        ),
        part="ASB",
        unit=MeasureUnit.PERCENT,
        order=410,
        figures=measures.flagged_before_asked,
        target=100.0,
    ),
    ScorecardMeasure(
        key="asb_reviews_on_time",
        label="ASB Case Reviews held within the timescale",
        definition="ASB Case Reviews due in the period that were held on or before their due day (the "
        "flag or request plus the force's review timescale), as a share of all reviews due in the period.",
        part="ASB",
        unit=MeasureUnit.PERCENT,
        order=420,
        figures=measures.reviews_on_time,
        target=100.0,
    ),
    ScorecardMeasure(
        key="asb_orders_breached",
        label="ASB orders breached",
        definition="Breaches recorded in the period of ASB orders (Respect Orders, Civil Injunctions, "
        "Criminal Behaviour Orders, Closure Orders, Community Protection Notices, dispersal directions), "
        "by the ward of the order.",
        part="ASB",
        unit=MeasureUnit.COUNT,
        order=430,
        figures=measures.orders_breached,
        higher_is_better=False,
    ),
    ScorecardMeasure(
        key="asb_high_risk_victims",
        label="High-risk ASB victims",
        definition="ASB cases with a risk assessment at the high level recorded in the period, each case "
        "counted once, by the ward of the report.",
        part="ASB",
        unit=MeasureUnit.COUNT,
        order=440,
        figures=measures.high_risk_victims,
        higher_is_better=False,
    ),
)
for _measure in _MEASURES:
    SCORECARD_MEASURES.register(_measure)


def _calls_imported(sender, instance: DutyImport, created: bool, raw=False, **kwargs) -> None:
    """The calls import (sn.rosters, below asb) cannot call asb, so asb listens for the import's record.
    The record is written before the calls, in the import's transaction: the linking runs after it
    commits, in its own transaction, and a failure there leaves the calls imported (they stay on the
    list to link, and `sn asb-link-calls` runs it again)."""
    if created and not raw and instance.kind == "calls" and instance.status == DutyImport.Status.IMPORTED:
        transaction.on_commit(partial(asb_imported_calls_link, run_id=instance.pk), robust=True)


post_save.connect(_calls_imported, sender=DutyImport, dispatch_uid="asb-link-imported-calls")
