"""Reading a demographic table in long format: every problem found, by line and field, before anything
is written.

The upload page and `sn import-demographics` both hand the file's bytes to parse_demographic_file(), so
a file reads the same either way: gzip-compressed or not, decoded as UTF-8 (a byte-order mark is
dropped), split into rows by the csv module at real line breaks only.

Columns (header row required, in any order; other columns are ignored):
- area_code: the GSS code of one of the force's wards, or the code of a non-ward area;
- measure: the table, as a slug of lower-case letters, digits and hyphens (age, imd-decile, ...);
- category: the row of the table ("25 to 34"), up to 100 characters;
- value: a number, negative or with up to 6 decimal places allowed ("1234", "8495.3");
- source: where the figure comes from, up to 255 characters;
- year: the year the figure is for, 1800 to 2100.
A line repeating the area, measure, category and year of an earlier line is refused.
"""

import csv
import gzip
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

COLUMNS = ("area_code", "measure", "category", "value", "source", "year")
MAX_SHOWN = 30
LIMITS = {"area_code": 20, "measure": 64, "category": 100, "value": 30, "source": 255, "year": 4}
MAX_FIELD_CHARS = max(LIMITS.values())
_SHOWN = 40  # characters of a field quoted back in a message

_MEASURE = re.compile(r"[a-z0-9][a-z0-9-]*")
# Decimal() takes "1e3", "NaN", "Infinity", " 5" and digits of other scripts: a figure is written plainly.
_NUMBER = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,6})?")
_LOOKS_NUMERIC = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_YEAR = re.compile(r"[0-9]{4}")
FIRST_YEAR, LAST_YEAR = 1800, 2100
# The csv module refuses a field of 131,072 characters with an error naming neither line nor field; cut
# each run of ordinary characters to just over the longest field allowed, keeping lines and fields.
_LONG_RUN = re.compile(rf'[^,"\r\n]{{{MAX_FIELD_CHARS + 1},}}')
# How often a progress callback hears of the lines read: a call per line would cost more than the line.
PROGRESS_EVERY = 1000

# progress(done, total, message): lines read of the lines in the file (sn.jobs.registry.Progress).
ProgressCallback = Callable[..., None]


class DemographicFileError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in self.shown())
        super().__init__(f"{len(problems)} problem(s) in the file; nothing was written:\n{shown}")

    def shown(self) -> list[str]:
        """The first MAX_SHOWN problems, then how many more."""
        more = len(self.problems) - MAX_SHOWN
        return self.problems[:MAX_SHOWN] + ([f"and {more} more problems"] if more > 0 else [])


@dataclass(frozen=True)
class DemographicRow:
    line: int
    neighbourhood_id: int
    measure: str
    category: str
    position: int
    value: Decimal
    source: str
    year: int

    @property
    def key(self) -> tuple[int, str, str, int]:
        return (self.neighbourhood_id, self.measure, self.category, self.year)


def _quoted(text: str) -> str:
    shown = text if len(text) <= _SHOWN else f"{text[:_SHOWN]}..."
    return '"' + shown.replace('"', '\\"') + '"'


def _value(text: str, line: int, problems: list[str]) -> Decimal | None:
    if _NUMBER.fullmatch(text):
        return Decimal(text)
    if not text:
        problems.append(f"line {line}: value is missing")
    elif _LOOKS_NUMERIC.fullmatch(text) and "." in text and len(text.split(".")[1]) > 6:
        problems.append(f"line {line}: value {_quoted(text)} has more than 6 decimal places")
    elif _LOOKS_NUMERIC.fullmatch(text):
        problems.append(
            f"line {line}: value {_quoted(text)} is too large (at most 12 digits before the point)"
        )
    else:
        problems.append(f"line {line}: value {_quoted(text)} is not a number")
    return None


def _year(text: str, line: int, problems: list[str]) -> int | None:
    if not _YEAR.fullmatch(text):
        problems.append(f"line {line}: year {_quoted(text)} is not a year (four digits, like 2021)")
        return None
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append(f"line {line}: year {year} is not between {FIRST_YEAR} and {LAST_YEAR}")
        return None
    return year


def _row(record: dict, line: int, areas: dict[str, int], problems: list[str]) -> tuple | None:
    """(neighbourhood id, measure, category, value, source, year), or None with the problems noted."""
    before = len(problems)
    code = record["area_code"]
    neighbourhood_id = areas.get(code)
    if not code:
        problems.append(f"line {line}: area_code is missing")
    elif neighbourhood_id is None:
        problems.append(f"line {line}: area_code {_quoted(code)} is not a ward or area of the force")
    measure = record["measure"]
    if not _MEASURE.fullmatch(measure):
        what = "is missing" if not measure else f"{_quoted(measure)} is not a slug"
        problems.append(
            f"line {line}: measure {what} (lower-case letters, digits and hyphens, like age or imd-decile)"
        )
    for name in ("category", "source"):
        if not record[name]:
            problems.append(f"line {line}: {name} is missing")
    value = _value(record["value"], line, problems)
    year = _year(record["year"], line, problems)
    if len(problems) > before:
        return None
    return (neighbourhood_id, measure, record["category"], value, record["source"], year)


def _text(data: bytes) -> str:
    limit = settings.SN_DEMOGRAPHICS_MAX_BYTES
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as compressed:
                # One byte over the limit is enough to refuse a file that unpacks too large.
                data = compressed.read(limit + 1)
        except (OSError, EOFError) as error:
            raise DemographicFileError(
                [f"the file looks gzip-compressed but cannot be read ({error})"]
            ) from error
    if len(data) > limit:
        raise DemographicFileError([f"the file must be smaller than {limit // (1024 * 1024)} MB"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DemographicFileError([f"line {line}: the file must be a CSV saved as UTF-8 text"]) from error


def _header(fields: list[str]) -> list[str]:
    header = [name.strip(" \t").lower() for name in fields]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DemographicFileError(
            [f"line 1: missing column(s) {', '.join(missing)} (need {', '.join(COLUMNS)})"]
        )
    twice = sorted({name for name in header if name in COLUMNS and header.count(name) > 1})
    if twice:
        raise DemographicFileError([f"line 1: the column {name} is named twice" for name in twice])
    return header


def _records(text: str, problems: list[str]):
    """(line, {column: field}) for each row of data, checking the shape of each row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    while True:
        line = reader.line_num + 1  # where the next row starts: a quoted line break spans lines
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(f"line {line}: not readable as CSV ({error})")
            break
        if header is None:
            header = _header(fields)
            continue
        if not any(field.strip(" \t") for field in fields):
            continue  # a blank line
        if len(fields) != len(header):
            problems.append(f"line {line}: expected {len(header)} fields, got {len(fields)}")
            continue
        record = {name: field.strip(" \t") for name, field in zip(header, fields, strict=True)}
        too_long = [c for c in COLUMNS if len(record[c]) > LIMITS[c]]
        if too_long:
            problems.extend(f"line {line}: {c} is longer than {LIMITS[c]} characters" for c in too_long)
            continue
        yield line, record
    if header is None:
        raise DemographicFileError(["line 1: the file is empty; it needs a header row"])


def parse_demographic_file(
    data: bytes,
    areas: dict[str, int],
    *,
    within: frozenset[int] | None = None,
    skip_unknown: bool = False,
    progress: ProgressCallback | None = None,
) -> list[DemographicRow]:
    """The rows of a demographic file's bytes, or DemographicFileError listing every problem.

    `areas` maps the codes of the force's neighbourhoods to their ids. `within`: the ids of the areas
    the person loading the file may load figures for (None: all). `skip_unknown` leaves out the rows of
    areas the force does not have instead of refusing them (the demo loads the London file into
    whatever wards it has). `progress` hears how many lines have been read of how many."""
    text = _LONG_RUN.sub(lambda run: run[0][: MAX_FIELD_CHARS + 1], _text(data))
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    problems: list[str] = []
    rows: list[DemographicRow] = []
    first_line: dict[tuple, int] = {}
    positions: dict[tuple[str, str], int] = {}
    for line, record in _records(text, problems):
        if progress is not None and line % PROGRESS_EVERY == 0:
            progress(line, lines, f"Checked {line:,} of {lines:,} lines")
        if skip_unknown and record["area_code"] not in areas:
            continue
        parsed = _row(record, line, areas, problems)
        if parsed is None:
            continue
        neighbourhood_id, measure, category, value, source, year = parsed
        if within is not None and neighbourhood_id not in within:
            problems.append(f"line {line}: area_code {_quoted(record['area_code'])} is outside your area")
            continue
        # A category's place in its table is where the file first names it.
        position = positions.setdefault((measure, category), len(positions))
        row = DemographicRow(line, neighbourhood_id, measure, category, position, value, source, year)
        if row.key in first_line:
            problems.append(
                f"line {line}: duplicate of line {first_line[row.key]} "
                f"(area {record['area_code']}, measure {measure}, category {_quoted(category)}, year {year})"
            )
            continue
        first_line[row.key] = line
        rows.append(row)
    if problems:
        raise DemographicFileError(problems)
    if not rows:
        raise DemographicFileError(["the file has no rows of figures"])
    return rows
