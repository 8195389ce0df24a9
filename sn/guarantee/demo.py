"""The demo force's named officers and their lapses (issue 14, part 1).

The demo's postings give almost every ward a named officer, so a few wards are made to lapse as they
would: in some the postings ended weeks ago and nobody replaced them (open lapses), in some they ended
and the officers came back after a gap (lapses ended), and in a few they end within the fortnight (in
sight); and over the rest of the year a few more wards lost their officers for a month or so, so the
12-month history has its dips. Then the sweep runs over the year (four-weekly, then fortnightly for the
last twelve weeks), as `sn worker` would have, so the lapses are recorded with the dates they were noticed.

Priorities: the panels' and activity's demo records update every priority within the month, which no
force manages. A few teams let some of theirs go: nothing recorded against them for over
SN_PRIORITY_STALE_DAYS (their later updates, reviews and case notes are taken away; the activity is kept,
unlinked, as if recorded without the priority), so the stale flag, the owner's work item and the measure
have something to show. Deterministic for a seed and `today`.
"""

import random
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sn.activity.models import ActivityRecord
from sn.core.audit import audit_actor, record_bulk_create
from sn.guarantee.models import NamedOfficerLapse
from sn.guarantee.selectors import NAMED_RANKS
from sn.guarantee.services import named_officer_lapses_sweep
from sn.panels.models import Priority
from sn.panels.models.priorities import Milestone, ProgressUpdate, Review
from sn.problemsolving.models import CaseUpdate
from sn.teams.models import Posting

OPEN, ENDED, IN_SIGHT, EARLIER = 5, 4, 3, 8
SWEEP_WEEKS = 12
SWEEP_EVERY = 2  # weeks: the history needs the lapses, not every day's check
HISTORY_WEEKS = 52
HISTORY_EVERY = 4  # weeks, before the last SWEEP_WEEKS: an earlier gap lasts longer than this
NEGLECTED_SHARE = 0.03  # of the priorities old enough to go stale


def guarantee_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    started = time.monotonic()
    today = today or timezone.localdate()
    rng = random.Random(seed * 1000 + 14)
    with transaction.atomic(), audit_actor(None, "demo: named officers"):
        if NamedOfficerLapse.objects.exists():
            return "named officers: already loaded"
        live = Posting.objects.filter(
            start_date__lte=today - timedelta(days=120),
            end_date__isnull=True,
            officer__rank__in=NAMED_RANKS,
            team__neighbourhood__kind="ward",
        ).select_related("team")
        by_team: dict[int, list[Posting]] = defaultdict(list)
        for posting in live.order_by("team_id", "id"):
            by_team[posting.team_id].append(posting)
        # Teams whose named officers are posted only to them (a shared sergeant would keep the other ward).
        shared = set(
            Posting.objects.filter(
                end_date__isnull=True, officer_id__in=[p.officer_id for ps in by_team.values() for p in ps]
            )
            .values("officer_id")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .values_list("officer_id", flat=True)
        )
        teams = sorted(t for t, ps in by_team.items() if not any(p.officer_id in shared for p in ps))
        chosen = rng.sample(teams, min(len(teams), OPEN + ENDED + IN_SIGHT))
        # Earlier gaps: wards whose officers were all posted there before the gap began.
        earlier_start = today - timedelta(weeks=HISTORY_WEEKS)
        settled = sorted(
            t for t in teams if t not in chosen and all(p.start_date <= earlier_start for p in by_team[t])
        )
        chosen += rng.sample(settled, min(len(settled), EARLIER))
        returned = []
        for i, team_id in enumerate(chosen):
            back_after = (12, 30)
            if i < OPEN:
                end = today - timedelta(days=rng.randint(10, 70))
            elif i < OPEN + ENDED:
                end = today - timedelta(days=rng.randint(45, 80))
            elif i < OPEN + ENDED + IN_SIGHT:
                end = today + timedelta(days=rng.randint(3, 12))
            else:
                end = today - timedelta(days=rng.randint(100, 7 * HISTORY_WEEKS - 10))
                back_after = (7 * HISTORY_EVERY + 2, 7 * HISTORY_EVERY + 20)
            for posting in by_team[team_id]:
                posting.end_date = max(end, posting.start_date)
                posting.save(update_fields=["end_date"])
                if OPEN <= i < OPEN + ENDED or i >= OPEN + ENDED + IN_SIGHT:
                    returned.append(
                        Posting(
                            officer_id=posting.officer_id,
                            team_id=team_id,
                            start_date=posting.end_date + timedelta(days=rng.randint(*back_after)),
                        )
                    )
        Posting.objects.bulk_create(returned)
        record_bulk_create(Posting, returned, "demo: officers back after a gap")
        recent = today - timedelta(weeks=SWEEP_WEEKS)
        days = [
            earlier_start + timedelta(weeks=w) for w in range(0, HISTORY_WEEKS - SWEEP_WEEKS, HISTORY_EVERY)
        ]
        days += [recent + timedelta(weeks=w) for w in range(0, SWEEP_WEEKS, SWEEP_EVERY)]
        for day in days:
            named_officer_lapses_sweep(today=day, look_ahead=False)
        named_officer_lapses_sweep(today=today)
        neglected = priorities_neglect(rng=rng, today=today, share=NEGLECTED_SHARE)
    lapses = NamedOfficerLapse.objects.count()
    open_now = NamedOfficerLapse.objects.filter(ends_on__isnull=True).count()
    line = (
        f"named officers: {len(chosen)} wards made to lapse, {lapses} lapses recorded by "
        f"{len(days) + 1} sweeps, {open_now} open; {neglected} priorities let go stale; "
        f"in {time.monotonic() - started:.1f} s"
    )
    return line


def priorities_neglect(*, rng: random.Random, today: date, share: float) -> int:
    """Let `share` of the active priorities old enough to go stale have nothing recorded against them
    since a day over SN_PRIORITY_STALE_DAYS ago (deletions audited one by one; there are few)."""
    stale_days = settings.SN_PRIORITY_STALE_DAYS
    candidates = list(
        Priority.objects.filter(
            status=Priority.Status.ACTIVE, selected_on__lte=today - timedelta(days=stale_days + 30)
        )
        .order_by("id")
        .values_list("id", "selected_on")
    )
    if not candidates:
        return 0
    picked = rng.sample(candidates, max(1, round(len(candidates) * share)))
    for priority_id, selected_on in picked:
        latest_start = (today - selected_on).days - 1
        since = today - timedelta(
            days=rng.randint(stale_days + 5, max(stale_days + 5, min(latest_start, stale_days + 60)))
        )
        for update in ProgressUpdate.objects.filter(priority_id=priority_id, on__gt=since):
            update.delete()
        for review in Review.objects.filter(priority_id=priority_id, meeting__starts_at__date__gt=since):
            review.delete()
        for note in CaseUpdate.objects.filter(case__priority_id=priority_id, on__gt=since):
            note.delete()
        for step in Milestone.objects.filter(priority_id=priority_id, achieved_on__gt=since):
            step.achieved_on = None
            step.save(update_fields=["achieved_on"])
        for record in ActivityRecord.objects.filter(priority_id=priority_id, on__gt=since):
            record.priority = None
            record.save(update_fields=["priority"])
    return len(picked)
