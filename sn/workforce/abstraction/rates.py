"""The arithmetic of abstraction: hours abstracted for reasons that count over hours rostered.

Rostered hours are every duty hour of the officer's home team that day, the abstracted ones included
(a duty's team is its home posting, wherever the officer worked). Which reasons count is the policy's
call on the duty's own date: a policy that changes mid-month applies from its date, so each month is
cut into segments at policy changes and the database sums minutes per segment and reason in one
GROUP BY; exemption is applied here, on a few hundred sums rather than on the rows.
"""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Case, F, IntegerField, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from sn.core.months import add_months
from sn.workforce.models import AbstractionPolicy, AbstractionReason, Duty


@dataclass(frozen=True)
class Policy:
    """A policy as the rates use it: from when, the target (per cent) and the reasons it exempts."""

    effective_from: date
    target: Decimal
    exempt: frozenset[int]


@dataclass(frozen=True)
class Segment:
    """A run of days within one month under one policy (None: before any policy, nothing exempt)."""

    start: date
    end: date  # exclusive
    month: date
    policy: Policy | None


def policies() -> list[Policy]:
    """Every policy, oldest first: the table is the policy's history."""
    rows = AbstractionPolicy.objects.prefetch_related("exempt_reasons").order_by("effective_from")
    return [
        Policy(p.effective_from, p.target_rate, frozenset(r.pk for r in p.exempt_reasons.all())) for p in rows
    ]


def policy_on(day: date, history: list[Policy]) -> Policy | None:
    found = None
    for policy in history:
        if policy.effective_from <= day:
            found = policy
    return found


def segments(first_month: date, last_month: date, history: list[Policy]) -> list[Segment]:
    """The months from first to last (inclusive) cut at every policy change inside them."""
    cuts: list[Segment] = []
    month = first_month
    while month <= last_month:
        month_after = add_months(month, 1)
        bounds = [month] + [p.effective_from for p in history if month < p.effective_from < month_after]
        for start, end in zip(bounds, [*bounds[1:], month_after], strict=True):
            cuts.append(Segment(start, end, month, policy_on(start, history)))
        month = month_after
    return cuts


@dataclass
class Tally:
    """Minutes rostered and abstracted by reason in one area (or officer) and month."""

    rostered: int = 0
    counted: int = 0  # abstracted for reasons the policy counts
    exempt: int = 0  # abstracted for exempt reasons
    by_reason: dict[int, int] = field(default_factory=dict)
    exempt_by_reason: dict[int, int] = field(default_factory=dict)  # the part of by_reason exempt

    def add(self, reason_id: int | None, minutes: int, *, exempt: bool) -> None:
        self.rostered += minutes
        if reason_id is None:
            return
        self.by_reason[reason_id] = self.by_reason.get(reason_id, 0) + minutes
        if exempt:
            self.exempt += minutes
            self.exempt_by_reason[reason_id] = self.exempt_by_reason.get(reason_id, 0) + minutes
        else:
            self.counted += minutes

    def merge(self, other: "Tally") -> None:
        self.rostered += other.rostered
        self.counted += other.counted
        self.exempt += other.exempt
        for reason_id, minutes in other.by_reason.items():
            self.by_reason[reason_id] = self.by_reason.get(reason_id, 0) + minutes
        for reason_id, minutes in other.exempt_by_reason.items():
            self.exempt_by_reason[reason_id] = self.exempt_by_reason.get(reason_id, 0) + minutes

    @property
    def rate(self) -> float | None:
        """The share of rostered hours abstracted for reasons that count (0.016 for 1.6%)."""
        return self.counted / self.rostered if self.rostered else None

    def reason_rate(self, reason_id: int) -> float | None:
        return self.by_reason.get(reason_id, 0) / self.rostered if self.rostered else None

    @property
    def rostered_hours(self) -> float:
        return self.rostered / 60

    @property
    def counted_hours(self) -> float:
        return self.counted / 60

    @property
    def exempt_hours(self) -> float:
        return self.exempt / 60


def tallies(
    duties: QuerySet[Duty],
    *,
    key: str | None,
    first_month: date,
    last_month: date,
    history: list[Policy],
    until: date,
    scan: bool = False,
) -> dict[tuple, Tally]:
    """{(key value, month): Tally} over the months first to last and up to `until`, one GROUP BY.
    `key` is the field the rows are grouped by ("team_id", "officer_id",
    "team__neighbourhood__borough_id" ...), None for the whole of `duties` (the key value is then None).
    `scan`: the rows are most of the table (the force), which one pass over it reads faster than an
    index lookup per row."""
    cuts = segments(first_month, last_month, history)
    day = Coalesce("date", "date") if scan else F("date")
    rows = duties.alias(day=day).filter(
        day__gte=first_month, day__lt=add_months(last_month, 1), day__lte=until
    )
    result: dict[tuple, Tally] = defaultdict(Tally)
    if key is None:
        # A handful of reasons by a few hundred days: cheaper to group by the date itself and find each
        # day's segment here than to have the database evaluate a CASE on every row.
        starts = [cut.start for cut in cuts]
        for row in rows.values("reason_id", "date").annotate(total=Sum("minutes")).order_by():
            _add(result, None, cuts[bisect_right(starts, row["date"]) - 1], row["reason_id"], row["total"])
        return dict(result)
    # Keyed rows are many (teams, officers) and a month has one or two segments: a short CASE per row.
    which = Case(
        *[When(date__lt=cut.end, then=Value(i)) for i, cut in enumerate(cuts)], output_field=IntegerField()
    )
    grouped = rows.annotate(segment=which).values(key, "reason_id", "segment").annotate(total=Sum("minutes"))
    for row in grouped.order_by():
        _add(result, row[key], cuts[row["segment"]], row["reason_id"], row["total"])
    return dict(result)


def _add(result: dict[tuple, Tally], key, cut: Segment, reason_id: int | None, minutes: int) -> None:
    exempt = reason_id is not None and cut.policy is not None and reason_id in cut.policy.exempt
    result[(key, cut.month)].add(reason_id, minutes, exempt=exempt)


def reason_labels() -> dict[int, tuple[str, int]]:
    """{reason id: (label, order)} of every abstraction reason."""
    return {r.pk: (r.label, r.order) for r in AbstractionReason.objects.all()}
