"""Each finding of the pack as a section: a summary in words, then its tables."""

from datetime import date

from django.conf import settings

from sn.concerns.taxonomy import Topic
from sn.core.registries import ReportSection, Table
from sn.crime.demand import DemandRanking
from sn.geography.models import Borough
from sn.tasking.models import ResourceBid
from sn.tasking.pack.business import OpenAction, bid_state
from sn.tasking.pack.cases import StalledCase
from sn.tasking.pack.demand import NearDemand
from sn.tasking.pack.themes import Theme


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def stalled_section(borough: Borough, stalled: list[StalledCase], as_at: date) -> ReportSection:
    weeks = settings.SN_TASKING_STALLED_WEEKS
    rows = [
        [
            s.reference,
            s.title,
            s.ward,
            s.stage,
            s.owner,
            s.last_activity,
            s.overdue_interventions,
            s.review_due,
            "; ".join(s.reasons),
        ]
        for s in stalled
    ]
    summary = [
        f"{_count(len(stalled), 'open case')} in {borough.name} stalled: nothing recorded for {weeks} weeks "
        "or more, interventions past their due date, or the sergeant's review overdue."
        if stalled
        else f"No open case in {borough.name} had stalled."
    ]
    return ReportSection(
        key="stalled",
        title="Stalled cases",
        summary=summary,
        tables=[
            Table(
                caption="Stalled problem-solving cases, longest silent first",
                headers=[
                    "Case",
                    "Title",
                    "Ward",
                    "Stage",
                    "Owner",
                    "Last activity",
                    "Interventions past due",
                    "Review due",
                    "Why listed",
                ],
                rows=rows,
                numeric_from=6,
            )
        ]
        if rows
        else [],
        as_at=as_at,
    )


def _wards_here(theme: Theme, borough: Borough) -> str:
    return ", ".join(w.name for w in theme.wards if w.borough_id == borough.id)


def _other_boroughs(theme: Theme, borough: Borough) -> str:
    return ", ".join(name for name in theme.borough_names if name != borough.name) or "None"


def themes_section(
    borough: Borough, groups: list[Theme], strategic: list[tuple[str, int, int]], as_at: date
) -> ReportSection:
    crossing = [t for t in groups if t.crosses_boundary_of(borough.id)]
    summary = [
        f"{_count(len(groups), 'group')} of adjacent wards share an active priority topic"
        + (f", {len(crossing)} across the borough's boundary." if crossing else ".")
        if groups
        else "No two adjacent wards share an active priority topic."
    ]
    if strategic:
        summary.append(
            "Held by a large share of the borough's wards: "
            + "; ".join(f"{Topic(topic).label} ({n} of {total} wards)" for topic, n, total in strategic)
            + "."
        )
    tables = []
    if groups:
        tables.append(
            Table(
                caption="Adjacent wards with the same priority topic",
                headers=[
                    "Topic",
                    "Wards in this borough",
                    "Other boroughs in the group",
                    "Wards in the group",
                ],
                rows=[
                    [t.label, _wards_here(t, borough), _other_boroughs(t, borough), len(t.wards)]
                    for t in groups
                ],
                numeric_from=3,
            )
        )
    if strategic:
        tables.append(
            Table(
                caption="Priority topics held across the borough",
                headers=["Topic", "Wards holding it", "Wards in the borough"],
                rows=[[Topic(topic).label, n, total] for topic, n, total in strategic],
            )
        )
    return ReportSection(
        key="themes",
        title="Cross-border and strategic themes",
        summary=summary,
        tables=tables,
        as_at=as_at,
        note="Wards are adjacent when they share a boundary; a group joins every adjacent ward holding the "
        "topic, in this borough or the next.",
    )


def demand_section(borough: Borough, near: NearDemand, ranking: DemandRanking, as_at: date) -> ReportSection:
    period = f"{ranking.start_month:%B %Y} to {ranking.end_month:%B %Y}"
    if not near.hot:
        return ReportSection(
            key="demand",
            title="Priorities near the high-demand wards",
            summary=[f"No incidents are recorded for {borough.name} over {period}."],
            as_at=as_at,
            period=period,
        )
    names = ", ".join(a.name for a in near.hot)
    summary = [
        f"The busiest wards of {borough.name} by crime and ASB demand: {names}.",
        f"{_count(len(near.priorities), 'active priority', 'active priorities')} in them or next to them."
        if near.priorities
        else "No active priority in them or next to them.",
    ]
    tables = [
        Table(
            caption="The borough's busiest wards",
            headers=["Ward", "Rank in the borough", "Rank in the force", "Crime", "ASB", "Demand"],
            rows=[[a.name, a.borough_rank, a.force_rank, a.crime, a.asb, a.demand] for a in near.hot],
        )
    ]
    if near.priorities:
        tables.append(
            Table(
                caption="Active priorities in or next to the busiest wards",
                headers=["Ward", "Where", "Topic", "Priority", "Chosen on"],
                rows=[[p.ward, p.where, p.topic, p.wording, p.since] for p in near.priorities],
                numeric_from=5,
            )
        )
    return ReportSection(
        key="demand",
        title="Priorities near the high-demand wards",
        summary=summary,
        tables=tables,
        as_at=as_at,
        period=f"demand over {period}",
    )


def _bid_for(bid: ResourceBid) -> str:
    if bid.case_id:
        return f"{bid.case.reference} {bid.case.title}"
    return f"Priority: {bid.priority.wording}"


def bids_section(bids: list[ResourceBid], as_at: date) -> ReportSection:
    rows = [
        [
            bid.neighbourhood.name,
            _bid_for(bid),
            bid.what,
            bid.why,
            bid.weeks,
            bid.raised_by_label,
            bid.raised_on,
            bid_state(bid, as_at),
        ]
        for bid in bids
    ]
    return ReportSection(
        key="bids",
        title="Resource bids for a decision",
        summary=[f"{_count(len(bids), 'bid')} from the teams await the group's decision."]
        if bids
        else ["No resource bid awaits a decision."],
        tables=[
            Table(
                caption="Open resource bids, oldest first",
                headers=["Ward", "For", "What", "Why", "Weeks", "Raised by", "Raised on", "State"],
                rows=rows,
                numeric_from=4,
            )
        ]
        if rows
        else [],
        as_at=as_at,
    )


def actions_section(actions: list[OpenAction], as_at: date) -> ReportSection:
    late = [a for a in actions if a.due_now < as_at]
    rows = [
        [
            a.description,
            a.owner_label,
            a.set_on,
            a.due_now,
            "Overdue" if a.due_now < as_at else "Open",
            a.carried,
        ]
        for a in actions
    ]
    summary = (
        [f"{_count(len(actions), 'action')} of earlier meetings to follow up, {len(late)} overdue."]
        if actions
        else ["No action of an earlier meeting is open."]
    )
    return ReportSection(
        key="actions",
        title="Actions to follow up",
        summary=summary,
        tables=[
            Table(
                caption="Open actions of earlier meetings",
                headers=["Action", "Owner", "Set on", "Due by", "State", "Times carried forward"],
                rows=rows,
                numeric_from=5,
            )
        ]
        if rows
        else [],
        as_at=as_at,
    )
