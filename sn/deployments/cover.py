"""The cover rule of Approach A (seed 000 paragraphs 33-37), as a pure function of the duties.

A deployment may not leave a ward without at least one PC and one PCSO on duty in any shift of its
period. Precisely:

- A *shift* of a ward on a day is each distinct on-duty span (start and end) rostered for the ward's
  own team on that day: an early 07:00-15:00 and a late 14:00-22:00 are two shifts.
- The ward is *covered* in a shift when, at every moment of the span, at least one PC and at least one
  PCSO of the team are on duty on the ward, not lent elsewhere that day (not necessarily the same
  officer all the way through: a PC on 07:00-11:00 and another on 11:00-15:00 cover 07:00-15:00).
  Officers lent into the ward do not count: they are there for a problem, and they leave when it ends.
- A deployment is refused when, in any shift of the period in which one of the officers it lends was
  rostered, the ward would not be covered once those officers and every officer lent by other
  deployments in force that day are taken away. A shift the lent officers were not rostered in is not
  changed by lending them, so a gap there is the roster's and is shown by the shifts pages, not here.
- A day of the period outside the team's roster (after its last duty, or before its first: the duty
  system has not sent it yet) cannot be checked, and is refused. A day inside the roster with no
  duty is the team's rest day: no one is on duty, and lending an officer does not change that.

Removing an officer never adds cover; a ward whose every shift has two PCs and two PCSOs can always
lend one of each (the property tests in tests/test_cover.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

PC = "pc"
PCSO = "pcso"
NEEDED = ((PC, "PC"), (PCSO, "PCSO"))


@dataclass(frozen=True)
class Stint:
    """One on-duty duty of an officer of the ward's team, on the ward (local times)."""

    officer_id: int
    rank: str
    day: date
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Shift:
    day: date
    starts_at: datetime
    ends_at: datetime

    @property
    def label(self) -> str:
        return f"{self.starts_at:%H:%M} to {self.ends_at:%H:%M}"


@dataclass(frozen=True)
class Refusal:
    ward: str
    day: date
    shift: Shift | None = None
    missing: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        when = f"{self.day:%A} {self.day.day} {self.day:%B %Y}"
        if self.shift is None:
            return f"The duties for {self.ward} are not rostered for {when}; the cover cannot be checked."
        return (
            f"{self.ward} would have no {' and no '.join(self.missing)} on duty on {when} "
            f"in the {self.shift.label} shift."
        )


def shifts_of(stints: Iterable[Stint]) -> list[Shift]:
    return sorted(
        {Shift(s.day, s.starts_at, s.ends_at) for s in stints}, key=lambda s: (s.starts_at, s.ends_at)
    )


def _spans_cover(spans: list[tuple[datetime, datetime]], start: datetime, end: datetime) -> bool:
    """Whether the union of `spans` covers [start, end)."""
    reached = start
    for span_start, span_end in sorted(spans):
        if span_start > reached:
            break
        reached = max(reached, span_end)
        if reached >= end:
            return True
    return reached >= end


def missing_in(shift: Shift, stints: Iterable[Stint], away: frozenset[tuple[int, date]]) -> tuple[str, ...]:
    """The ranks ("PC", "PCSO") not on duty for the whole of `shift` once the officers `away` that day
    (officer id, day) are taken out."""
    present = [s for s in stints if (s.officer_id, s.day) not in away and s.ends_at > shift.starts_at]
    missing = []
    for rank, label in NEEDED:
        spans = [(s.starts_at, s.ends_at) for s in present if s.rank == rank and s.starts_at < shift.ends_at]
        if not _spans_cover(spans, shift.starts_at, shift.ends_at):
            missing.append(label)
    return tuple(missing)


def uncovered_shifts(
    stints: list[Stint], away: frozenset[tuple[int, date]]
) -> list[tuple[Shift, tuple[str, ...]]]:
    """Every shift of the stints without a PC and a PCSO once `away` is taken out, with what is missing."""
    by_day: dict[date, list[Stint]] = {}
    for stint in stints:
        by_day.setdefault(stint.day, []).append(stint)
    gaps = []
    for shift in shifts_of(stints):
        # A stint may run past midnight into the next day's shifts, so neighbouring days are read too.
        nearby = [s for d in by_day for s in by_day[d] if abs((d - shift.day).days) <= 1]
        missing = missing_in(shift, nearby, away)
        if missing:
            gaps.append((shift, missing))
    return gaps


def refusals(
    *,
    ward: str,
    days: Iterable[date],
    rostered_days: Iterable[date],
    stints: list[Stint],
    lending: frozenset[int],
    away: frozenset[tuple[int, date]] = frozenset(),
) -> list[Refusal]:
    """Why lending the officers `lending` (ids) on `days` would break the cover of the ward, given its
    team's on-duty `stints` and the officers already `away` (lent by other deployments) by day; empty
    when it would not. `rostered_days` are the days the team's roster covers (rest days included)."""
    days = sorted(set(days))
    rostered = set(rostered_days)
    found = [Refusal(ward=ward, day=day) for day in days if day not in rostered]
    lent_days = frozenset((officer, day) for officer in lending for day in days)
    gone = away | lent_days
    in_period = set(days)
    affected = {
        Shift(s.day, s.starts_at, s.ends_at)
        for s in stints
        if s.day in in_period and (s.officer_id, s.day) in lent_days
    }
    for shift in sorted(affected, key=lambda s: (s.starts_at, s.ends_at)):
        nearby = [s for s in stints if abs((s.day - shift.day).days) <= 1]
        missing = missing_in(shift, nearby, gone)
        if missing:
            found.append(Refusal(ward=ward, day=shift.day, shift=shift, missing=missing))
    return sorted(found, key=lambda r: (r.day, r.shift.starts_at if r.shift else datetime.min))
