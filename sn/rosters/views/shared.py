"""What the shift pages share: the period asked for, the 7 x 24 heat map, the chart's data and the
168-hour table the downloads give."""

import json
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from sn.core.exports import table_response
from sn.core.parameters import bad_parameter
from sn.rosters.plans import AreaCover
from sn.rosters.profiles import SHORT_DAYS, cover_window, hour_label
from sn.rosters.selectors import PERIOD_WEEKS, Period, calls_held, period_ending
from sn.workforce.working_time import DAY_NAMES, HOURS_IN_WEEK

# Light to dark blue; text turns white on the two darkest bands, so every cell keeps a 4.5:1 contrast.
HEAT = ("#f3f2f1", "#d2e2f1", "#a5c6e3", "#5694ca", "#1d70b8", "#003078")
GAP = "#f4d7d2"  # a cover-window hour below the minimum: pale red, dark text


def requested_period(request: HttpRequest) -> Period | HttpResponse:
    text = request.GET.get("weeks", "")
    if not text:
        return period_ending(weeks=PERIOD_WEEKS[0], today=timezone.localdate())
    if not text.isdigit() or int(text) not in PERIOD_WEEKS:
        choices = ", ".join(str(w) for w in PERIOD_WEEKS)
        return bad_parameter(request, name="weeks", value=text, error=f"The period is {choices} weeks.")
    return period_ending(weeks=int(text), today=timezone.localdate())


@dataclass(frozen=True)
class Cell:
    value: float
    background: str
    dark: bool
    gap: bool
    label: str


def heat_rows(values: list[float], *, gaps: list[int] = ()) -> list[tuple[str, list[Cell]]]:
    """(day, 24 cells) for each day, Monday first: coloured by the value against the week's highest."""
    top = max(values) if values and max(values) > 0 else 1.0
    gap_set = set(gaps)
    rows = []
    for day in range(7):
        cells = []
        for hour in range(24):
            index = day * 24 + hour
            value = values[index]
            band = 0 if value <= 0 else min(len(HEAT) - 1, 1 + int((len(HEAT) - 1) * value / top - 1e-9))
            cells.append(
                Cell(
                    value=value,
                    background=GAP if index in gap_set else HEAT[band],
                    dark=index not in gap_set and band >= 4,
                    gap=index in gap_set,
                    label=hour_label(index),
                )
            )
        rows.append((DAY_NAMES[day], cells))
    return rows


def chart_data(series: list[tuple[str, list[float], int]]) -> str:
    """What static rosters/cover_chart.js draws: a line per series over the 168 hours."""
    return json.dumps(
        {
            "labels": [f"{SHORT_DAYS[h // 24]} {h % 24:02d}" for h in range(HOURS_IN_WEEK)],
            "datasets": [
                {"label": label, "data": [round(v, 2) for v in values], "axis": axis}
                for label, values, axis in series
            ],
        }
    )


def hours_download(name: str, area: AreaCover, fmt: str) -> HttpResponse:
    headers = ["day", "hour", "officers on duty (average week)", "calls (average week)", "residents' wish"]
    rows = [
        [
            DAY_NAMES[h // 24],
            f"{h % 24:02d}:00",
            round(area.cover[h], 2),
            round(area.demand[h], 2),
            round(area.wishes.by_hour[h], 3),
        ]
        for h in range(HOURS_IN_WEEK)
    ]
    return table_response(f"shift-cover-{name}-{area.period.start:%Y-%m-%d}", headers, rows, fmt)


def shift_text(day) -> str:
    """ "07:00–15:00" for a working day, "Rest" for a rest day."""
    if day is None:
        return "Rest"
    start = day["start"]
    end = (int(start[:2]) * 60 + int(start[3:]) + round(float(day["hours"]) * 60)) % (24 * 60)
    return f"{start}–{end // 60:02d}:{end % 60:02d}"


def team_days(before, after) -> list[tuple[str, str, str, bool]]:
    """(day, today's shift, the proposed shift, changed) for each day of the week."""
    after = after or before
    return [
        (name, shift_text(b), shift_text(a), b != a)
        for name, b, a in zip(DAY_NAMES, before, after, strict=True)
    ]


def common_context(area: AreaCover) -> dict:
    window = cover_window()
    return {
        "period": area.period,
        "period_weeks": PERIOD_WEEKS,
        "window_start": window.start,
        "window_end": window.stop,
        "calls": calls_held(),
        "demand": area.demand_source,
        "wishes": area.wishes,
        "hours": range(24),
    }
