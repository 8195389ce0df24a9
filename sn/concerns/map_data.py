"""What the analysis map draws: the ward, the concerns of one topic that have a point, and the incidents
recorded for its category over the incident months (police.uk's anonymised points; points placed inside
the ward from counts are marked as placed, since they are not where anything happened)."""

import json

from sn.concerns.analysis import ConcernAnalysis
from sn.concerns.selectors import ward_concerns
from sn.concerns.taxonomy import TOPICS
from sn.geography.selectors import feature_collection
from sn.incidents.models import Incident

# Enough to show where incidents gather in a busy ward without sending a phone megabytes of points.
MAP_INCIDENTS = 3_000


def map_data(analysis: ConcernAnalysis, topic: str) -> tuple[str, dict]:
    """The map's JSON, and what the page says about it (how many points of each kind it shows)."""
    neighbourhood = analysis.neighbourhood
    concerns = [
        [
            round(c.latitude, 6),
            round(c.longitude, 6),
            f"{c.raised_on:%d %b %Y}",
            c.location or c.get_channel_display(),
        ]
        for c in ward_concerns(
            neighbourhood, start=analysis.period.start, end=analysis.period.end, topics=[topic]
        ).exclude(latitude=None)
    ]
    category = TOPICS[topic].category
    incidents: list[list] = []
    total = 0
    if category:
        found = Incident.objects.filter(
            neighbourhood=neighbourhood,
            category=category,
            month__gte=analysis.profile.start_month,
            month__lte=analysis.profile.end_month,
        ).exclude(latitude=None)
        total = found.count()
        incidents = [
            [round(lat, 6), round(lng, 6), int(placed), f"{month:%b %Y}", location]
            for lat, lng, placed, month, location in found.order_by("-month", "id").values_list(
                "latitude", "longitude", "placed", "month", "location"
            )[:MAP_INCIDENTS]
        ]
    ward = feature_collection([neighbourhood], lambda a: {"name": a.name, "role": "focus"})
    data = {"ward": json.loads(ward), "concerns": concerns, "incidents": incidents}
    about = {
        "concerns": len(concerns),
        "incidents_shown": len(incidents),
        "incidents_total": total,
        "placed": sum(1 for i in incidents if i[2]),
        "category": category,
    }
    return json.dumps(data, separators=(",", ":")), about
