"""Deployments under Approach A in the pack (seed 000 paragraph 36: deployments are reported to the
borough tasking group with their results): those in force on the pack's date, and those ended or
cancelled in the weeks before it, with what they achieved. A deployment belongs to the borough of its
receiving ward. The rows of every borough are read once for a run of packs (`rows_of`)."""

from dataclasses import dataclass
from datetime import date, timedelta

from sn.core.registries import ReportSection, Table
from sn.deployments.models import Deployment, LentOfficer
from sn.geography.models import Borough

# How far back an ended deployment is still reported: the tasking group meets every few weeks.
LOOK_BACK = timedelta(weeks=8)


@dataclass(frozen=True)
class DeploymentRow:
    pk: int
    borough_id: int
    reference: str
    ward: str
    problem: str
    officers: str
    starts_on: date
    ends_on: date
    status: str
    last_day: date | None
    cancelled_on: date | None
    results: str

    def state_on(self, as_at: date) -> str | None:
        """How the row stands on the pack's date, or None when the pack does not report it."""
        if self.status == Deployment.Status.CANCELLED:
            return (
                "Cancelled" if self.cancelled_on and as_at - LOOK_BACK <= self.cancelled_on <= as_at else None
            )
        if self.status == Deployment.Status.ENDED and self.last_day and self.last_day < as_at:
            return "Ended" if as_at - self.last_day <= LOOK_BACK else None
        if as_at < self.starts_on:
            return "Planned" if self.starts_on - as_at <= LOOK_BACK else None
        if as_at <= self.ends_on:
            return "Active"
        return "Past its end: results to record" if as_at - self.ends_on <= LOOK_BACK else None


def rows_of(borough_ids: list[int]) -> dict[int, list[DeploymentRow]]:
    deployments = list(
        Deployment.objects.filter(neighbourhood__borough_id__in=borough_ids)
        .select_related("neighbourhood", "case", "priority")
        .order_by("starts_on", "id")
    )
    officers: dict[int, list[str]] = {}
    for lent in LentOfficer.objects.filter(deployment__in=deployments).select_related(
        "officer", "home_team__neighbourhood"
    ):
        officer, home = lent.officer, lent.home_team.neighbourhood.name
        officers.setdefault(lent.deployment_id, []).append(
            f"{officer.get_rank_display()} {officer.full_name} ({home})"
        )
    rows: dict[int, list[DeploymentRow]] = {}
    for d in deployments:
        rows.setdefault(d.neighbourhood.borough_id, []).append(
            DeploymentRow(
                pk=d.pk,
                borough_id=d.neighbourhood.borough_id,
                reference=d.reference,
                ward=d.neighbourhood.name,
                problem=d.problem_label,
                officers="; ".join(officers.get(d.pk, [])),
                starts_on=d.starts_on,
                ends_on=d.ends_on,
                status=d.status,
                last_day=d.last_day,
                cancelled_on=d.modified_at.date() if d.status == Deployment.Status.CANCELLED else None,
                results=d.results,
            )
        )
    return rows


def reported(rows: list[DeploymentRow], as_at: date) -> list[tuple[DeploymentRow, str]]:
    """The rows a pack (or meeting) of `as_at` reports, with how each stands then."""
    states = [(row, row.state_on(as_at)) for row in rows]
    return [(row, state) for row, state in states if state]


def borough_reported(borough: Borough, as_at: date) -> list[tuple[DeploymentRow, str]]:
    """What the borough's tasking meeting of `as_at` hears about deployments (its page lists them)."""
    return reported(rows_of([borough.pk]).get(borough.pk, []), as_at)


def deployments_section(borough: Borough, rows: list[DeploymentRow], as_at: date) -> ReportSection:
    reported_rows = reported(rows, as_at)
    current = sum(1 for _, state in reported_rows if state in ("Planned", "Active"))
    summary = [
        f"{current} deployment{'s' if current != 1 else ''} under Approach A planned or active in "
        f"{borough.name}; {len(reported_rows) - current} ended, cancelled or awaiting results in the last "
        f"{LOOK_BACK.days // 7} weeks."
        if reported_rows
        else f"No officers were lent between the wards of {borough.name} in the last "
        f"{LOOK_BACK.days // 7} weeks."
    ]
    tables = []
    if reported_rows:
        tables.append(
            Table(
                caption="Deployments under Approach A, with their results",
                headers=[
                    "Deployment",
                    "To",
                    "For",
                    "Officers lent (home ward)",
                    "From",
                    "To",
                    "State",
                    "Results",
                ],
                rows=[
                    [
                        r.reference,
                        r.ward,
                        r.problem,
                        r.officers,
                        r.starts_on,
                        r.last_day or r.ends_on,
                        state,
                        r.results or "–",
                    ]
                    for r, state in reported_rows
                ],
                numeric_from=8,
            )
        )
    return ReportSection(
        key="deployments",
        title="Deployments under Approach A",
        summary=summary,
        tables=tables,
        as_at=as_at,
        note="Officers lent to another ward for a case or priority; each home ward keeps at least one PC "
        "and one PCSO on duty in every shift.",
    )
