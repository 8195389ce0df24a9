"""Financial quarters, as the force reports its survey: the year runs April to March.

Q1 is April-June, Q2 July-September, Q3 October-December and Q4 January-March of the following
calendar year. "2010/11 Q2" is July-September 2010. Pure Python, no Django.
"""

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(\d{4})/(\d{2}) Q([1-4])$")
_MONTHS = ("Apr–Jun", "Jul–Sep", "Oct–Dec", "Jan–Mar")


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    year: int  # the calendar year the financial year starts in: 2010 for 2010/11
    number: int  # 1..4

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(f"a quarter number is 1 to 4, not {self.number}")

    @classmethod
    def parse(cls, text: str) -> "FinancialQuarter":
        """Strictly "YYYY/YY QN", e.g. "2010/11 Q2"; anything else is a ValueError."""
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a financial quarter like 2010/11 Q2")
        year, next_year, number = int(match[1]), int(match[2]), int(match[3])
        if next_year != (year + 1) % 100:
            raise ValueError(f"{text!r}: the financial year {year}/{next_year:02d} does not exist")
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
