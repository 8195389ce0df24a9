"""Reading a survey results CSV: every problem found, by line and field, before anything is written.

The upload page and `sn import-survey` both hand the file's bytes to parse_survey_file(), so a file
reads the same either way: decoded as UTF-8, split into rows only at real CSV line breaks (\\n, \\r,
\\r\\n; never U+2028 and the other breaks str.splitlines() knows), by the csv module.

Columns (header row required, in any order; other columns are ignored): borough, quarter, measure,
sample_size, positive.
- borough: the borough's GSS code (E09000028) or its exact name (Southwark);
- quarter: a financial quarter, strictly "YYYY/YY QN" (2010/11 Q2 = July-September 2010), from 2000/01;
- measure: one of the slugs of sn.performance.models.Measure (confidence, safe-day, ...);
- sample_size: respondents asked, a whole number from SN_SURVEY_MIN_SAMPLE_PER_ROW (2) to 1,000,000 in
  ASCII digits;
- positive: respondents giving the counted answer (for worry-asb: those worried), 0..sample_size.
No field may be longer than 200 characters.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from sn.performance.models import Measure
from sn.performance.quarters import FinancialQuarter

COLUMNS = ("borough", "quarter", "measure", "sample_size", "positive")
MAX_SHOWN = 30
MAX_SURVEY_BYTES = 5 * 1024 * 1024
MAX_FIELD_CHARS = 200  # the longest borough name the geography holds
# A borough's quarterly sample is a few hundred; a million is a slip, and keeps counts in any column.
MAX_SAMPLE_SIZE = 1_000_000
_SHOWN = 40  # characters of a field quoted back in a message: a borough's name fits

# int() takes "1_00", "+5", " 5" and Arabic-Indic or full-width digits; a count is written in 0-9.
_WHOLE_NUMBER = re.compile(r"[0-9]+")
_NEGATIVE = re.compile(r"-[0-9]+")
# The csv module refuses a field of 131,072 characters with an error naming neither line nor field.
# Any run that long is refused anyway, so cut each run of ordinary characters to just over the cap:
# rows, fields and line numbers stay as they were, and the refusal names the field.
_LONG_RUN = re.compile(rf'[^,"\r\n]{{{MAX_FIELD_CHARS + 1},}}')
# How often a progress callback hears of the lines read: a call per line would cost more than the line.
PROGRESS_EVERY = 500

# progress(done, total, message): lines read of the lines in the file (sn.jobs.registry.Progress).
ProgressCallback = Callable[..., None]


class SurveyFileError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in self.shown())
        super().__init__(f"{len(problems)} problem(s) in the survey file; nothing was written:\n{shown}")

    def shown(self) -> list[str]:
        """The first MAX_SHOWN problems, then how many more: a page or a terminal need not list
        thousands of lines to say what is wrong."""
        more = len(self.problems) - MAX_SHOWN
        return self.problems[:MAX_SHOWN] + ([f"and {more} more problems"] if more > 0 else [])


@dataclass(frozen=True)
class SurveyRow:
    line: int
    borough_id: int
    quarter: FinancialQuarter
    measure: str
    sample_size: int
    positive: int

    @property
    def key(self) -> tuple[int, FinancialQuarter, str]:
        return (self.borough_id, self.quarter, self.measure)


def _quoted(text: str) -> str:
    return repr(text) if len(text) <= _SHOWN else f"{text[:_SHOWN]!r}... ({len(text)} characters)"


def _whole_number(text: str, field: str, line: int, problems: list[str]) -> int | None:
    if _NEGATIVE.fullmatch(text):
        problems.append(f"line {line}, {field}: {text} is negative")
        return None
    if not _WHOLE_NUMBER.fullmatch(text):
        problems.append(f"line {line}, {field}: {_quoted(text)} is not a whole number")
        return None
    # Length before int(): a few thousand digits are an error of int() itself.
    if len(text) > len(str(MAX_SAMPLE_SIZE)) or int(text) > MAX_SAMPLE_SIZE:
        problems.append(f"line {line}, {field}: {_quoted(text)} is more than {MAX_SAMPLE_SIZE:,}")
        return None
    return int(text)


def _row(record: dict, line: int, boroughs: dict[str, int], problems: list[str]) -> SurveyRow | None:
    before = len(problems)
    borough_text = record["borough"]
    borough_id = boroughs.get(borough_text)
    if borough_id is None:
        problems.append(f"line {line}, borough: no borough has the code or name {_quoted(borough_text)}")
    try:
        quarter = FinancialQuarter.parse(record["quarter"])
    except ValueError as error:
        problems.append(f"line {line}, quarter: {error}")
        quarter = None
    measure = record["measure"]
    if measure not in Measure.values:
        problems.append(
            f"line {line}, measure: unknown measure {_quoted(measure)} (one of {', '.join(Measure.values)})"
        )
    sample = _whole_number(record["sample_size"], "sample_size", line, problems)
    positive = _whole_number(record["positive"], "positive", line, problems)
    minimum = settings.SN_SURVEY_MIN_SAMPLE_PER_ROW
    if sample is not None and sample < minimum:
        # One respondent is an answer, not a measure: the rolling year would swing on it.
        problems.append(f"line {line}, sample_size: must be at least {minimum} respondents, not {sample}")
    if sample is not None and positive is not None and positive > sample:
        problems.append(f"line {line}, positive: {positive} is more than the sample size {sample}")
    if len(problems) > before:
        return None
    return SurveyRow(line, borough_id, quarter, measure, sample, positive)


def _text(data: bytes) -> str:
    if len(data) > MAX_SURVEY_BYTES:
        raise SurveyFileError(["the file must be smaller than 5 MB"])
    try:
        return data.decode("utf-8-sig")  # Excel writes a byte-order mark; it is not part of the header
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SurveyFileError([f"line {line}: the file must be a CSV saved as UTF-8 text"]) from error


def _header(fields: list[str]) -> list[str]:
    header = [name.strip(" \t") for name in fields]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise SurveyFileError([f"line 1: missing column(s) {', '.join(missing)} (need {', '.join(COLUMNS)})"])
    twice = sorted({name for name in header if name in COLUMNS and header.count(name) > 1})
    if twice:
        raise SurveyFileError([f"line 1: the column {name} is named twice" for name in twice])
    return header


def parse_survey_file(
    data: bytes, boroughs: dict[str, int], *, progress: ProgressCallback | None = None
) -> list[SurveyRow]:
    """The rows of a survey CSV file's bytes, or SurveyFileError listing every problem. `boroughs`
    maps both GSS codes and exact names to borough ids. `progress` hears how many lines have been
    read of how many."""
    text = _LONG_RUN.sub(lambda run: run[0][: MAX_FIELD_CHARS + 1], _text(data))
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    # newline="": the csv module, not the text layer, decides where a row ends (a quoted field may hold
    # a line break), and only \n, \r and \r\n end one.
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[str] = []
    rows: list[SurveyRow] = []
    first_line: dict[tuple, int] = {}
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
        if progress is not None and line % PROGRESS_EVERY == 0:
            progress(line, lines, f"Checked {line:,} of {lines:,} lines")
        if not any(field.strip(" \t") for field in fields):
            continue  # a blank line
        if len(fields) != len(header):
            problems.append(f"line {line}: expected {len(header)} fields, got {len(fields)}")
            continue
        too_long = [name for name, field in zip(header, fields, strict=True) if len(field) > MAX_FIELD_CHARS]
        if too_long:
            problems.extend(
                f"line {line}, {name}: longer than {MAX_FIELD_CHARS} characters" for name in too_long
            )
            continue
        # Spaces and tabs only: str.strip() would also take U+2028 and other characters a field may
        # not end with, and the row would be read as something it does not say.
        record = {name: field.strip(" \t") for name, field in zip(header, fields, strict=True)}
        row = _row(record, line, boroughs, problems)
        if row is None:
            continue
        if row.key in first_line:
            problems.append(
                f"line {line}: duplicate of line {first_line[row.key]} "
                f"(borough {record['borough']}, quarter {row.quarter}, measure {row.measure})"
            )
            continue
        first_line[row.key] = line
        rows.append(row)
    if header is None:
        raise SurveyFileError(["line 1: the file is empty; it needs a header row"])
    if problems:
        raise SurveyFileError(problems)
    if not rows:
        raise SurveyFileError(["the file has no rows of results"])
    return rows
