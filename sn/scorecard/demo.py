"""The demo force's scorecard (issue 14): the snapshots of the last twelve complete months, built from
the other demo steps' records (this step runs last), so the force scorecard and its history open fast."""

import time
from collections.abc import Callable
from datetime import date

from django.utils import timezone

from sn.core.months import add_months, month_span
from sn.scorecard.models import ScorecardMonth, ScorecardSnapshot
from sn.scorecard.services import scorecard_snapshot_build

MONTHS = 12


def scorecard_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    # Nothing random: the snapshots are what the records say, so the seed has nothing to choose.
    today = today or timezone.localdate()
    started = time.perf_counter()
    last = add_months(today.replace(day=1), -1)
    for month in month_span(last, MONTHS):
        scorecard_snapshot_build(month=month, source="demo")
        progress(f"  scorecard {month:%B %Y}")
    figures = ScorecardSnapshot.objects.filter(month__month__gte=add_months(last, 1 - MONTHS)).count()
    return (
        f"{MONTHS} months of scorecard snapshots ({figures} ward figures) "
        f"in {time.perf_counter() - started:.1f} s"
    )


def scorecard_demo_present() -> bool:
    """Whether the demo's Guarantee records are loaded (the scorecard step is the last of them)."""
    return ScorecardMonth.objects.exists()
