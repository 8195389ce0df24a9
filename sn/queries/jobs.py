from sn.jobs.registry import JobOutcome
from sn.queries.services import queries_sweep


def run_queries_sweep(job, progress) -> JobOutcome:
    progress(0, 1, "Checking the clocks of unanswered queries")
    summary = queries_sweep()
    progress(1, 1, "Done")
    return JobOutcome(
        summary=f"{summary['warned']} warned, {summary['escalated']} escalated, "
        f"{summary['notified']} senders told how to seek recourse",
        rows=summary["escalated"],
    )
