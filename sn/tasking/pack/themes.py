"""Cross-border and strategic themes (seed 002, paragraph 17): the same priority topic held by panels of
wards that touch one another, found from the ward adjacency the geography holds, within the borough and
across its boundary with the boroughs around it; and a topic held by a large share of the borough's
wards wherever they lie.

A theme is a connected group: wards with an active priority of the topic, joined where two of them share
a boundary (Neighbourhood.neighbours). Three queries for the whole force, whatever the boroughs asked.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.conf import settings

from sn.concerns.taxonomy import Topic
from sn.geography.models import Neighbourhood
from sn.panels.models import Priority


@dataclass(frozen=True)
class Ward:
    id: int
    name: str
    borough_id: int
    borough_name: str


@dataclass
class Theme:
    topic: str
    wards: list[Ward]  # by borough then name

    @property
    def label(self) -> str:
        return Topic(self.topic).label

    @cached_property
    def borough_names(self) -> list[str]:
        return sorted({w.borough_name for w in self.wards})

    @cached_property
    def borough_ids(self) -> frozenset[int]:
        return frozenset(w.borough_id for w in self.wards)

    def crosses_boundary_of(self, borough_id: int) -> bool:
        return bool(self.borough_ids - {borough_id})


@dataclass
class Themes:
    groups: dict[int, list[Theme]]  # borough id -> connected groups touching it
    strategic: dict[int, list[tuple[str, int, int]]]  # borough id -> (topic, wards holding it, wards)


def adjacency() -> dict[int, set[int]]:
    edges: dict[int, set[int]] = defaultdict(set)
    through = Neighbourhood.neighbours.through
    for a, b in through.objects.values_list("from_neighbourhood_id", "to_neighbourhood_id"):
        edges[a].add(b)
        edges[b].add(a)
    return edges


def _components(members: set[int], edges: dict[int, set[int]]) -> list[set[int]]:
    seen: set[int] = set()
    groups = []
    for start in sorted(members):
        if start in seen:
            continue
        group, stack = set(), [start]
        while stack:
            ward = stack.pop()
            if ward in group:
                continue
            group.add(ward)
            stack.extend(n for n in edges.get(ward, ()) if n in members and n not in group)
        seen |= group
        groups.append(group)
    return groups


def priority_rows() -> list[tuple]:
    """Every priority of the force, as the themes and the high-demand section read them, in one query:
    (ward id, topic, ward name, borough id, borough name, chosen on, ended on, wording)."""
    return list(
        Priority.objects.values_list(
            "neighbourhood_id",
            "topic",
            "neighbourhood__name",
            "neighbourhood__borough_id",
            "neighbourhood__borough__name",
            "selected_on",
            "ended_on",
            "wording",
        ).order_by("neighbourhood__name", "selected_on", "id")
    )


def active_on(priorities: list[tuple], as_at: date) -> list[tuple]:
    """The priorities holding a place on `as_at`: chosen by then, not yet ended."""
    return [p for p in priorities if p[5] <= as_at and (p[6] is None or p[6] > as_at)]


def themes(
    borough_ids: list[int], as_at: date, edges: dict[int, set[int]], priorities: list[tuple]
) -> Themes:
    wards: dict[int, Ward] = {}
    by_topic: dict[str, set[int]] = defaultdict(set)
    for ward_id, topic, name, borough_id, borough_name, *_ in active_on(priorities, as_at):
        wards[ward_id] = Ward(ward_id, name, borough_id, borough_name)
        by_topic[topic].add(ward_id)
    wanted = set(borough_ids)
    groups: dict[int, list[Theme]] = defaultdict(list)
    for topic in sorted(by_topic):
        for component in _components(by_topic[topic], edges):
            if len(component) < 2:
                continue
            members = sorted((wards[w] for w in component), key=lambda w: (w.borough_name, w.name))
            theme = Theme(topic=topic, wards=members)
            for borough_id in {w.borough_id for w in members} & wanted:
                groups[borough_id].append(theme)
    for listed in groups.values():
        listed.sort(key=lambda t: (-len(t.wards), t.label))
    return Themes(groups=groups, strategic=_strategic(wanted, by_topic, wards))


def _strategic(wanted: set[int], by_topic, wards: dict[int, Ward]) -> dict[int, list[tuple[str, int, int]]]:
    ward_counts = defaultdict(int)
    for borough_id in Neighbourhood.objects.filter(
        borough_id__in=wanted, kind=Neighbourhood.Kind.WARD
    ).values_list("borough_id", flat=True):
        ward_counts[borough_id] += 1
    share = settings.SN_TASKING_THEME_SHARE
    found: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for topic, holders in sorted(by_topic.items()):
        per_borough = defaultdict(int)
        for ward_id in holders:
            per_borough[wards[ward_id].borough_id] += 1
        for borough_id, n in per_borough.items():
            total = ward_counts.get(borough_id, 0)
            if borough_id in wanted and n >= 2 and total and n / total >= share:
                found[borough_id].append((topic, n, total))
    for listed in found.values():
        listed.sort(key=lambda row: (-row[1], row[0]))
    return found
