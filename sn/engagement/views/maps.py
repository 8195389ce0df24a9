"""The maps of the engagement pages, as JSON for static/concerns/point_map.js: the ward's boundary, and
the points an event holds (its place, its audit findings)."""

import json

from sn.geography.selectors import feature_collection


def ward_map(neighbourhood) -> str:
    return feature_collection([neighbourhood], lambda a: {"name": a.name, "role": "focus"})


def event_map(event) -> str:
    points = []
    if event.located:
        points.append(
            {
                "lat": event.latitude,
                "lng": event.longitude,
                "label": event.venue or event.title,
                "kind": "event",
            }
        )
    if event.kind == "visual_audit":
        for finding in event.findings.order_by("id"):
            label = f"{finding.get_item_display()} ({finding.get_severity_display().lower()})"
            points.append(
                {"lat": finding.latitude, "lng": finding.longitude, "label": label, "kind": finding.severity}
            )
    return json.dumps(
        {"ward": json.loads(ward_map(event.neighbourhood)), "points": points}, separators=(",", ":")
    )
