"""The scorecard's reads: every registered measure's figures per ward for a month, summed to a borough or
the force, with history.

A past month is read from its snapshots (sn.scorecard.models) when it was built, one GROUP BY summing
the area's wards in the database; the current month, a month never built, and a measure registered
after its month was built are computed live from the measure's own `figures(start, end)`. Either way an
area's figure is sum(numerators) over sum(denominators) of its wards and non-ward areas (docs/adr/0005),
never an average of ratios.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from sn.core.months import add_months, month_span, this_month
from sn.core.registries import SCORECARD_MEASURES, MeasureUnit, ScorecardMeasure
from sn.geography.models import Borough, Neighbourhood
from sn.scorecard.models import ScorecardMonth, ScorecardSnapshot

# Measures whose numerator and denominator are minutes (sn.scorecard.community): their details read in
# hours, "856 of 864 hours", not "(51360 of 51840)". The return keeps the minutes the definition names.
IN_MINUTES = frozenset({"community_time_share"})


def _grouped(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class UnknownMeasure(LookupError):
    """A figure whose measure is not registered (so has no definition): never shown."""


def measure(key: str) -> ScorecardMeasure:
    found = SCORECARD_MEASURES.get(key)
    if found is None:
        raise UnknownMeasure(f"No scorecard measure {key!r} is registered: a figure needs a definition")
    return found


@dataclass(frozen=True)
class Area:
    level: str  # "force", "borough", "ward", or "wards" (a reader's several wards, summed)
    pk: int | None
    code: str
    name: str
    borough_code: str = ""
    ward_ids: frozenset[int] = frozenset()  # for "wards"
    # A "ward" that is a non-ward area (a town centre, docs/adr/0005): its page must not call it a ward.
    non_ward: bool = False

    @classmethod
    def force(cls) -> "Area":
        return cls("force", None, "", "The force")

    @classmethod
    def of_borough(cls, borough: Borough) -> "Area":
        return cls("borough", borough.pk, borough.code, borough.name, borough.code)

    @classmethod
    def of_ward(cls, ward: Neighbourhood) -> "Area":
        non_ward = ward.kind == Neighbourhood.Kind.NON_WARD
        return cls("ward", ward.pk, ward.code, ward.name, ward.borough.code, non_ward=non_ward)

    @classmethod
    def of_wards(cls, name: str, ward_ids) -> "Area":
        """Several wards as one area, as an inspector's cluster or a sergeant shared by two wards."""
        return cls("wards", None, "", name, ward_ids=frozenset(ward_ids))


@dataclass(frozen=True)
class Figure:
    measure: ScorecardMeasure
    month: date
    numerator: float
    denominator: float

    @property
    def value(self) -> float | None:
        unit = self.measure.unit
        if unit == MeasureUnit.COUNT:
            if self.measure.count_needs_data and not self.denominator:
                return None
            return self.numerator
        if not self.denominator:
            return None
        ratio = self.numerator / self.denominator
        return 100 * ratio if unit == MeasureUnit.PERCENT else ratio

    @property
    def meets_target(self) -> bool | None:
        target, value = self.measure.target, self.value
        if target is None or value is None:
            return None
        return value >= target if self.measure.higher_is_better else value <= target

    @property
    def shown(self) -> str:
        value = self.value
        if value is None:
            return "No data"
        if self.measure.unit == MeasureUnit.PERCENT:
            return f"{value:.1f}%"
        if self.measure.unit == MeasureUnit.COUNT:
            return f"{value:,.0f}"
        return f"{value:,.1f} {self.measure.unit_label}".strip()

    @property
    def detail(self) -> str:
        """What a ratio is of, under its figure ("1,234 of 5,678"); nothing for a count or no data."""
        if self.measure.unit == MeasureUnit.COUNT or not self.denominator:
            return ""
        if self.measure.key in IN_MINUTES:
            return f"{self.numerator / 60:,.0f} of {self.denominator / 60:,.0f} hours"
        return f"{_grouped(self.numerator)} of {_grouped(self.denominator)}"

    @property
    def target_shown(self) -> str:
        """The measure's target in its unit: "100%", "5 days", "1,000"; empty without one."""
        target = self.measure.target
        if target is None:
            return ""
        if self.measure.unit == MeasureUnit.PERCENT:
            return f"{_grouped(target)}%"
        return f"{_grouped(target)} {self.measure.unit_label}".strip()


def figure(key: str, month: date, numerator: float, denominator: float) -> Figure:
    """The only way a figure is made: its measure must be registered, with its definition."""
    return Figure(measure(key), month, float(numerator), float(denominator))


def default_month(today: date | None = None) -> date:
    """The last complete month."""
    return add_months((today or timezone.localdate()).replace(day=1), -1)


def period(month: date) -> tuple[date, date]:
    """[start, end) of a month; the current month runs to the end of today."""
    end = add_months(month, 1)
    if month >= this_month():
        end = min(end, timezone.localdate() + timedelta(days=1))
    return month, end


def _ward_filter(area: Area) -> dict:
    if area.level == "ward":
        return {"neighbourhood_id": area.pk}
    if area.level == "borough":
        return {"neighbourhood__borough_id": area.pk}
    if area.level == "wards":
        return {"neighbourhood_id__in": sorted(area.ward_ids)}
    return {}


def _area_ward_ids(area: Area) -> set[int] | None:
    if area.level == "ward":
        return {area.pk}
    if area.level == "borough":
        return set(Neighbourhood.objects.filter(borough_id=area.pk).values_list("id", flat=True))
    if area.level == "wards":
        return set(area.ward_ids)
    return None


def _live(key: str, month: date, ward_ids: set[int] | None) -> tuple[float, float]:
    start, end = period(month)
    numerator = denominator = 0.0
    for ward_id, (n, d) in measure(key).figures(start, end).items():
        if ward_ids is None or ward_id in ward_ids:
            numerator += n
            denominator += d
    return numerator, denominator


def area_figures(area: Area, months: list[date]) -> dict[tuple[str, date], Figure]:
    """{(measure key, month): Figure} of every registered measure for `area` in each of `months`."""
    keys = SCORECARD_MEASURES.keys()
    built = {
        row.month: set(row.measure_keys)
        for row in ScorecardMonth.objects.filter(month__in=months, month__lt=this_month())
    }
    sums: dict[tuple[str, date], tuple[float, float]] = {}
    if built:
        rows = (
            ScorecardSnapshot.objects.filter(
                month__month__in=list(built), measure_key__in=keys, **_ward_filter(area)
            )
            .values("measure_key", "month__month")
            .annotate(n=Sum("numerator"), d=Sum("denominator"))
            .order_by()
        )
        sums = {(r["measure_key"], r["month__month"]): (r["n"], r["d"]) for r in rows}
    ward_ids: set[int] | None | bool = False
    result = {}
    for month in months:
        for key in keys:
            if key in built.get(month, ()):
                n, d = sums.get((key, month), (0.0, 0.0))
            else:
                if ward_ids is False:
                    ward_ids = _area_ward_ids(area)
                n, d = _live(key, month, ward_ids)
            result[(key, month)] = figure(key, month, n, d)
    return result


@dataclass
class Line:
    """One measure on a scorecard page: the month's figure and its history, oldest first."""

    measure: ScorecardMeasure
    figure: Figure
    history: list[Figure]


@dataclass
class Part:
    title: str
    lines: list[Line]


def history_months(month: date) -> list[date]:
    return month_span(month, int(settings.SN_SCORECARD_HISTORY_MONTHS))


def scorecard(area: Area, month: date, *, public_only: bool = False) -> list[Part]:
    """The measures for `area` in `month`, grouped by the Guarantee's parts in the measures' order."""
    months = history_months(month)
    figures = area_figures(area, months)
    parts: dict[str, list[Line]] = defaultdict(list)
    for entry in SCORECARD_MEASURES:
        if public_only and not entry.public:
            continue
        history = [figures[(entry.key, m)] for m in months]
        parts[entry.part].append(Line(entry, figures[(entry.key, month)], history))
    return [Part(title, lines) for title, lines in parts.items()]


def month_figures(month: date) -> dict[str, dict[int, tuple[float, float]]]:
    """{measure key: {ward id: (numerator, denominator)}} for every ward of the force in `month`: what a
    snapshot stores and what the export rolls up."""
    built = ScorecardMonth.objects.filter(month=month, month__lt=this_month()).first()
    keys = SCORECARD_MEASURES.keys()
    stored = set(built.measure_keys) & set(keys) if built else set()
    result: dict[str, dict[int, tuple[float, float]]] = {key: {} for key in keys}
    if stored:
        rows = ScorecardSnapshot.objects.filter(month=built, measure_key__in=stored).values_list(
            "measure_key", "neighbourhood_id", "numerator", "denominator"
        )
        for key, ward_id, n, d in rows:
            result[key][ward_id] = (n, d)
    start, end = period(month)
    for key in keys:
        if key not in stored:
            result[key] = {w: (float(n), float(d)) for w, (n, d) in measure(key).figures(start, end).items()}
    return result
