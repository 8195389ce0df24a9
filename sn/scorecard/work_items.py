"""The home page's "Measures below target in your area": last month's scorecard measures that missed
their target, for a supervisor's area. Read from the month's snapshots only: computing every measure
live would put seconds on the home page, so before `sn scorecard-build` has run there is no item."""

from django.urls import reverse

from sn.core.registries import WorkItem
from sn.geography.scope import scope_of
from sn.scorecard.models import ScorecardMonth
from sn.scorecard.selectors import Area, area_figures, default_month

_ROLES = {"sergeant", "inspector", "borough_lead", "central_unit"}


def _areas(user) -> list[tuple[Area, str]]:
    scope = scope_of(user)
    if scope.everything:
        return [(Area.force(), reverse("scorecard:home"))]
    boroughs = list(scope.boroughs().order_by("name"))
    if boroughs:
        return [(Area.of_borough(b), reverse("scorecard:borough", args=[b.code])) for b in boroughs]
    wards = scope.neighbourhoods().select_related("borough").order_by("name")[:10]
    return [(Area.of_ward(w), reverse("scorecard:ward", args=[w.code])) for w in wards]


def measures_below_target_items(user) -> list[WorkItem]:
    if getattr(user, "role", None) not in _ROLES:
        return []
    month = default_month()
    if not ScorecardMonth.objects.filter(month=month).exists():
        return []
    items = []
    for area, url in _areas(user):
        for (_, _), found in area_figures(area, [month]).items():
            if found.meets_target is False:
                items.append(
                    WorkItem(
                        title=f"{found.measure.label}: {found.shown} in {month:%B %Y}",
                        url=f"{url}?month={month:%Y-%m}#measure-{found.measure.key}",
                        area=area.name,
                        detail=f"Target {found.target_shown}",
                        urgency=1,
                    )
                )
    return items
