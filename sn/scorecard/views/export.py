"""The national return: one row per area (force, borough, ward, non-ward area) per measure for a month,
the reader's area only. A borough's figures are the sums of its wards' and non-ward areas' numerators and
denominators, so its row is the sum of its area rows; the force's, of its boroughs'."""

from datetime import date, timedelta

from sn.core.registries import MeasureUnit
from sn.geography.models import Neighbourhood
from sn.geography.scope import Scope
from sn.scorecard.selectors import figure, month_figures, period


def _number(value: float | None) -> int | float | None:
    """Whole numbers as integers ("674", not "674.0"), anything else to four places."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 4)


EXPORT_HEADERS = (
    "force",
    "borough_code",
    "ward_code",
    "measure_key",
    "label",
    "definition",
    "numerator",
    "denominator",
    "value",
    "unit",
    "period_start",
    "period_end",
    # Last, so a consumer reading columns by position keeps working: "force", "borough", "ward" or
    # "non_ward_area" (whose code, not an ONS one, is in ward_code).
    "area_type",
)

AREA_TYPES = {Neighbourhood.Kind.WARD: "ward", Neighbourhood.Kind.NON_WARD: "non_ward_area"}


def export_rows(scope: Scope, month: date, force_code: str) -> list[list]:
    per_ward = month_figures(month)
    # Non-ward areas (docs/adr/0005) are overlays with their own teams: their work is in no ward's
    # figures but is their borough's and the force's, so each has its own row for the borough to add up.
    areas_in_scope = list(
        scope.neighbourhoods().select_related("borough").order_by("borough__code", "-kind", "code")
    )
    start, end = period(month)
    last_day = end - timedelta(days=1)
    areas: list[tuple[str, str, str, list[int]]] = []
    if scope.everything:
        areas.append(("", "", "force", [n.pk for n in areas_in_scope]))
    boroughs: dict[str, list[Neighbourhood]] = {}
    for area in areas_in_scope:
        boroughs.setdefault(area.borough.code, []).append(area)
    for code, members in boroughs.items():
        if scope.everything or members[0].borough_id in scope.borough_ids:
            areas.append((code, "", "borough", [w.pk for w in members]))
    areas += [(n.borough.code, n.code, AREA_TYPES[n.kind], [n.pk]) for n in areas_in_scope]
    rows = []
    for key, figures in per_ward.items():
        for borough_code, ward_code, area_type, ids in areas:
            numerator = sum(figures[i][0] for i in ids if i in figures)
            denominator = sum(figures[i][1] for i in ids if i in figures)
            shown = figure(key, month, numerator, denominator)
            # A count has no denominator: what the sum of the wards' second figures holds is not one.
            is_count = shown.measure.unit == MeasureUnit.COUNT
            rows.append(
                [
                    force_code,
                    borough_code,
                    ward_code,
                    key,
                    shown.measure.label,
                    shown.measure.definition_text,
                    # No data is blank, not 0 (a count whose source does not cover the period).
                    None if shown.value is None and is_count else _number(numerator),
                    None if is_count else _number(denominator),
                    _number(shown.value),
                    shown.measure.unit,
                    start.isoformat(),
                    last_day.isoformat(),
                    area_type,
                ]
            )
    return rows
