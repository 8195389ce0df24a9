"""Stalled cases: the borough's open problem-solving cases that nothing has moved for
SN_TASKING_STALLED_WEEKS, or with interventions past their due date, or overdue for the sergeant's
review, as they stood on the pack's date (seed 002, paragraph 18: the group "checks that problem solving
is progressing appropriately and then identifies and deals with any blockages").

A case keeps only its latest activity and review dates, so a pack for an earlier date reads the dated
entries themselves (updates, reviews, intervention updates and completions) up to that date. Six queries
for any number of boroughs and cases.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q

from sn.problemsolving.models import Case, CaseReview, CaseUpdate, Intervention, InterventionUpdate


@dataclass
class StalledCase:
    case_id: int
    reference: str
    title: str
    ward: str
    stage: str
    owner: str
    last_activity: date
    overdue_interventions: int
    review_due: date | None
    reasons: list[str] = field(default_factory=list)


def _latest(rows) -> dict[int, date]:
    return {case_id: day for case_id, day in rows if day is not None}


def stalled_cases(borough_ids: list[int], as_at: date) -> dict[int, list[StalledCase]]:
    """{borough id: its stalled cases on `as_at`, longest silent first}."""
    in_boroughs = Q(case__neighbourhood__borough_id__in=borough_ids)
    cases = list(
        Case.objects.filter(neighbourhood__borough_id__in=borough_ids)
        .exclude(closed_on__lte=as_at)
        .values(
            "id",
            "title",
            "stage",
            "neighbourhood__name",
            "neighbourhood__borough_id",
            "owner__first_name",
            "owner__last_name",
            "last_activity_on",
            "review_due_on",
            "created_at",
        )
    )
    if not cases:
        return {}
    updates = _latest(
        CaseUpdate.objects.filter(in_boroughs, on__lte=as_at)
        .values("case_id")
        .annotate(last=Max("on"))
        .values_list("case_id", "last")
    )
    work = _latest(
        InterventionUpdate.objects.filter(
            Q(intervention__case__neighbourhood__borough_id__in=borough_ids), on__lte=as_at
        )
        .values("intervention__case_id")
        .annotate(last=Max("on"))
        .values_list("intervention__case_id", "last")
    )
    completed = _latest(
        Intervention.objects.filter(in_boroughs, completed_on__lte=as_at)
        .values("case_id")
        .annotate(last=Max("completed_on"))
        .values_list("case_id", "last")
    )
    reviews: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for case_id, reviewed_on, next_due_on in (
        CaseReview.objects.filter(in_boroughs)
        .order_by("reviewed_on", "id")
        .values_list("case_id", "reviewed_on", "next_due_on")
    ):
        reviews[case_id].append((reviewed_on, next_due_on))
    overdue = dict(
        Intervention.objects.filter(in_boroughs, due_on__lt=as_at)
        .exclude(status=Intervention.Status.CANCELLED)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=as_at))
        .values("case_id")
        .annotate(n=Count("id"))
        .values_list("case_id", "n")
    )
    silent_for = timedelta(weeks=settings.SN_TASKING_STALLED_WEEKS)
    found: dict[int, list[StalledCase]] = defaultdict(list)
    for row in cases:
        pk = row["id"]
        opened = row["created_at"].date()
        dated = [d for d in (updates.get(pk), work.get(pk), completed.get(pk)) if d]
        dated += [r for r, _ in reviews[pk] if r <= as_at]
        if row["last_activity_on"] <= as_at:
            dated.append(row["last_activity_on"])
        if not dated and opened > as_at:
            continue  # not open yet on the pack's date
        # The opening counts only when nothing is dated: a bulk-loaded case carries its load time.
        last = max(dated) if dated else opened
        review_due = _review_due(row["review_due_on"], reviews[pk], as_at)
        reasons = []
        if as_at - last >= silent_for:
            reasons.append(f"nothing recorded for {(as_at - last).days // 7} weeks")
        if overdue.get(pk):
            n = overdue[pk]
            reasons.append(f"{n} intervention{'s' if n != 1 else ''} past due")
        if review_due is not None and review_due < as_at:
            reasons.append(f"review overdue since {review_due.day} {review_due:%B %Y}")
        if not reasons:
            continue
        found[row["neighbourhood__borough_id"]].append(
            StalledCase(
                case_id=pk,
                reference=f"PS-{pk:05d}",
                title=row["title"],
                ward=row["neighbourhood__name"],
                stage=Case.Stage(row["stage"]).label,
                owner=f"{row['owner__first_name']} {row['owner__last_name']}",
                last_activity=last,
                overdue_interventions=overdue.get(pk, 0),
                review_due=review_due,
                reasons=reasons,
            )
        )
    for listed in found.values():
        listed.sort(key=lambda s: (s.last_activity, s.reference))
    return found


def _review_due(current: date, reviews: list[tuple[date, date]], as_at: date) -> date | None:
    """When the case's review was due as things stood on `as_at`: the case's own date once no review
    came after; otherwise what the last review by then set, or (before the first review) nothing known
    to be overdue."""
    if not any(reviewed_on > as_at for reviewed_on, _ in reviews):
        return current
    earlier = [next_due for reviewed_on, next_due in reviews if reviewed_on <= as_at]
    return earlier[-1] if earlier else None
