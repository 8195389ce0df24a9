"""Writes to the geography: boundary imports, neighbours and clusters."""

from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from django.db import transaction

from sn.core.audit import audit_actor, record_links
from sn.geography import clustering
from sn.geography.geometry import (
    area_hectares,
    display_version,
    from_geojson_text,
    neighbour_pairs,
    to_geojson,
)
from sn.geography.importing import BoundaryFileError, FieldMap, parse_features, read_geojson
from sn.geography.models import Borough, Cluster, Force, Neighbourhood

BOROUGH_FIELDS = FieldMap()
WARD_FIELDS = FieldMap(parent="borough_code")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    neighbour_pairs: int = 0  # after a ward import: pairs of neighbourhoods sharing a boundary


def force_get_or_create(*, code: str, name: str) -> Force:
    force, _ = Force.objects.get_or_create(code=code, defaults={"name": name})
    return force


def _save_if_changed(instance, values: dict) -> str:
    if instance.pk is None:
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
        return "created"
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return "unchanged"
    for name in changed:
        setattr(instance, name, values[name])
    instance.save(update_fields=[*changed, "modified_at"])
    return "updated"


def _tally(outcomes: list[str]) -> ImportResult:
    return ImportResult(outcomes.count("created"), outcomes.count("updated"), outcomes.count("unchanged"))


def boroughs_import(
    *,
    path: Path,
    force: Force,
    fields: FieldMap = BOROUGH_FIELDS,
    skip_codes: frozenset[str] = frozenset(),
    actor=None,
) -> ImportResult:
    """Create or update boroughs from a GeoJSON file; all or nothing."""
    features = [f for f in parse_features(read_geojson(path), fields) if f.code not in skip_codes]
    outcomes = []
    with transaction.atomic(), audit_actor(actor, f"import-boundaries {path.name}"):
        for feature in features:
            borough = Borough.objects.filter(code=feature.code).first() or Borough(code=feature.code)
            outcomes.append(
                _save_if_changed(
                    borough,
                    {
                        "force": force,
                        "name": feature.name,
                        "boundary": to_geojson(feature.geometry),
                        "display_boundary": to_geojson(display_version(feature.geometry), precision=5),
                    },
                )
            )
    return _tally(outcomes)


def neighbourhoods_import(
    *,
    path: Path,
    fields: FieldMap = WARD_FIELDS,
    skip_parents: frozenset[str] = frozenset(),
    police_id_field: str | None = None,
    actor=None,
) -> ImportResult:
    """Create or update wards from a GeoJSON file, then recompute neighbours; all or nothing."""
    features = parse_features(read_geojson(path), fields, skip_parents)
    boroughs = {b.code: b for b in Borough.objects.all()}
    unknown = [
        f"feature {f.index} (code {f.code}): unknown parent borough {f.parent_code!r}"
        for f in features
        if f.parent_code not in boroughs
    ]
    if unknown:
        raise BoundaryFileError(unknown)
    existing = {n.code: n for n in Neighbourhood.objects.filter(code__in=[f.code for f in features])}
    outcomes = []
    with transaction.atomic(), audit_actor(actor, f"import-boundaries {path.name}"):
        for feature in features:
            geometry = feature.geometry
            centroid = geometry.centroid
            police_id = str(feature.properties.get(police_id_field) or "") if police_id_field else ""
            neighbourhood = existing.get(feature.code) or Neighbourhood(
                code=feature.code, police_uk_id=police_id or feature.code
            )
            values = {
                "borough": boroughs[feature.parent_code],
                "kind": Neighbourhood.Kind.WARD,
                "name": feature.name,
                "boundary": to_geojson(geometry),
                "display_boundary": to_geojson(display_version(geometry), precision=5),
                "centroid_lat": round(centroid.y, 6),
                "centroid_lng": round(centroid.x, 6),
                "area_hectares": round(area_hectares(geometry), 2),
            }
            if police_id:
                values["police_uk_id"] = police_id
            outcomes.append(_save_if_changed(neighbourhood, values))
        pairs = neighbours_recompute()
    return replace(_tally(outcomes), neighbour_pairs=pairs)


def neighbours_recompute(*, actor=None) -> int:
    """Neighbours from shared boundaries, for every neighbourhood; returns the number of pairs.

    Only the pairs that changed are written, and each neighbourhood that gained or lost neighbours
    gets a link or unlink event: the bulk writes to the link table pass no signal to the trail."""
    areas = list(Neighbourhood.objects.only("id", "boundary"))
    geoms = [from_geojson_text(a.boundary) for a in areas]
    # Keyed (lower id, higher id) like `current` below: areas come in name order, not id order.
    pairs = {tuple(sorted((areas[i].id, areas[j].id))) for i, j in neighbour_pairs(geoms)}
    through = Neighbourhood.neighbours.through
    rows = list(through.objects.values_list("id", "from_neighbourhood_id", "to_neighbourhood_id"))
    current = {(a, b) for _, a, b in rows if a < b}
    added, removed = pairs - current, current - pairs
    if added or removed:
        # No context of its own: recomputed after a boundary import, the import's context says why.
        with transaction.atomic(), audit_actor(actor):
            through.objects.filter(
                id__in=[row_id for row_id, a, b in rows if (min(a, b), max(a, b)) in removed]
            ).delete()
            through.objects.bulk_create(
                [through(from_neighbourhood_id=a, to_neighbourhood_id=b) for a, b in added]
                + [through(from_neighbourhood_id=b, to_neighbourhood_id=a) for a, b in added]
            )
            _record_neighbour_changes(added, linked=True)
            _record_neighbour_changes(removed, linked=False)
    return len(pairs)


def _record_neighbour_changes(pairs: set[tuple[int, int]], *, linked: bool) -> None:
    changed: dict[int, set[int]] = defaultdict(set)
    for a, b in pairs:
        changed[a].add(b)
        changed[b].add(a)
    for neighbourhood in Neighbourhood.objects.filter(id__in=changed).only("id", "code", "name"):
        record_links(neighbourhood, "neighbours", changed[neighbourhood.id], linked=linked)


def populations_set(*, rows: list[dict[str, str]], actor=None) -> int:
    """Set ward populations from rows of code, population, year, source; all or nothing."""
    by_code = {n.code: n for n in Neighbourhood.objects.all()}
    problems = []
    for line, row in enumerate(rows, start=2):
        if row.get("code") not in by_code:
            problems.append(f"line {line}: unknown neighbourhood code {row.get('code')!r}")
        elif not str(row.get("population", "")).isdigit():
            problems.append(f"line {line}: population {row.get('population')!r} is not a whole number")
        elif not str(row.get("year", "")).isdigit():
            problems.append(f"line {line}: year {row.get('year')!r} is not a year")
    if problems:
        raise BoundaryFileError(problems)
    changed = 0
    with transaction.atomic(), audit_actor(actor, "populations"):
        for row in rows:
            outcome = _save_if_changed(
                by_code[row["code"]],
                {
                    "population": int(row["population"]),
                    "population_year": int(row["year"]),
                    "population_source": row.get("source", "")[:255],
                },
            )
            changed += outcome != "unchanged"
    return changed


def clusters_build(*, borough: Borough, actor=None) -> list[Cluster]:
    """Group a borough's wards into clusters of 4-8 adjacent wards, deterministically."""
    wards = list(
        Neighbourhood.objects.filter(borough=borough, kind=Neighbourhood.Kind.WARD).prefetch_related(
            "neighbours"
        )
    )
    adjacency = {w.id: {n.id for n in w.neighbours.all()} for w in wards}
    centroids = {w.id: (w.centroid_lng, w.centroid_lat) for w in wards}
    groups = clustering.partition(sorted(adjacency), adjacency, centroids)
    clusters = []
    with transaction.atomic(), audit_actor(actor, "clusters"):
        for number, group in enumerate(groups, start=1):
            code = f"{borough.code}-C{number:02d}"
            members = sorted((w for w in wards if w.id in group), key=lambda w: w.name)
            cluster = Cluster.objects.filter(code=code).first() or Cluster(code=code)
            _save_if_changed(cluster, {"borough": borough, "name": f"{borough.name} cluster {number}"})
            for ward in members:
                _save_if_changed(ward, {"cluster": cluster})
            clusters.append(cluster)
        Cluster.objects.filter(borough=borough).exclude(id__in=[c.id for c in clusters]).delete()
    return clusters
