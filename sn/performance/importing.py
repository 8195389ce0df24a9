"""Reading a survey results CSV: every problem found, by line and field, before anything is written.

Columns (header row required, in any order): borough, quarter, measure, sample_size, positive.
- borough: the borough's GSS code (E09000028) or its exact name (Southwark);
- quarter: a financial quarter, strictly "YYYY/YY QN" (2010/11 Q2 = July-September 2010);
- measure: one of the slugs of sn.performance.models.Measure (confidence, safe-day, ...);
- sample_size: respondents asked, a whole number of at least 1;
- positive: respondents giving the counted answer (for worry-asb: those worried), 0..sample_size.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass

from sn.performance.models import Measure
from sn.performance.quarters import FinancialQuarter

COLUMNS = ("borough", "quarter", "measure", "sample_size", "positive")
MAX_SHOWN = 30


class SurveyFileError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:MAX_SHOWN])
        more = f"\n  ... and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        super().__init__(
            f"{len(problems)} problem(s) in the survey file; nothing was written:\n{shown}{more}"
        )


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


def _whole_number(text: str, field: str, line: int, problems: list[str]) -> int | None:
    try:
        value = int(text)
    except ValueError:
        problems.append(f"line {line}, {field}: {text!r} is not a whole number")
        return None
    if value < 0:
        problems.append(f"line {line}, {field}: {value} is negative")
        return None
    return value


def _row(record: dict, line: int, boroughs: dict[str, int], problems: list[str]) -> SurveyRow | None:
    before = len(problems)
    borough_text = record["borough"]
    borough_id = boroughs.get(borough_text)
    if borough_id is None:
        problems.append(f"line {line}, borough: no borough has the code or name {borough_text!r}")
    try:
        quarter = FinancialQuarter.parse(record["quarter"])
    except ValueError:
        problems.append(f"line {line}, quarter: {record['quarter']!r} is not a quarter like 2010/11 Q2")
        quarter = None
    measure = record["measure"]
    if measure not in Measure.values:
        problems.append(
            f"line {line}, measure: unknown measure {measure!r} (one of {', '.join(Measure.values)})"
        )
    sample = _whole_number(record["sample_size"], "sample_size", line, problems)
    positive = _whole_number(record["positive"], "positive", line, problems)
    if sample == 0:
        problems.append(f"line {line}, sample_size: must be at least 1")
    if sample is not None and positive is not None and positive > sample:
        problems.append(f"line {line}, positive: {positive} is more than the sample size {sample}")
    if len(problems) > before:
        return None
    return SurveyRow(line, borough_id, quarter, measure, sample, positive)


def parse_survey_csv(lines: Iterable[str], boroughs: dict[str, int]) -> list[SurveyRow]:
    """The rows of a survey CSV, or SurveyFileError listing every problem. `boroughs` maps both GSS
    codes and exact names to borough ids."""
    reader = csv.DictReader(lines)
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise SurveyFileError([f"line 1: missing column(s) {', '.join(missing)} (need {', '.join(COLUMNS)})"])
    reader.fieldnames = header
    problems: list[str] = []
    rows: list[SurveyRow] = []
    first_line: dict[tuple, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record or any(record.get(c) is None for c in COLUMNS):
            problems.append(f"line {line}: expected {len(header)} fields")
            continue
        record = {k: v.strip() for k, v in record.items()}
        if not any(record.values()):
            continue  # a blank line
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
    if problems:
        raise SurveyFileError(problems)
    if not rows:
        raise SurveyFileError(["the file has no rows of results"])
    return rows
