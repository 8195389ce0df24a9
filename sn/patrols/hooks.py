"""What patrols adds to pages lower apps own (sn.core.registries), imported in the app's ready():
the navigation link and two measures of the Guarantee scorecard."""

from collections import defaultdict
from datetime import date, datetime

import numpy as np
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, SCORECARD_MEASURES, MeasureUnit, NavItem, ScorecardMeasure
from sn.incidents.models import Incident
from sn.patrols.models import PatrolArea
from sn.patrols.permissions import VIEW_PATROLS
from sn.patrols.selectors import (
    category_keys,
    covered_slots,
    located_months,
    months_starting_in,
    planned_slots,
    points_inside,
)

PART = "Town centres and hotspots"


def _list_link(user) -> str | None:
    return reverse("patrols:list") if has_permission(user, VIEW_PATROLS) else None


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def delivered_figures(start: date, end: date) -> dict[int, tuple[float, float]]:
    """{ward id: (planned slots covered, planned slots)} for the adopted plans' slots that started in
    the period and have ended: one query."""
    rows = covered_slots(planned_slots(_aware(start), _aware(end))).values_list(
        "plan__area__neighbourhood_id", "by_record", "by_duty"
    )
    figures: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for ward_id, by_record, by_duty in rows:
        figures[ward_id][1] += 1
        figures[ward_id][0] += int(bool(by_record or by_duty))
    return {ward: (float(n), float(d)) for ward, (n, d) in figures.items()}


def town_centre_crime_figures(start: date, end: date) -> dict[int, tuple[float, float]]:
    """{ward id: (incidents of the town-centre categories inside the ward's town-centre areas, 1)} for
    the months that start in the period. An incident inside two areas of a ward counts once.

    No figures at all unless located police.uk data of every town-centre category is loaded for every
    month of the period: without it a ward's zero would be a false one (the data lags by months), and a
    part-loaded period would undercount."""
    areas = list(PatrolArea.objects.filter(kind=PatrolArea.Kind.TOWN_CENTRE, active=True))
    mapping = category_keys()
    months = months_starting_in(start, end)
    if not areas or not mapping or not months or located_months(months) != set(months):
        return {}
    by_ward: dict[int, list[PatrolArea]] = defaultdict(list)
    for area in areas:
        by_ward[area.neighbourhood_id].append(area)
    points: dict[int, list[tuple]] = defaultdict(list)
    for ward_id, lng, lat in Incident.objects.filter(
        Q(neighbourhood_id__in=list(by_ward)),
        month__gte=start,
        month__lt=end,
        category__in=list(mapping),
        longitude__isnull=False,
    ).values_list("neighbourhood_id", "longitude", "latitude"):
        points[ward_id].append((lng, lat))
    figures = {}
    for ward_id, ward_areas in by_ward.items():
        ward_points = points.get(ward_id, [])
        inside = np.zeros(len(ward_points), dtype=bool)
        for area in ward_areas:
            inside |= points_inside(area.shape(), ward_points)
        figures[ward_id] = (float(inside.sum()), 1.0)
    return figures


NAVIGATION.register(NavItem(key="patrols", label="Patrols", order=49, href=_list_link))
SCORECARD_MEASURES.register(
    ScorecardMeasure(
        key="patrols_delivered",
        label="Planned hotspot patrols delivered",
        definition=(
            "Of the patrol slots in the adopted weekly plans for town centres and hotspots that started in "
            "the period and have ended, the percentage covered: a patrol of the area was recorded, or an "
            "officer was on duty in the area's ward, overlapping the slot by at least an hour. Counted in "
            "the ward the area lies in."
        ),
        part=PART,
        unit=MeasureUnit.PERCENT,
        order=600,
        figures=delivered_figures,
    )
)


def _town_centre_definition() -> str:
    """Read from the configured categories each time (the public reads it: no setting's name), with
    police.uk's own names for the categories counted."""
    from django.conf import settings

    police_uk = dict(Incident._meta.get_field("category").choices)

    def counted(spec: dict) -> str:
        if not spec["categories"]:
            return f"{spec['label']} (not recorded by police.uk, so not counted)"
        return f"{spec['label']} (police.uk: {', '.join(police_uk[c] for c in spec['categories'])})"

    categories = "; ".join(counted(spec) for spec in settings.SN_TOWN_CENTRE_CRIME_CATEGORIES.values())
    return (
        "Crimes recorded on police.uk in the months starting in the period, in the town-centre categories "
        f"the force counts ({categories}), whose location falls in a configured town-centre area. No "
        "figure is given for a period until police.uk data with locations is loaded for all of its months "
        "(the data is published months late)."
    )


SCORECARD_MEASURES.register(
    ScorecardMeasure(
        key="town_centre_crime",
        label="Town-centre crime",
        definition=_town_centre_definition,
        part=PART,
        unit=MeasureUnit.COUNT,
        order=610,
        figures=town_centre_crime_figures,
        higher_is_better=False,
        count_needs_data=True,
    )
)
