"""The demo force's calls for service: a year of generated calls ending today.

Police.uk publishes crimes by month with no time of day, so the demo cannot take demand by hour from
them. It generates calls instead, and the pages say so:
- how many: CALLS_PER_WARD calls a year for each ward on average (about 170,000 for the demo force);
- where: each ward's share of the force's crime and ASB demand over the last twelve months
  (sn.crime.demand), so busy wards get more calls;
- when: the hour of the week from sn.rosters.profiles.demo_call_profile (a rate for each hour of the
  day rising to a 21:00-22:00 peak, Friday and Saturday busiest, and Friday and Saturday nights from
  20:00 to 03:00 half as busy again), the week uniformly over the 52 weeks, the second uniformly within
  the hour;
- what: a call type drawn from sn.rosters.profiles.CALL_TYPES (anti-social behaviour the most common);
- no coordinates: the ward is the location, as in a ward-coded file.
Deterministic for a seed and a day (NumPy's generator); written as tuples with one import record (a
DutyImport of kind "calls") and one audit event.
"""

import time
import types
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from sn.core.audit import record_bulk_create
from sn.crime.demand import force_demand
from sn.panels.demo_rows import insert, next_id
from sn.rosters.models import CallForService
from sn.rosters.profiles import CALL_TYPES, demo_call_profile
from sn.workforce.models import DutyImport

CALLS_PER_WARD = 250
WEEKS = 52
DEMO_PREFIX = "demo:"
SOURCE = "rosters-demo"


def _utc_offsets(first: date, days: int) -> np.ndarray:
    """Seconds to subtract from each day's local clock to reach UTC (British Summer Time or not)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return np.array(
        [
            int(datetime.combine(first + timedelta(days=i), datetime.min.time().replace(hour=12), zone)
                .utcoffset().total_seconds())
            for i in range(days)
        ],
        dtype=np.int64,
    )  # fmt: skip


def generated_calls(*, seed: int, today: date, ward_shares: dict[int, float]) -> dict[str, np.ndarray]:
    """The demo's calls as columns: ward ids, UTC seconds since the epoch, call type indexes."""
    rng = np.random.default_rng(seed)
    ids = np.array(sorted(ward_shares), dtype=np.int64)
    shares = np.array([ward_shares[i] for i in ids], dtype=float)
    shares = shares / shares.sum() if shares.sum() > 0 else np.full(len(ids), 1 / max(len(ids), 1))
    total = CALLS_PER_WARD * len(ids)
    counts = rng.multinomial(total, shares)
    wards = np.repeat(ids, counts)
    hours = rng.choice(168, size=total, p=np.array(demo_call_profile()))
    weeks = rng.integers(0, WEEKS, size=total)
    seconds = rng.integers(0, 3600, size=total)
    kinds = rng.choice(len(CALL_TYPES), size=total, p=np.array([share for _, share in CALL_TYPES]))
    first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)
    local = weeks * 7 * 86400 + hours * 3600 + seconds  # seconds from the first Monday's local midnight
    day_index = local // 86400
    keep = day_index <= (today - first_monday).days  # the current week's days after today lie ahead
    offsets = _utc_offsets(first_monday, WEEKS * 7)
    epoch = (first_monday - date(1970, 1, 1)).days * 86400
    utc = epoch + local - offsets[np.minimum(day_index, len(offsets) - 1)]
    order = np.lexsort((utc[keep], wards[keep]))
    return {"ward": wards[keep][order], "utc": utc[keep][order], "kind": kinds[keep][order]}


def rosters_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    started = time.monotonic()
    today = today or timezone.localdate()
    ranking = force_demand(end_month=today.replace(day=1))
    shares = {area.neighbourhood_id: max(area.demand, 1.0) for area in ranking.areas if area.kind == "ward"}
    columns = generated_calls(seed=seed, today=today, ward_shares=shares)
    stamps = np.datetime_as_string(columns["utc"].astype("datetime64[s]"), unit="s")
    suffix = "+00:00" if connection.vendor == "postgresql" else ""
    names = [name for name, _ in CALL_TYPES]
    with transaction.atomic():
        with connection.cursor() as cursor:
            # A demo built again replaces its calls; raw, as the ORM's delete loads each row first.
            cursor.execute(
                f"DELETE FROM {CallForService._meta.db_table} WHERE source_reference LIKE %s",  # noqa: S608
                [f"{DEMO_PREFIX}%"],
            )
        run = DutyImport.objects.create(
            kind="calls",
            actor_label=SOURCE,
            file_name="demo: calls generated from the documented hourly profile (sn.rosters.demo)",
            sha256="",
            status=DutyImport.Status.IMPORTED,
            rows_read=len(stamps),
            imported=len(stamps),
        )
        first = next_id(CallForService)
        rows = [
            (
                first + i,
                stamp.replace("T", " ") + suffix,
                int(ward),
                names[kind],
                f"{DEMO_PREFIX}{i:07d}",
                run.pk,
            )
            for i, (stamp, ward, kind) in enumerate(
                zip(stamps.tolist(), columns["ward"].tolist(), columns["kind"].tolist(), strict=True)
            )
        ]
        insert(
            CallForService,
            ["id", "received_at", "neighbourhood_id", "call_type", "source_reference", "import_run_id"],
            rows,
        )
        record_bulk_create(CallForService, [types.SimpleNamespace(pk=row[0]) for row in rows], SOURCE)
        DutyImport.objects.filter(pk=run.pk).update(seconds=round(time.monotonic() - started, 3))
    progress(f"{len(rows):,} calls for service generated")
    return f"Calls for service ready in {time.monotonic() - started:.1f} s: {len(rows):,} generated calls."
