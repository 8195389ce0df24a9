"""Financial quarters, as the force reports its survey: the year runs April to March.

Q1 is April-June, Q2 July-September, Q3 October-December and Q4 January-March of the following
calendar year. "2010/11 Q2" is July-September 2010. FinancialQuarter.parse() is the one reader of a
typed quarter (the survey import, the pages' ?quarter=). Pure Python, no Django.
"""

import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date

# ASCII digits only: \d would take Arabic-Indic and other digits that int() reads as numbers.
_PATTERN = re.compile(r"([0-9]{4})/([0-9]{2}) Q([1-4])")
_MONTHS = ("Apr–Jun", "Jul–Sep", "Oct–Dec", "Jan–Mar")
_SHOWN = 20  # characters of a slip quoted back in a message

# The first financial year the service holds (2000/01); the survey began in 2006. A year earlier, or
# more than a year ahead (latest_year()), is a typing slip, and a quarter read from it would reach the
# pages, whose rolling years and year-earlier comparisons step back from it.
EARLIEST_YEAR = 2000


def latest_year(today: date) -> int:
    """The last financial year a quarter may be in: the one after the year `today` is in."""
    return FinancialQuarter.containing(today).year + 1


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    year: int  # the calendar year the financial year starts in: 2010 for 2010/11
    number: int  # 1..4

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(f"a quarter number is 1 to 4, not {self.number}")
        # Q4 ends in the following calendar year, and both must be dates.
        if not MINYEAR <= self.year < MAXYEAR:
            raise ValueError(f"a financial year starts in {MINYEAR} to {MAXYEAR - 1}, not {self.year}")

    @classmethod
    def parse(cls, text: str, *, today: date | None = None) -> "FinancialQuarter":
        """Strictly "YYYY/YY QN", e.g. "2010/11 Q2", from 2000/01 to the financial year after the one
        `today` (by default, today) is in; anything else is a ValueError whose message can be shown to
        the person who typed it."""
        match = _PATTERN.fullmatch(text)
        if not match:
            raise ValueError(f"{_quoted(text)} is not a quarter like 2010/11 Q2")
        year, next_year, number = int(match[1]), int(match[2]), int(match[3])
        if next_year != (year + 1) % 100:
            raise ValueError(f"{text!r}: the financial year {year}/{next_year:02d} does not exist")
        last = latest_year(today or date.today())
        if not EARLIEST_YEAR <= year <= last:
            first, final = cls(EARLIEST_YEAR, 1).financial_year, cls(last, 1).financial_year
            raise ValueError(f"{text!r} is outside the years the service holds ({first} to {final})")
        return cls(year, number)

    @classmethod
    def from_start(cls, start: date) -> "FinancialQuarter":
        if start.day != 1 or start.month not in (1, 4, 7, 10):
            raise ValueError(f"{start} is not the first day of a quarter")
        if start.month == 1:
            return cls(start.year - 1, 4)
        return cls(start.year, (start.month - 4) // 3 + 1)

    @classmethod
    def containing(cls, day: date) -> "FinancialQuarter":
        month = ((day.month - 1) // 3) * 3 + 1
        return cls.from_start(date(day.year, month, 1))

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.number - 1)
        return date(self.year + 1, month - 12, 1) if month > 12 else date(self.year, month, 1)

    @property
    def index(self) -> int:
        return self.year * 4 + self.number - 1

    def shifted(self, quarters: int) -> "FinancialQuarter":
        index = self.index + quarters
        return FinancialQuarter(index // 4, index % 4 + 1)

    def last_four(self) -> list["FinancialQuarter"]:
        """The rolling year ending with this quarter, oldest first."""
        return [self.shifted(-i) for i in (3, 2, 1, 0)]

    @property
    def financial_year(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def months(self) -> str:
        return f"{_MONTHS[self.number - 1]} {self.start.year}"

    def __str__(self) -> str:
        return f"{self.financial_year} Q{self.number}"


def _quoted(text: str) -> str:
    return repr(text) if len(text) <= _SHOWN else f"{text[:_SHOWN]!r}... ({len(text)} characters)"
