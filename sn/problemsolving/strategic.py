"""The strategic profile's (form 301) "Problem-solving cases" section (registered in
sn.problemsolving.hooks): the ward's cases open on the profile's date and those closed in the two years
before it, with what was done and, for closed ones, how it turned out."""

from datetime import date, timedelta

from django.db.models import Q

from sn.core.registries import ReportSection, Table
from sn.geography.models import Neighbourhood
from sn.problemsolving.models import Assessment, Case

PAST_YEARS = 2


def cases_section(neighbourhood: Neighbourhood, day: date) -> ReportSection | None:
    """As things stood on `day`: a case opened by then and not closed by then was open."""
    cases = Case.objects.filter(neighbourhood=neighbourhood, created_at__date__lte=day).select_related(
        "owner"
    )
    open_cases = list(cases.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day)).order_by("created_at"))
    since = day - timedelta(days=365 * PAST_YEARS)
    closed = list(cases.filter(closed_on__gt=since, closed_on__lte=day).order_by("-closed_on"))
    if not open_cases and not closed:
        return None
    outcomes = dict(Assessment.objects.filter(case__in=closed).values_list("case_id", "outcome"))
    labels = dict(Assessment.Outcome.choices)
    return ReportSection(
        key="cases",
        title="Problem-solving cases",
        summary=[
            f"{len(open_cases)} open {'case' if len(open_cases) == 1 else 'cases'}; "
            f"{len(closed)} closed in the {PAST_YEARS} years to {day:%-d %B %Y}."
        ],
        tables=[
            Table(
                caption="Open cases",
                headers=["Case", "Title", "Categories", "Opened", "Owner", "Stage now"],
                rows=[
                    [
                        c.reference,
                        c.title,
                        ", ".join(c.category_labels),
                        c.created_at.date(),
                        c.owner.full_name,
                        c.get_stage_display(),
                    ]
                    for c in open_cases
                ],
                numeric_from=6,
                sheet="Open cases",
            ),
            Table(
                caption=f"Cases closed in the last {PAST_YEARS} years",
                headers=["Case", "Title", "Categories", "Closed", "Outcome", "Closing note"],
                rows=[
                    [
                        c.reference,
                        c.title,
                        ", ".join(c.category_labels),
                        c.closed_on,
                        labels.get(outcomes.get(c.pk), ""),
                        c.closing_note,
                    ]
                    for c in closed
                ],
                numeric_from=6,
                sheet="Closed cases",
            ),
        ],
        note="Problem-solving cases (form 302) worked by the team with its partners; a case closes once its "
        "impact is assessed.",
        as_at=day,
    )
