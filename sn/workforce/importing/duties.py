"""Importing the duty management system's file: each file all-or-nothing, safe to run again.

Columns (a header row, in any order, names as below or with underscores): collar number, date
(YYYY-MM-DD), start and end (HH:MM; an end before the start runs past midnight), duty code, and an
optional ward code (GSS). The file is read whole by Arrow (ADR 0006; a .gz is unpacked on the way), the
officers, postings, codes, wards and the stored duties of the file's period are held in memory, every
line is checked, and only a file without a bad line is written, in one transaction.

Re-importing the same file changes nothing and says so; a line that differs from the stored duty of
that officer at that start updates it; a stored duty from an earlier file that overlaps a line but
starts at another time is replaced (the duty system moved it), while an overlap with a duty recorded in
the service (or the demo's) is refused. Each file leaves a DutyImport, the record of what was done and
by whom; the rows written are audited as one event per batch.
"""

import csv
import gzip
import hashlib
import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
from django.db import connection, transaction
from django.utils import timezone

from sn.core.audit import current_actor, current_actor_label, record_change
from sn.geography.models import Neighbourhood
from sn.teams.models import Officer, Posting, Team
from sn.workforce.importing.bulk import audit_tail, audited_insert_rows
from sn.workforce.models import Duty, DutyCode, DutyImport, DutySource
from sn.workforce.services.duties import max_duty_minutes

PROBLEMS_LISTED = 20
MAX_DUTY_SECONDS = 24 * 3600
COLUMNS = ("collar number", "date", "start", "end", "duty code")
OPTIONAL = ("ward code",)
WRITE_COLUMNS = (
    "officer_id",
    "team_id",
    "neighbourhood_id",
    "date",
    "starts_at",
    "ends_at",
    "minutes",
    "code_id",
    "reason_id",
    "source",
    "import_run_id",
    "note",
)
COMPARED = ("team_id", "neighbourhood_id", "ends_at", "minutes", "code_id", "reason_id")


class DutyFileRejected(Exception):
    def __init__(self, run: DutyImport):
        super().__init__(run.message)
        self.run = run


@dataclass
class _Line:
    line: int
    officer_id: int
    team_id: int
    neighbourhood_id: int | None
    day: date
    starts_at: datetime
    ends_at: datetime
    minutes: int
    code_id: int
    reason_id: int | None


@dataclass
class _Outcome:
    name: str
    rows_read: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    rejected: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    replaced: int = 0

    def refuse(self, line: int, reason: str) -> None:
        self.rejected += 1
        if len(self.problems) < PROBLEMS_LISTED:
            self.problems.append((line, reason))


def _header_name(name: str) -> str:
    return " ".join(name.strip().lower().replace("_", " ").split())


def _header(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as text:
        return next(csv.reader(text), [])


def _read(path: Path) -> dict[str, list]:
    """The file's columns as lists of strings (as written: Arrow would otherwise make times of the
    start and end), keyed by their normalised names."""
    names = _header(path)
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(block_size=1 << 24, encoding="utf8"),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in names}, strings_can_be_null=False
        ),
    )
    return {
        _header_name(name): column.to_pylist()
        for name, column in zip(table.column_names, table.columns, strict=True)
    }


def _clock(text: str) -> clock | None:
    parts = text.strip().split(":") if text else []
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        return None
    hour, minute = int(parts[0]), int(parts[1])
    return clock(hour, minute) if hour < 24 and minute < 60 else None


class _Cache(dict):
    """Memoised parsing: a year's file holds some 365 dates and 96 times, a million times over."""

    def __init__(self, parse: Callable):
        super().__init__()
        self.parse = parse

    def __missing__(self, key):
        value = self[key] = self.parse(key)
        return value


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text and len(text.strip()) == 10 else None
    except ValueError:
        return None


def _postings(first: date, last: date) -> dict[int, list[tuple[date, date, int]]]:
    spans = defaultdict(list)
    for officer_id, team_id, start, end in (
        Posting.objects.filter(start_date__lte=last)
        .exclude(end_date__lt=first)
        .order_by("officer_id", "start_date", "id")
        .values_list("officer_id", "team_id", "start_date", "end_date")
    ):
        spans[officer_id].append((start, end or date.max, team_id))
    return spans


def _check(
    columns: dict[str, list], outcome: _Outcome, team_ids: frozenset[int] | None = None
) -> list[_Line]:
    """Every line turned into a duty, or its refusal noted on the outcome with its line number. With
    `team_ids`, a line for an officer posted to none of those teams that day is refused."""
    collars, days, starts, ends, codes = (columns[name] for name in COLUMNS)
    wards = columns.get("ward code") or [""] * len(collars)
    officers = dict(Officer.objects.values_list("collar_number", "id"))
    duty_codes = {c.code: c for c in DutyCode.objects.all()}
    ward_ids = dict(Neighbourhood.objects.values_list("code", "id"))
    team_ward = dict(Team.objects.values_list("id", "neighbourhood_id"))
    parse_day, parse_clock = _Cache(_day), _Cache(_clock)
    parsed_days = [d for d in (parse_day[text] for text in set(days)) if d]
    postings = _postings(min(parsed_days), max(parsed_days)) if parsed_days else {}
    moments = _Cache(lambda key: timezone.make_aware(datetime.combine(*key)))
    lines = []
    for index, (collar, day_text, start_text, end_text, code_text, ward_text) in enumerate(
        zip(collars, days, starts, ends, codes, wards, strict=True)
    ):
        line = index + 2
        officer_id = officers.get(collar.strip())
        if officer_id is None:
            outcome.refuse(line, f"unknown collar number {collar!r}")
            continue
        day = parse_day[day_text]
        if day is None:
            outcome.refuse(line, f"the date {day_text!r} is not a date like 2026-03-31")
            continue
        start, end = parse_clock[start_text], parse_clock[end_text]
        if start is None or end is None:
            bad = ("start", start_text) if start is None else ("end", end_text)
            outcome.refuse(line, f"the {bad[0]} time {bad[1]!r} is not a time like 07:00")
            continue
        if start == end:
            outcome.refuse(line, "the duty ends when it starts")
            continue
        # An end before the start runs past midnight; anything past the limit is a mistyped time.
        length = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) % (24 * 60)
        if length > max_duty_minutes():
            outcome.refuse(
                line,
                f"the duty from {start_text.strip()} to {end_text.strip()} would last "
                f"{length / 60:.1f} hours, more than the {max_duty_minutes() // 60} a duty may last",
            )
            continue
        code = duty_codes.get(code_text.strip().upper())
        if code is None or not code.active:
            outcome.refuse(line, f"unknown duty code {code_text!r}")
            continue
        ward_text = ward_text.strip() if ward_text else ""
        ward_id = ward_ids.get(ward_text) if ward_text else None
        if ward_text and ward_id is None:
            outcome.refuse(line, f"unknown ward code {ward_text!r}")
            continue
        if ward_id is not None and code.kind == DutyCode.Kind.ABSTRACTED:
            outcome.refuse(
                line, f"{code.code} is an abstraction: it has no ward, but the line names {ward_text}"
            )
            continue
        teams = [team_id for first, last, team_id in postings.get(officer_id, ()) if first <= day <= last]
        if not teams:
            outcome.refuse(line, f"the officer {collar.strip()} is not posted to any team on {day:%d %B %Y}")
            continue
        if team_ids is not None:
            teams = [team_id for team_id in teams if team_id in team_ids]
            if not teams:
                outcome.refuse(
                    line, f"the officer {collar.strip()} is not posted to a team of yours on {day:%d %B %Y}"
                )
                continue
        team_id = next((t for t in teams if ward_id is not None and team_ward[t] == ward_id), teams[0])
        if code.kind == DutyCode.Kind.ON_DUTY and ward_id is None:
            ward_id = team_ward[team_id]
        starts_at = moments[(day, start)]
        ends_at = moments[(day + timedelta(days=1) if end < start else day, end)]
        lines.append(
            _Line(
                line,
                officer_id,
                team_id,
                ward_id,
                day,
                starts_at,
                ends_at,
                round((ends_at.timestamp() - starts_at.timestamp()) / 60),
                code.pk,
                code.reason_id,
            )
        )
    return lines


def _overlaps_within(lines: list[_Line], outcome: _Outcome) -> None:
    by_officer = defaultdict(list)
    for item in lines:
        by_officer[item.officer_id].append(item)
    for items in by_officer.values():
        items.sort(key=lambda i: (i.starts_at, i.line))
        for earlier, later in zip(items, items[1:], strict=False):
            if later.starts_at < earlier.ends_at:
                what = "repeats" if later.starts_at == earlier.starts_at else "overlaps"
                outcome.refuse(later.line, f"the duty {what} the officer's duty on line {earlier.line}")


def _stored(lines: list[_Line]) -> dict[int, list[tuple]]:
    """The stored duties of the file's officers over its period, by officer."""
    first = min(item.day for item in lines) - timedelta(days=1)
    last = max(item.day for item in lines) + timedelta(days=1)
    officers = {item.officer_id for item in lines}
    stored = defaultdict(list)
    for row in Duty.objects.filter(date__gte=first, date__lte=last).values_list(
        "officer_id",
        "id",
        "starts_at",
        "ends_at",
        "source",
        "team_id",
        "neighbourhood_id",
        "minutes",
        "code_id",
        "reason_id",
    ):
        if row[0] in officers:
            stored[row[0]].append(row)
    return stored


def _against_stored(lines: list[_Line], outcome: _Outcome) -> tuple[list[_Line], list[tuple], set[int]]:
    """The lines to insert, the (line, stored id) pairs to update, and the stored ids to replace.

    Each officer's stored duties are sorted by start once, so a line finds the ones it overlaps by
    bisection: a year's file meets a year's stored duties without comparing every pair."""
    stored = {}
    for officer_id, rows in _stored(lines).items():
        rows = sorted((row[2].timestamp(), row[3].timestamp(), row) for row in rows)
        stored[officer_id] = ([r[0] for r in rows], rows)
    inserts, updates, replaced = [], [], set()
    for item in lines:
        match = None
        start, end = item.starts_at.timestamp(), item.ends_at.timestamp()
        starts, rows = stored.get(item.officer_id, ((), ()))
        # Stored duties starting before this one ends; the walk back stops at the first that ended
        # before it started, allowing for the longest duty (a day) that could still reach it.
        position = bisect_left(starts, end) - 1
        while position >= 0 and rows[position][0] > start - MAX_DUTY_SECONDS:
            row_start, row_end, row = rows[position]
            position -= 1
            if row_start == start:
                match = row
            elif row_end > start:
                if row[4] == DutySource.IMPORT:
                    replaced.add(row[1])
                else:
                    outcome.refuse(
                        item.line,
                        "the duty overlaps the officer's duty from "
                        f"{timezone.localtime(row[2]):%d %B %Y %H:%M} to {timezone.localtime(row[3]):%H:%M} "
                        f"({DutySource(row[4]).label.lower()})",
                    )
        if match is None:
            inserts.append(item)
        elif (match[5], match[6], match[3].timestamp(), match[7], match[8], match[9]) == (
            item.team_id,
            item.neighbourhood_id,
            end,
            item.minutes,
            item.code_id,
            item.reason_id,
        ):
            outcome.unchanged += 1
        else:
            updates.append((item, match[1]))
    return inserts, updates, replaced


def _write(
    inserts: list[_Line], updates: list[tuple], replaced: set[int], run: DutyImport, source: str
) -> None:
    # A year's file holds a few thousand distinct moments and days: each is prepared once.
    adapt_dt = _Cache(connection.ops.adapt_datetimefield_value).__getitem__
    adapt_d = _Cache(connection.ops.adapt_datefield_value).__getitem__
    if replaced:
        Duty.objects.filter(id__in=replaced).delete()
    first = Duty.objects.order_by("-id").values_list("id", flat=True).first() or 0
    tail = audit_tail()
    rows = [
        (
            first + 1 + n,
            i.officer_id,
            i.team_id,
            i.neighbourhood_id,
            adapt_d(i.day),
            adapt_dt(i.starts_at),
            adapt_dt(i.ends_at),
            i.minutes,
            i.code_id,
            i.reason_id,
            DutySource.IMPORT.value,
            run.pk,
            "",
            *tail,
        )
        for n, i in enumerate(inserts)
    ]
    audited_insert_rows(Duty, WRITE_COLUMNS, rows, source)
    for item, duty_id in updates:
        duty = Duty.objects.get(pk=duty_id)
        before = {name: getattr(duty, name) for name in COMPARED}
        Duty.objects.filter(pk=duty_id).update(
            team_id=item.team_id,
            neighbourhood_id=item.neighbourhood_id,
            ends_at=item.ends_at,
            minutes=item.minutes,
            code_id=item.code_id,
            reason_id=item.reason_id,
            source=DutySource.IMPORT,
            import_run=run,
            modified_at=timezone.now(),
        )
        after = {name: getattr(item, name) for name in COMPARED}
        record_change(
            duty,
            {
                name: [str(before[name]), str(after[name])]
                for name in COMPARED
                if str(before[name]) != str(after[name])
            },
        )


def _summary(outcome: _Outcome, seconds: float) -> str:
    if outcome.rejected:
        first_line, reason = outcome.problems[0]
        more = outcome.rejected - 1
        extra = f" (and {more:,} more bad line{'s' if more != 1 else ''})" if more else ""
        return f"{outcome.name}, line {first_line}: {reason}{extra}. Nothing was imported."
    if outcome.imported == outcome.updated == outcome.replaced == 0:
        return f"{outcome.name}: all {outcome.unchanged:,} duties unchanged; nothing to import."
    rate = outcome.rows_read / seconds if seconds else 0
    return (
        f"{outcome.name}: {outcome.rows_read:,} lines: {outcome.imported:,} imported, {outcome.updated:,} "
        f"updated, {outcome.unchanged:,} unchanged, {outcome.replaced:,} replaced in {seconds:.1f} s "
        f"({rate:,.0f} lines/s)."
    )


def duties_import(
    path: str | Path,
    *,
    actor=None,
    progress: Callable[[str], None] = print,
    team_ids: frozenset[int] | None = None,
) -> DutyImport:
    """Import one duty file; returns its DutyImport. A file with any bad line writes no duty and raises
    DutyFileRejected (its DutyImport, recorded as rejected, lists the lines). `team_ids` limits the
    file to the officers of those teams (an upload by a sergeant); None: the whole force."""
    started = time.monotonic()
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    outcome = _Outcome(name=path.name)
    try:
        columns = _read(path)
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as error:
        outcome.refuse(1, f"the file cannot be read as CSV: {error}")
        columns = {}
    missing = [name for name in COLUMNS if name not in columns]
    if columns and missing:
        outcome.refuse(1, f"the header has no {', '.join(repr(m) for m in missing)} column")
    lines: list[_Line] = []
    inserts, updates, replaced = [], [], set()
    if not outcome.rejected:
        outcome.rows_read = len(columns[COLUMNS[0]])
        progress(f"Read {outcome.rows_read:,} lines in {time.monotonic() - started:.1f} s; checking ...")
        lines = _check(columns, outcome, team_ids)
        _overlaps_within(lines, outcome)
        if lines and not outcome.rejected:
            inserts, updates, replaced = _against_stored(lines, outcome)
    outcome.problems.sort()
    actor = actor or current_actor()
    with transaction.atomic():
        run = DutyImport.objects.create(
            kind="duties",
            actor=actor,
            actor_label=actor.get_username() if actor else current_actor_label(),
            file_name=str(path)[-255:],
            sha256=digest,
            status=DutyImport.Status.REJECTED if outcome.rejected else DutyImport.Status.IMPORTED,
            rows_read=outcome.rows_read,
        )
        if not outcome.rejected:
            progress(
                f"Checked in {time.monotonic() - started:.1f} s; writing {len(inserts):,} new duties ..."
            )
            _write(inserts, updates, replaced, run, source=f"import-duties {path.name}")
            outcome.imported, outcome.updated, outcome.replaced = len(inserts), len(updates), len(replaced)
        seconds = time.monotonic() - started
        run.imported, run.updated, run.unchanged = outcome.imported, outcome.updated, outcome.unchanged
        run.rejected, run.seconds = outcome.rejected, round(seconds, 3)
        run.message = _summary(outcome, seconds)
        if outcome.problems:
            run.message += "\n" + "\n".join(f"line {line}: {reason}" for line, reason in outcome.problems)
        run.save()
    if outcome.rejected:
        raise DutyFileRejected(run)
    return run
