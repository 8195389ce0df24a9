"""A case's stage and last activity follow from what has been recorded on it, so every service that
records something calls `case_touch` instead of setting them by hand.

Scanning until the analysis triangle has something in it; analysis until the response starts; response
while interventions are planned or under way; assessment once the response has started and every
intervention is done or cancelled (there is something to assess), or once an assessment is recorded;
closed when closed."""

from datetime import date

from sn.problemsolving.models import Assessment, Case, Intervention

OPEN_INTERVENTION = (Intervention.Status.PLANNED, Intervention.Status.IN_PROGRESS)


def stage_of(case: Case) -> str:
    if case.closed_on is not None:
        return Case.Stage.CLOSED
    if case.response_started_on is not None:
        # A query, not `hasattr(case, "assessment")`: the instance may have cached its absence.
        if Assessment.objects.filter(case=case).exists():
            return Case.Stage.ASSESSMENT
        interventions = Intervention.objects.filter(case=case)
        if interventions.exists() and not interventions.filter(status__in=OPEN_INTERVENTION).exists():
            return Case.Stage.ASSESSMENT
        return Case.Stage.RESPONSE
    if any((case.victim, case.offender, case.location, case.analysis_summary)):
        return Case.Stage.ANALYSIS
    return Case.Stage.SCANNING


def case_touch(case: Case, *, on: date) -> None:
    """Bring the stage up to date and move the last activity to `on` when it is later; saves only when
    something changed (so that the audit trail records real changes)."""
    stage = stage_of(case)
    last = max(case.last_activity_on, on) if case.last_activity_on else on
    if stage != case.stage or last != case.last_activity_on:
        case.stage, case.last_activity_on = stage, last
        case.save()
