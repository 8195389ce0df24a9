"""The demo force's named officers and their lapses (issue 14, part 1).

The demo's postings give almost every ward a named officer, so a few wards are made to lapse as they
would: in some the postings ended weeks ago and nobody replaced them (open lapses), in some they ended
and the officers came back after a gap (lapses ended), and in a few they end within the fortnight (in
sight). Then the sweep runs fortnightly over the last twelve weeks, as `sn worker` would have, so the lapses
are recorded with the dates they were noticed. Priorities need nothing more: their staleness and who
chose them are read from the panels' own demo records. Deterministic for a seed and `today`.
"""

import random
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sn.core.audit import audit_actor, record_bulk_create
from sn.guarantee.models import NamedOfficerLapse
from sn.guarantee.selectors import NAMED_RANKS
from sn.guarantee.services import named_officer_lapses_sweep
from sn.teams.models import Posting

OPEN, ENDED, IN_SIGHT = 5, 4, 3
SWEEP_WEEKS = 12
SWEEP_EVERY = 2  # weeks: the history needs the lapses, not every day's check


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
        returned = []
        for i, team_id in enumerate(chosen):
            if i < OPEN:
                end = today - timedelta(days=rng.randint(10, 70))
            elif i < OPEN + ENDED:
                end = today - timedelta(days=rng.randint(45, 80))
            else:
                end = today + timedelta(days=rng.randint(3, 12))
            for posting in by_team[team_id]:
                posting.end_date = max(end, posting.start_date)
                posting.save(update_fields=["end_date"])
                if OPEN <= i < OPEN + ENDED:
                    returned.append(
                        Posting(
                            officer_id=posting.officer_id,
                            team_id=team_id,
                            start_date=posting.end_date + timedelta(days=rng.randint(12, 30)),
                        )
                    )
        Posting.objects.bulk_create(returned)
        record_bulk_create(Posting, returned, "demo: officers back after a gap")
        first = today - timedelta(weeks=SWEEP_WEEKS)
        for week in range(0, SWEEP_WEEKS, SWEEP_EVERY):
            named_officer_lapses_sweep(today=first + timedelta(weeks=week), look_ahead=False)
        named_officer_lapses_sweep(today=today)
    lapses = NamedOfficerLapse.objects.count()
    open_now = NamedOfficerLapse.objects.filter(ends_on__isnull=True).count()
    line = (
        f"named officers: {len(chosen)} wards made to lapse, {lapses} lapses recorded by "
        f"{SWEEP_WEEKS // SWEEP_EVERY + 1} sweeps, {open_now} open, in {time.monotonic() - started:.1f} s"
    )
    return line
