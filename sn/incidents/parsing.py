"""Reading police.uk CSV rows into typed columns, a chunk at a time, and saying exactly what is wrong.

Each parser takes a chunk of raw rows (lists of strings from csv.reader) with their line numbers and
returns typed columns plus a list of problems. The checks run per column over the whole chunk (unique
months and crime types are checked once; coordinates are converted with numpy), so the cost per row
stays small; only a chunk that has a problem is walked row by row to name the lines.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from sn.incidents.categories import CRIME_TYPE_TO_CATEGORY

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


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
    """A chunk's rows as columns. `lines` and `raw` keep the source of every row kept."""

    lines: list[int]
    raw: list[list[str]]
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


def _check_lengths(
    columns: Columns, limits: dict[str, int], labels: dict[str, str], problems: list[RowProblem]
) -> None:
    for name, limit in limits.items():
        values = columns.values[name]
        if values and max(map(len, values)) > limit:
            for i, value in enumerate(values):
                if len(value) > limit:
                    problems.append(
                        RowProblem(
                            columns.lines[i],
                            f"{labels[name]} is {len(value)} characters long (at most {limit})",
                            columns.raw[i],
                        )
                    )


def _check_months(columns: Columns, name: str, label: str, problems: list[RowProblem]) -> None:
    texts = columns.values[name]
    parsed = {text: month_value(text) for text in set(texts)}
    if None in parsed.values():
        for i, text in enumerate(texts):
            if parsed[text] is None:
                problems.append(
                    RowProblem(columns.lines[i], f'{label} "{text}" is not a month (YYYY-MM)', columns.raw[i])
                )
    columns.values[name] = [parsed[text] for text in texts]


def _floats(texts: list[str] | tuple[str, ...]) -> np.ndarray | None:
    try:
        return np.fromiter((float(t) if t else math.nan for t in texts), float, len(texts))
    except ValueError:
        return None


def _check_coordinates(
    columns: Columns, lng_texts, lat_texts, problems: list[RowProblem], *, labels=("Longitude", "Latitude")
) -> None:
    """Both blank (no location) or both numbers in range; the arrays hold NaN where blank."""
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


STREET_FIELDS = (
    "crime_id",
    "month",
    "reported_by",
    "falls_within",
    "longitude_text",
    "latitude_text",
    "location",
    "lsoa_code",
    "lsoa_name",
    "crime_type",
    "last_outcome_category",
    "context",
)
STREET_LIMITS = {
    "crime_id": 64,
    "reported_by": 100,
    "falls_within": 100,
    "location": 255,
    "lsoa_code": 9,
    "lsoa_name": 100,
    "last_outcome_category": 120,
}
STREET_LABELS = {
    "crime_id": "Crime ID",
    "reported_by": "Reported by",
    "falls_within": "Falls within",
    "location": "Location",
    "lsoa_code": "LSOA code",
    "lsoa_name": "LSOA name",
    "last_outcome_category": "Last outcome category",
}


def _columns(rows, lines, names: tuple[str, ...]) -> Columns:
    columns = Columns(lines=lines, raw=rows)
    transposed = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    columns.values = {name: list(values) for name, values in zip(names, transposed, strict=True)}
    return columns


def parse_street(rows: list[list[str]], lines: list[int]) -> Columns:
    """Street-level crime rows -> columns: month as 'YYYY-MM-01', category slug, NaN for no location."""
    problems: list[RowProblem] = []
    rows, lines = _split_ragged(rows, lines, len(STREET_FIELDS), problems)
    columns = _columns(rows, lines, STREET_FIELDS)
    _check_months(columns, "month", "Month", problems)
    types = columns.values.pop("crime_type")
    slugs = {text: CRIME_TYPE_TO_CATEGORY.get(text.strip().lower()) for text in set(types)}
    if None in slugs.values():
        for i, text in enumerate(types):
            if slugs[text] is None:
                problems.append(RowProblem(lines[i], f'unknown crime type "{text}"', rows[i]))
    columns.values["category"] = [slugs[text] for text in types]
    _check_coordinates(
        columns, columns.values.pop("longitude_text"), columns.values.pop("latitude_text"), problems
    )
    _check_lengths(columns, STREET_LIMITS, STREET_LABELS, problems)
    columns.problems = sorted(problems, key=lambda p: p.line)
    return columns


OUTCOME_FIELDS = (
    "crime_id",
    "month",
    "reported_by",
    "falls_within",
    "longitude_text",
    "latitude_text",
    "location",
    "lsoa_code",
    "lsoa_name",
    "outcome_type",
)


def parse_outcomes(rows: list[list[str]], lines: list[int]) -> Columns:
    """Outcome rows -> columns; only the Crime ID, month and outcome are used, but all are checked."""
    problems: list[RowProblem] = []
    rows, lines = _split_ragged(rows, lines, len(OUTCOME_FIELDS), problems)
    columns = _columns(rows, lines, OUTCOME_FIELDS)
    _check_months(columns, "month", "Month", problems)
    _check_coordinates(
        columns, columns.values.pop("longitude_text"), columns.values.pop("latitude_text"), problems
    )
    for i, (crime_id, outcome) in enumerate(
        zip(columns.values["crime_id"], columns.values["outcome_type"], strict=True)
    ):
        if not crime_id:
            problems.append(
                RowProblem(lines[i], "Crime ID is blank (an outcome must name its crime)", rows[i])
            )
        if not outcome:
            problems.append(RowProblem(lines[i], "Outcome type is blank", rows[i]))
    _check_lengths(
        columns,
        {"crime_id": 64, "outcome_type": 120},
        {"crime_id": "Crime ID", "outcome_type": "Outcome type"},
        problems,
    )
    columns.problems = sorted(problems, key=lambda p: p.line)
    return columns


STOP_FIELDS = (
    "type",
    "date",
    "part_of_policing_operation",
    "policing_operation",
    "latitude_text",
    "longitude_text",
    "gender",
    "age_range",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "legislation",
    "object_of_search",
    "outcome",
    "outcome_linked_to_object",
    "removal_of_clothing",
)
STOP_LIMITS = {
    "type": 60,
    "policing_operation": 200,
    "gender": 20,
    "age_range": 20,
    "self_defined_ethnicity": 200,
    "officer_defined_ethnicity": 60,
    "legislation": 200,
    "object_of_search": 120,
    "outcome": 120,
}
STOP_BOOLEANS = {
    "part_of_policing_operation": "Part of a policing operation",
    "outcome_linked_to_object": "Outcome linked to object of search",
    "removal_of_clothing": "Removal of more than just outer clothing",
}
BOOLEAN_TEXT = {"": None, "true": True, "false": False}


def parse_stops(rows: list[list[str]], lines: list[int]) -> Columns:
    """Stop-and-search rows -> columns: an aware datetime, booleans (None when blank), coordinates."""
    problems: list[RowProblem] = []
    rows, lines = _split_ragged(rows, lines, len(STOP_FIELDS), problems)
    columns = _columns(rows, lines, STOP_FIELDS)
    stamps = []
    for i, text in enumerate(columns.values["date"]):
        try:
            stamp = datetime.fromisoformat(text)
        except ValueError:
            stamp = None
        if stamp is None or stamp.tzinfo is None:
            problems.append(
                RowProblem(lines[i], f'Date "{text}" is not a date and time with an offset', rows[i])
            )
        stamps.append(stamp)
    columns.values["date"] = stamps
    for name, label in STOP_BOOLEANS.items():
        texts = columns.values[name]
        parsed = [BOOLEAN_TEXT.get(text.strip().lower(), "bad") for text in texts]
        for i, value in enumerate(parsed):
            if value == "bad":
                problems.append(
                    RowProblem(lines[i], f'{label} "{texts[i]}" is not True, False or blank', rows[i])
                )
        columns.values[name] = parsed
    for i, text in enumerate(columns.values["type"]):
        if not text:
            problems.append(RowProblem(lines[i], "Type is blank", rows[i]))
    _check_coordinates(
        columns, columns.values.pop("longitude_text"), columns.values.pop("latitude_text"), problems
    )
    _check_lengths(
        columns, STOP_LIMITS, {name: name.replace("_", " ").capitalize() for name in STOP_LIMITS}, problems
    )
    columns.problems = sorted(problems, key=lambda p: p.line)
    return columns


PARSERS = {"street": parse_street, "outcomes": parse_outcomes, "stops": parse_stops}
