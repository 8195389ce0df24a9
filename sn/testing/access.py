"""Who-may-open-what: the vocabulary of the access matrix and each app's tests/access_rules.py, and the
check that runs one route for one role.

A rule is `Rule(here, elsewhere, who)` (a plain tuple of the three works too):
- `here(world)`: the URL kwargs of an object that every role in `who` reaches (in ward a1, cluster A,
  borough A);
- `elsewhere`: for a route about one object, `{level: kwargs function}` with an object at each level of
  "elsewhere" below (a bare function means another borough); None for a route with no object;
- `who`: one of the names below or a set of Role values.
A route may have several rules (a list), e.g. the history page of each record type.

The world is `sn.testing.world.build_wide_world()`: borough A in scope, with a second cluster, and
borough B out of scope.

Scope can be wrong at each level of the geography, so an object out of scope is tried at every level:
another ward of the same cluster (a3) catches a ward role widened to its cluster or borough, another
cluster of the borough (C-A2, a5) an inspector widened to the borough, another borough (B) a borough
role widened to the force. Downloads are tried the same way, and their rows must name only areas the
role reaches: a download branch can skip the scope check that the page beside it makes.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.urls import reverse
from openpyxl import load_workbook

from sn.core.roles import Role

ALL_ROLES = frozenset(r.value for r in Role)
SUPERVISORS = frozenset({"sergeant", "inspector", "borough_lead", "central_unit"})
WARD_ROLES = frozenset(
    {"panel_member", "team_officer", "sergeant", "inspector", "analyst", "borough_lead", "central_unit"}
)
OFFICER_ROLES = frozenset(
    {"team_officer", "sergeant", "inspector", "analyst", "borough_lead", "central_unit"}
)
CLUSTER_ROLES = frozenset({"inspector", "analyst", "borough_lead", "central_unit"})
BOROUGH_ROLES = frozenset({"analyst", "borough_lead", "central_unit"})
FORCE_ROLES = frozenset({"central_unit"})
PUBLIC = "public"
SIGNED_IN = "signed_in"
NOTHING_HERE = "nothing_here"  # a route that exists but serves nothing (404 for everyone)

# Template tags or variables that reached the page unrendered.
UNRENDERED = re.compile(r"\{%|\{\{")


@dataclass(frozen=True)
class Elsewhere:
    """A level of "elsewhere": where an object lies relative to the world's users, and which roles
    still reach an object there."""

    name: str
    reached_by: frozenset[str]


SAME_CLUSTER = Elsewhere("another ward of the cluster", CLUSTER_ROLES)
SAME_BOROUGH = Elsewhere("another cluster of the borough", BOROUGH_ROLES)
OTHER_BOROUGH = Elsewhere("another borough", FORCE_ROLES)
LEVELS = (SAME_CLUSTER, SAME_BOROUGH, OTHER_BOROUGH)


class Rule(NamedTuple):
    here: Callable[[Any], dict]
    elsewhere: dict[Elsewhere, Callable[[Any], dict]] | Callable[[Any], dict] | None
    who: frozenset[str] | str
    label: str = ""


def rules_of(entry) -> list[Rule]:
    """The rules of a matrix entry: one rule, or a list of them."""
    return [Rule(*rule) for rule in (entry if isinstance(entry, list) else [entry])]


def levels_of(rule: Rule) -> dict[Elsewhere, Callable[[Any], dict]]:
    if rule.elsewhere is None:
        return {}
    if callable(rule.elsewhere):
        return {OTHER_BOROUGH: rule.elsewhere}
    return dict(rule.elsewhere)


class BoroughWide(frozenset):
    """The roles of a route about a record that belongs to a whole borough (a tasking meeting), read by
    ward and cluster roles of that borough too: every role reaching the borough reaches every such
    record, so the only "elsewhere" that can show a mistake is another borough."""


def required_levels(who) -> set[Elsewhere]:
    """The levels a route about one object must be tried at: those some role in `who` must not reach
    (a level every role reaches cannot show a mistake)."""
    if not isinstance(who, frozenset | set):
        return set()
    levels = (OTHER_BOROUGH,) if isinstance(who, BoroughWide) else LEVELS
    return {level for level in levels if who - level.reached_by}


# --- What each role of the world reaches, from the world itself rather than from the code under test.


def wards_reached(world, role: str | None) -> set[str]:
    """The keys of the world's wards (a1, b2, ...) a role's user works in."""
    wards = world.wards
    if role == "central_unit":
        return set(wards)
    if role in ("analyst", "borough_lead"):
        return {key for key, ward in wards.items() if ward.borough_id == world.boroughs["a"].pk}
    if role == "inspector":
        return {key for key, ward in wards.items() if ward.cluster_id == world.clusters["a"].pk}
    if role == "sergeant":
        return {"a1", "a2"}
    if role in ("team_officer", "panel_member"):
        return {"a1"}
    return set()


def names_out_of_reach(world, role: str | None) -> set[str]:
    """Codes and names of every area (ward, team, cluster, borough) the role does not reach."""
    reached = wards_reached(world, role)
    names: set[str] = set()
    for key, ward in world.wards.items():
        if key not in reached:
            names |= {ward.code, ward.name, world.teams[key].name}
    reached_wards = [world.wards[key] for key in reached]
    for cluster in world.clusters.values():
        if not any(ward.cluster_id == cluster.pk for ward in reached_wards):
            names |= {cluster.code, cluster.name}
    for borough in world.boroughs.values():
        if not any(ward.borough_id == borough.pk for ward in reached_wards):
            names |= {borough.code, borough.name}
    return names


def download_text(response, fmt: str) -> str:
    """The cells of a downloaded table as text, one row a line (PDF: none, its layout is not rows)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return "\n".join(" | ".join(row) for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            " | ".join("" if v is None else str(v) for v in row)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return ""


def mentioned(text: str, names: Iterable[str]) -> list[str]:
    return sorted(name for name in names if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))


# --- The check of one route for one role.


def route_url(name: str, kwargs: dict, query: str = "", fmt: str | None = None) -> str:
    url = reverse(name, kwargs=kwargs) + query
    if fmt:
        url += ("&" if "?" in url else "?") + f"format={fmt}"
    return url


def route_failures(
    client,
    world,
    name: str,
    rule: Rule,
    role: str | None,
    *,
    query: str = "",
    downloads: Iterable[str] = (),
    lists: bool = False,
) -> list[str]:
    """Every way the route answers `role` (None: anonymous) unlike `rule` says: the object here, each
    level of elsewhere, each download format at each of them. `lists`: the whole response is a list of
    areas (an API list) and must name only areas the role reaches."""
    who = rule.who
    label = f"{name}{f'[{rule.label}]' if rule.label else ''} as {role or 'anonymous'}"
    if name == "accounts:logout":
        response = client.post(reverse(name))
        return [] if response.status_code == 302 else [f"{label}: {response.status_code}, not 302"]
    here = rule.here(world)
    response = client.get(route_url(name, here, query))
    status = response.status_code
    if who == NOTHING_HERE:
        return [] if status == 404 else [f"{label}: {status}, not 404"]
    if who == PUBLIC:
        if status not in (200, 302):
            return [f"{label}: {status} for a public page"]
        if status == 302 and role is None:
            return [f"{label}: a public page sends anonymous visitors away"]
        return []
    if role is None:
        if name.startswith("api:"):
            return [] if status == 401 else [f"{label}: {status}, not 401"]
        if status != 302 or not response["Location"].startswith("/accounts/login/"):
            return [f"{label}: {status}, not a redirect to sign in"]
        return []
    if who != SIGNED_IN and role not in who:
        failures = [] if status == 403 else [f"{label}: {status}, not 403"]
        for fmt in downloads:
            got = client.get(route_url(name, here, query, fmt)).status_code
            if got != 403:
                failures.append(f"{label}: the {fmt} download answers {got}, not 403")
        return failures
    if status != 200:
        return [f"{label}: {status}, not 200"]
    failures = []
    if "html" in response.get("Content-Type", "") and UNRENDERED.search(response.content.decode()):
        # A template saved broken shows its own source with a 200 (it happened: the tasking borough page).
        failures.append(f"{label}: the page shows template source ({{% or {{{{) instead of rendering it")
    out_of_reach = names_out_of_reach(world, role)
    if lists:
        leaked = mentioned(response.content.decode(), out_of_reach)
        if leaked:
            failures.append(f"{label}: the list names {leaked}, out of the role's reach")
    for fmt in downloads:
        download = client.get(route_url(name, here, query, fmt))
        if download.status_code != 200 or "attachment" not in download.get("Content-Disposition", ""):
            failures.append(f"{label}: the {fmt} download answers {download.status_code}")
            continue
        leaked = mentioned(download_text(download, fmt), out_of_reach)
        if leaked:
            failures.append(f"{label}: the {fmt} download names {leaked}, out of the role's reach")
    for level, kwargs in levels_of(rule).items():
        expected = 200 if role in level.reached_by else 404
        for fmt in (None, *downloads):
            got = client.get(route_url(name, kwargs(world), query, fmt)).status_code
            if got != expected:
                what = f"the {fmt} download" if fmt else "the page"
                failures.append(f"{label}: {what} of {level.name} answers {got}, not {expected}")
    return failures
