"""Reading a CSV of local perception survey responses: every problem, by line, before anything is
written (the upload is all or nothing).

Header row required, columns in any order, other columns ignored:
- worries_most: what worries the respondent most, a topic's slug (asb-rowdy-youths) or its name as the
  form shows it ("Burglary"); blank, "none" or "nothing" for nothing in particular;
- safe_after_dark: yes, mostly, no or "don't know" (dont_know too);
- officer_times: when they want officers around, any of weekday daytime, weekday evening, weekday night,
  weekend daytime, weekend evening, weekend night (or their slugs, weekday_day ...), separated by ";";
  blank for none.
Matching ignores case and spaces at either end. One line per respondent: no names, addresses or ages.
"""

import csv
import io
from dataclasses import dataclass

from sn.concerns.taxonomy import Topic
from sn.engagement.models import OfficerTime, SafeAfterDark

COLUMNS = ("worries_most", "safe_after_dark", "officer_times")
MAX_RESPONSES = 5_000  # a ward's survey is tens or hundreds of doorsteps; thousands is the wrong file
MAX_SHOWN = 30
NOTHING = frozenset({"", "none", "nothing", "nothing in particular"})


def _names(choices) -> dict[str, str]:
    """Value by every spelling accepted: the slug and the label, lower-cased."""
    names: dict[str, str] = {}
    for value, label in choices:
        names[value.lower()] = value
        names[label.lower()] = value
    return names


TOPIC_NAMES = _names(Topic.choices)
SAFE_NAMES = {
    **_names(SafeAfterDark.choices),
    "dont know": SafeAfterDark.DONT_KNOW,
    "don’t know": "dont_know",
}
TIME_NAMES = _names(OfficerTime.choices)


@dataclass(frozen=True)
class ResponseRow:
    line: int
    worry: str
    safe_after_dark: str
    times: frozenset[str]


class SurveyUploadError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the file; nothing was saved")

    def shown(self) -> list[str]:
        more = len(self.problems) - MAX_SHOWN
        return self.problems[:MAX_SHOWN] + ([f"and {more} more problems"] if more > 0 else [])


def _quoted(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "...")


def _row(line: int, row: dict[str, str], problems: list[str]) -> ResponseRow | None:
    found = len(problems)
    worry_text = (row.get("worries_most") or "").strip().lower()
    worry = "" if worry_text in NOTHING else TOPIC_NAMES.get(worry_text)
    if worry is None:
        problems.append(
            f"Line {line}: worries_most {_quoted(worry_text)} is not a topic (see the list of topics)"
        )
    safe_text = (row.get("safe_after_dark") or "").strip().lower()
    safe = SAFE_NAMES.get(safe_text)
    if safe is None:
        problems.append(
            f"Line {line}: safe_after_dark {_quoted(safe_text)} is not yes, mostly, no or don't know"
        )
    times = set()
    for part in (row.get("officer_times") or "").split(";"):
        part = part.strip().lower()
        if not part:
            continue
        if part not in TIME_NAMES:
            problems.append(
                f"Line {line}: officer_times {_quoted(part)} is not a time (weekday evening, ...)"
            )
        else:
            times.add(TIME_NAMES[part])
    if len(problems) > found:
        return None
    return ResponseRow(line=line, worry=worry, safe_after_dark=safe, times=frozenset(times))


def parse_responses(data: bytes) -> list[ResponseRow]:
    """The file's responses; SurveyUploadError listing every problem by line if any line has one."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SurveyUploadError(
            ["The file is not UTF-8 text: save it from the spreadsheet as “CSV UTF-8”"]
        ) from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        return _refuse(
            [f"Line 1: the header must name the columns {', '.join(COLUMNS)} (missing: {', '.join(missing)})"]
        )
    reader.fieldnames = header
    problems: list[str] = []
    rows: list[ResponseRow] = []
    try:
        for record in reader:
            line = reader.line_num
            if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
                continue  # a blank line a spreadsheet left at the end
            if len(rows) >= MAX_RESPONSES:
                problems.append(f"Line {line}: more than {MAX_RESPONSES:,} responses; split the file")
                break
            if (row := _row(line, record, problems)) is not None:
                rows.append(row)
    except csv.Error as error:
        problems.append(f"Line {reader.line_num}: {error}")
    if not rows and not problems:
        problems.append("The file has no responses below its header")
    return _refuse(problems) if problems else rows


def _refuse(problems: list[str]):
    raise SurveyUploadError(problems)
