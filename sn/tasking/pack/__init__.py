"""The tasking meeting's pack, assembled for a borough as it stood on a date (the meeting's): stalled
cases, cross-border and strategic themes, priorities near the high-demand wards, open resource bids,
actions to follow up, and the borough's EPIC and survey figures. Each section says its "as at" date.

`assemble_many` builds the packs of many boroughs on one date with the same few queries as one (the
demo builds two years of them); `assemble` is the one-borough case the service uses. Caches passed in
keep what does not change between dates of a run (the demand ranking of a month, the survey of a
quarter, the ward adjacency).
"""

from collections.abc import Callable
from datetime import date

from sn.geography.models import Borough
from sn.tasking.pack import business, cases, demand, deployments, epic, figures, themes
from sn.tasking.pack.sections import (
    actions_section,
    bids_section,
    demand_section,
    stalled_section,
    themes_section,
)
from sn.tasking.pack.serial import section_dict

# The steps `progress` hears of, in order: each reads one kind of record for every borough at once.
STEPS = (
    "Reading the ward adjacency and priorities",
    "Finding stalled cases",
    "Finding cross-border themes",
    "Ranking demand",
    "Reading bids and actions",
    "Reading EPIC activity",
    "Reading the survey",
    "Reading deployments",
)


def assemble_many(
    boroughs: list[Borough],
    kind: str,
    as_at: date,
    cache: dict | None = None,
    progress: Callable[..., None] | None = None,
) -> dict[int, list[dict]]:
    """`cache` may hold what a run reads once for every date (see `preload`). `progress(done, total,
    message)` (a job's) hears of each of the STEPS as it starts."""
    cache = {} if cache is None else cache
    step = iter(range(len(STEPS)))

    def starting() -> None:
        if progress is not None:
            done = next(step)
            progress(done, len(STEPS), STEPS[done])

    ids = [b.id for b in boroughs]
    starting()
    edges = cache["edges"] if "edges" in cache else themes.adjacency()
    priorities = cache["priorities"] if "priorities" in cache else themes.priority_rows()
    business_rows = cache["business"] if "business" in cache else business.business_of(ids)
    starting()
    stalled = cases.stalled_cases(ids, as_at)
    starting()
    found_themes = themes.themes(ids, as_at, edges, priorities)
    starting()
    ranking = demand.ranking_for(as_at, cache.setdefault("rankings", {}))
    near = demand.near_high_demand(ids, as_at, ranking, edges, priorities)
    starting()
    bids = business.open_bids(business_rows, ids, as_at)
    actions = business.open_actions(business_rows, ids, kind, as_at)
    starting()
    epic_report = epic.force_report(as_at, cache.setdefault("epic", {}))
    starting()
    survey = figures.survey_sections(boroughs, as_at, cache.setdefault("survey", {}))
    starting()
    lent = cache["deployments"] if "deployments" in cache else deployments.rows_of(ids)
    packs = {}
    for borough in boroughs:
        sections = [
            stalled_section(borough, stalled.get(borough.id, []), as_at),
            themes_section(
                borough,
                found_themes.groups.get(borough.id, []),
                found_themes.strategic.get(borough.id, []),
                as_at,
            ),
            demand_section(borough, near[borough.id], ranking, as_at),
            bids_section(bids.get(borough.id, []), as_at),
            actions_section(actions.get(borough.id, []), as_at),
            epic.epic_section(borough, epic_report, as_at),
            deployments.deployments_section(borough, lent.get(borough.id, []), as_at),
        ]
        if borough.id in survey:
            sections.append(survey[borough.id])
        packs[borough.id] = [section_dict(s) for s in sections]
    return packs


def preload(boroughs: list[Borough], as_ats: list[date]) -> dict:
    """What the packs of many dates share, read once: the adjacency, every priority, the tasking rows of
    the boroughs, and the demand rankings of every month the dates need."""
    return {
        "edges": themes.adjacency(),
        "priorities": themes.priority_rows(),
        "business": business.business_of([b.id for b in boroughs]),
        "rankings": demand.rankings_for(as_ats),
        "deployments": deployments.rows_of([b.id for b in boroughs]),
    }


def assemble(
    borough: Borough, kind: str, as_at: date, progress: Callable[..., None] | None = None
) -> list[dict]:
    return assemble_many([borough], kind, as_at, progress=progress)[borough.id]
