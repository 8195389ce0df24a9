"""The history of each measure as Chart.js reads it (a line per measure, the values by month)."""

import json


def chart_json(parts) -> str:
    series = {}
    for part in parts:
        for line in part.lines:
            series[line.measure.key] = {
                "label": line.measure.label,
                "months": [f"{f.month:%b %Y}" for f in line.history],
                "values": [None if f.value is None else round(f.value, 2) for f in line.history],
            }
    return json.dumps(series)
