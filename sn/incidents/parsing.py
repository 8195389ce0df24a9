"""Reading police.uk CSV rows into typed columns, a chunk at a time, and saying exactly what is wrong.

`parse_rows` takes a kind's fields (sn.incidents.fields) and a chunk of raw rows (lists of strings from
csv.reader) with their line numbers, and returns typed columns plus a list of problems. Each field is
checked as its type and limits say. The checks run per column over the whole chunk (unique months and
crime types are checked once; coordinates are converted with numpy), so the cost per row stays small;
only a chunk that has a problem is walked row by row to name the lines.
"""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from sn.incidents.categories import CRIME_TYPE_TO_CATEGORY
from sn.incidents.fields import CRIME_TYPE, FLAG, LATITUDE, LONGITUDE, MONTH, TIMESTAMP, Field, Type

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
BOOLEAN_TEXT = {"": None, "true": True, "false": False}


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str
    raw: list[str]


def month_value(text: str) -> str | None:
    """'2023-01' -> '2023-01-01' (the first day, as the database stores it); None if not a month."""
    match = MONTH_RE.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        return None
    return f"{text}-01"


@dataclass
class Columns:
    """A chunk's rows as columns, keyed by field name; the coordinates are arrays of their own (NaN where
    blank) and not in `values`. `lines` and `raw` keep the source of every row kept."""

    lines: Sequence[int]  # the file line of each row (its last line, when quoted fields span lines)
    raw: Sequence[list[str]]
    values: dict[str, list] = field(default_factory=dict)
    longitude: np.ndarray | None = None
    latitude: np.ndarray | None = None
    problems: list[RowProblem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)


def _split_ragged(rows: list[list[str]], lines: list[int], width: int, problems: list[RowProblem]):
    if all(len(row) == width for row in rows):
        return rows, lines
    kept_rows, kept_lines = [], []
    for row, line in zip(rows, lines, strict=True):
        if len(row) == width:
            kept_rows.append(row)
            kept_lines.append(line)
        else:
            problems.append(RowProblem(line, f"expected {width} fields, got {len(row)}", row))
    return kept_rows, kept_lines


def _columns(rows, lines, names: tuple[str, ...]) -> Columns:
    columns = Columns(lines=lines, raw=rows)
    transposed = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    columns.values = {name: list(values) for name, values in zip(names, transposed, strict=True)}
    return columns


def _check_months(columns: Columns, f: Field, problems: list[RowProblem]) -> None:
    texts = columns.values[f.name]
    parsed = {text: month_value(text) for text in set(texts)}
    if None in parsed.values():
        for i, text in enumerate(texts):
            if parsed[text] is None:
                reason = f'{f.label} "{text}" is not a month (YYYY-MM)'
                problems.append(RowProblem(columns.lines[i], reason, columns.raw[i]))
    columns.values[f.name] = [parsed[text] for text in texts]


def crime_category(text: str) -> str | None:
    """A police.uk crime type -> our category slug; None if it is not one."""
    return CRIME_TYPE_TO_CATEGORY.get(text.strip().lower())


def _check_crime_types(columns: Columns, f: Field, problems: list[RowProblem]) -> None:
    texts = columns.values[f.name]
    slugs = {text: crime_category(text) for text in set(texts)}
    if None in slugs.values():
        for i, text in enumerate(texts):
            if slugs[text] is None:
                problems.append(RowProblem(columns.lines[i], f'unknown crime type "{text}"', columns.raw[i]))
    columns.values[f.name] = [slugs[text] for text in texts]


def _check_timestamps(columns: Columns, f: Field, problems: list[RowProblem]) -> None:
    stamps = []
    for i, text in enumerate(columns.values[f.name]):
        try:
            stamp = datetime.fromisoformat(text)
        except ValueError:
            stamp = None
        if stamp is None or stamp.tzinfo is None:
            reason = f'{f.label} "{text}" is not a date and time with an offset'
            problems.append(RowProblem(columns.lines[i], reason, columns.raw[i]))
        stamps.append(stamp)
    columns.values[f.name] = stamps


def _check_flags(columns: Columns, f: Field, problems: list[RowProblem]) -> None:
    texts = columns.values[f.name]
    parsed = [BOOLEAN_TEXT.get(text.strip().lower(), "bad") for text in texts]
    for i, value in enumerate(parsed):
        if value == "bad":
            reason = f'{f.label} "{texts[i]}" is not True, False or blank'
            problems.append(RowProblem(columns.lines[i], reason, columns.raw[i]))
    columns.values[f.name] = parsed


CONVERSIONS: dict[Type, Callable[[Columns, Field, list[RowProblem]], None]] = {
    MONTH: _check_months,
    CRIME_TYPE: _check_crime_types,
    TIMESTAMP: _check_timestamps,
    FLAG: _check_flags,
}


def check_required(columns: Columns, f: Field, problems: list[RowProblem]) -> None:
    why = f" ({f.required})" if isinstance(f.required, str) else ""
    for i, text in enumerate(columns.values[f.name]):
        if not text:
            problems.append(RowProblem(columns.lines[i], f"{f.label} is blank{why}", columns.raw[i]))


def check_length(columns: Columns, f: Field, problems: list[RowProblem]) -> None:
    values, limit = columns.values[f.name], f.max_length
    if values and max(map(len, values)) > limit:
        for i, value in enumerate(values):
            if len(value) > limit:
                problems.append(
                    RowProblem(
                        columns.lines[i],
                        f"{f.label} is {len(value)} characters long (at most {limit})",
                        columns.raw[i],
                    )
                )


def _floats(texts: list[str] | tuple[str, ...]) -> np.ndarray | None:
    try:
        return np.fromiter((float(t) if t else math.nan for t in texts), float, len(texts))
    except ValueError:
        return None


def _check_coordinates(columns: Columns, x: Field, y: Field, problems: list[RowProblem]) -> None:
    """Both blank (no location) or both numbers in range; the arrays hold NaN where blank."""
    lng_texts, lat_texts = columns.values.pop(x.name), columns.values.pop(y.name)
    labels = (x.label, y.label)
    lng, lat = _floats(lng_texts), _floats(lat_texts)
    n = len(columns)
    lng_blank = np.fromiter((not t for t in lng_texts), bool, n)
    lat_blank = np.fromiter((not t for t in lat_texts), bool, n)
    bad = lng_blank != lat_blank
    if lng is not None and lat is not None:
        bad |= ~lng_blank & (~np.isfinite(lng) | (np.abs(lng) > 180))
        bad |= ~lat_blank & (~np.isfinite(lat) | (np.abs(lat) > 90))
    if lng is None or lat is None or bad.any():
        lng_out, lat_out = np.full(n, math.nan), np.full(n, math.nan)
        for i in range(n):
            reason = _coordinate_problem(lng_texts[i], lat_texts[i], labels)
            if reason:
                problems.append(RowProblem(columns.lines[i], reason, columns.raw[i]))
            elif lng_texts[i]:
                lng_out[i], lat_out[i] = float(lng_texts[i]), float(lat_texts[i])
        lng, lat = lng_out, lat_out
    columns.longitude, columns.latitude = lng, lat


def _coordinate_problem(lng_text: str, lat_text: str, labels: tuple[str, str]) -> str | None:
    if not lng_text and not lat_text:
        return None
    if not lng_text or not lat_text:
        return f"{labels[0]} and {labels[1]} must both be given or both be blank"
    for text, label, limit in ((lng_text, labels[0], 180), (lat_text, labels[1], 90)):
        try:
            value = float(text)
        except ValueError:
            return f'{label} "{text}" is not a number'
        if not math.isfinite(value) or abs(value) > limit:
            return f'{label} "{text}" is out of range'
    return None


def parse_rows(fields: tuple[Field, ...], rows: list[list[str]], lines: list[int]) -> Columns:
    """A chunk of rows of a file laid out as `fields` -> columns named as the fields are, and problems.

    Values are converted as their type says (months as 'YYYY-MM-01', crime types as category slugs,
    aware datetimes, booleans or None); coordinates go to `Columns.longitude` and `.latitude`. Problems
    are in line order; within a line, conversions come first, then blanks, coordinates and lengths."""
    problems: list[RowProblem] = []
    rows, lines = _split_ragged(rows, lines, len(fields), problems)
    columns = _columns(rows, lines, tuple(f.name for f in fields))
    for f in fields:
        if f.type in CONVERSIONS:
            CONVERSIONS[f.type](columns, f, problems)
    for f in fields:
        if f.required:
            check_required(columns, f, problems)
    longitude = next(f for f in fields if f.type == LONGITUDE)
    latitude = next(f for f in fields if f.type == LATITUDE)
    _check_coordinates(columns, longitude, latitude, problems)
    for f in fields:
        if f.max_length is not None:
            check_length(columns, f, problems)
    columns.problems = sorted(problems, key=lambda p: p.line)
    return columns
