"""The concerns pages' tables as downloads (CSV, XLSX): every row, whatever page of the table is shown."""

from django.conf import settings

from sn.concerns.analysis import ConcernAnalysis

CONCERN_HEADERS = [
    "Raised on",
    "Topic",
    "police.uk category",
    "Channel",
    "Concern",
    "Where",
    "Latitude",
    "Longitude",
    "Source",
]


def concern_rows(concerns) -> list[list]:
    return [
        [
            c.raised_on,
            c.get_topic_display(),
            c.category or "",
            c.get_channel_display(),
            c.description,
            c.location,
            c.latitude,
            c.longitude,
            c.source,
        ]
        for c in concerns
    ]


def analysis_headers() -> list[str]:
    return [
        "Rank",
        "Topic",
        "Concerns",
        f"Concerns in the last {settings.SN_CONCERNS_RECENT_MONTHS} months",
        "Score",
        "Last raised",
        "police.uk category",
        "Incidents",
        "Incidents a year earlier",
        "Change %",
        "p-value",
        "Compared",
        "Per 1,000 residents",
        "Borough per 1,000 residents",
        "Recorded level",
        "Recorded trend",
        "Residents and records",
    ]


def _rounded(value: float | None):
    return round(value, 2) if value is not None else ""


def _verdict(row) -> str:
    return row.disagreement or row.agreement


def analysis_rows(analysis: ConcernAnalysis) -> list[list]:
    rows = []
    for row in analysis.rows:
        r, side = row.rank, row.recorded
        incident_cells = ["", "", "", "", "", "", "", "", "", ""]
        if side is not None:
            change = side.change
            incident_cells = [
                side.label,
                change.current,
                change.previous,
                round(change.percent_change, 1) if change.percent_change is not None else "",
                round(change.p_value, 4) if change.complete else "",
                "yes" if change.complete else "not tested: months missing",
                _rounded(side.rate),
                _rounded(side.borough_rate),
                side.level or "not judged",
                side.trend or "no clear change",
            ]
        rows.append(
            [r.rank, r.label, r.count, r.recent, r.score, r.last_raised, *incident_cells, _verdict(row)]
        )
    for side, words in analysis.unraised:
        change = side.change
        rows.append(
            ["", "(not raised)", 0, 0, 0, "", side.label, change.current, change.previous]
            + [round(change.percent_change, 1) if change.percent_change is not None else ""]
            + [
                round(change.p_value, 4) if change.complete else "",
                "yes" if change.complete else "not tested",
            ]
            + [_rounded(side.rate), _rounded(side.borough_rate), side.level or "", side.trend or "", words]
        )
    return rows
