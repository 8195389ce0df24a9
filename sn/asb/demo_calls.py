"""The demo's calls file of this morning, imported as a force would (`sn import-calls`): ASB calls from
places the teams already know become reports on their own (sn.asb.services.calls), the rest wait on the
list of calls to link.

The year of generated calls (sn.rosters.demo) is placed by ward only, with no point, and a place is known
by the point of a call staff linked. So first the demo gives the calls its reports were linked to a
point near their ward's centre (a command-and-control system records where each call came from); then
it writes a file of new ASB calls: most from those points, a few from elsewhere, and imports it.
Deterministic for a seed and `now`.
"""

import csv
import random
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from sn.asb.models import AsbReport
from sn.rosters.importing import calls_import
from sn.rosters.models import CallForService

KNOWN_PLACES = 40  # calls already linked given a point, each the place of one new call
ELSEWHERE = 12  # new calls from nowhere the teams know
_METRE = 1 / 111_320  # a metre of latitude in degrees


def _near(rng: random.Random, lat: float, lng: float, metres: float) -> tuple[float, float]:
    return lat + rng.uniform(-metres, metres) * _METRE, lng + rng.uniform(-metres, metres) * _METRE


def calls_this_morning(*, rng: random.Random, now: datetime) -> str:
    linked = list(
        AsbReport.objects.filter(channel="call", call__isnull=False, call__latitude__isnull=True)
        .select_related("call", "neighbourhood")
        .order_by("id")
    )
    if not linked:
        return "no calls file (no reports linked to calls)"
    chosen = rng.sample(linked, min(KNOWN_PLACES, len(linked)))
    calls = []
    for report in chosen:
        ward = report.neighbourhood
        report.call.latitude, report.call.longitude = _near(rng, ward.centroid_lat, ward.centroid_lng, 60)
        calls.append(report.call)
    CallForService.objects.bulk_update(calls, ["latitude", "longitude"])
    others = [r.neighbourhood for r in rng.sample(linked, min(ELSEWHERE, len(linked)))]
    rows = []
    call_type = settings.SN_ASB_CALL_TYPES[0]
    for n, call in enumerate(calls):
        lat, lng = _near(rng, call.latitude, call.longitude, 8)
        rows.append((now - timedelta(minutes=rng.randint(20, 600)), lat, lng, f"DEMO-ASB-{n + 1:03d}"))
    for n, ward in enumerate(others, start=len(calls)):
        # Half a kilometre from the ward's centre: no linked call is near.
        lat, lng = ward.centroid_lat + 500 * _METRE * rng.choice((-1, 1)), ward.centroid_lng
        rows.append((now - timedelta(minutes=rng.randint(20, 600)), lat, lng, f"DEMO-ASB-{n + 1:03d}"))
    rows.sort()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"calls-{timezone.localdate(now):%Y-%m-%d}-morning.csv"
        with path.open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["time", "location", "type", "reference"])
            for at, lat, lng, reference in rows:
                writer.writerow(
                    [f"{timezone.localtime(at):%Y-%m-%d %H:%M}", f"{lat:.6f},{lng:.6f}", call_type, reference]
                )
        result = calls_import(path=path)
    became = AsbReport.objects.filter(call__import_run__file_name=str(path)[-255:]).count()
    return (
        f"a calls file of {result.imported} ASB calls imported this morning: "
        f"{became} became reports by themselves"
    )
