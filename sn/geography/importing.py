"""Reading and checking a boundary file before anything is written.

Every problem found is reported with the feature's index and code; the caller writes nothing unless
the whole file is clean (all-or-nothing per file).
"""

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sn.geography.geometry import GeometryError, parse_area


class BoundaryFileError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"{len(problems)} problem(s) in the boundary file; nothing was written:\n{shown}{more}"
        )


@dataclass
class BoundaryFeature:
    index: int
    code: str
    name: str
    parent_code: str
    geometry: Any
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldMap:
    code: str = "code"
    name: str = "name"
    parent: str | None = None


def read_geojson(path: Path) -> dict[str, Any]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BoundaryFileError([f"{path}: no such file"]) from None
    except (json.JSONDecodeError, UnicodeDecodeError, OSError) as exc:
        raise BoundaryFileError([f"{path}: not readable GeoJSON ({exc})"]) from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features", []), list)
    ):
        raise BoundaryFileError([f"{path}: expected a GeoJSON FeatureCollection"])
    return data


def parse_features(
    data: dict[str, Any], fields: FieldMap, skip_parents: frozenset[str] = frozenset()
) -> list[BoundaryFeature]:
    problems: list[str] = []
    features: list[BoundaryFeature] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(data.get("features") or []):
        # A feature or its properties that is not a JSON object is reported below, not a crash.
        feature = feature if isinstance(feature, dict) else {}
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        code = str(props.get(fields.code) or "").strip()
        label = f"feature {index} (code {code or '?'})"
        parent = str(props.get(fields.parent) or "").strip() if fields.parent else ""
        if parent and parent in skip_parents:
            continue
        if not code:
            problems.append(f"{label}: missing the code field {fields.code!r}")
        elif code in seen:
            problems.append(f"{label}: duplicate code, already used by feature {seen[code]}")
        else:
            seen[code] = index
        name = str(props.get(fields.name) or "").strip()
        if not name:
            problems.append(f"{label}: missing the name field {fields.name!r}")
        if fields.parent and not parent:
            problems.append(f"{label}: missing the parent field {fields.parent!r}")
        try:
            if feature.get("geometry") and not isinstance(feature["geometry"], dict):
                raise GeometryError("geometry is not a GeoJSON object")
            geometry = parse_area(feature.get("geometry"))
        except GeometryError as exc:
            problems.append(f"{label}: {exc}")
            geometry = None
        features.append(BoundaryFeature(index, code, name, parent, geometry, props))
    if not features and not problems:
        problems.append("the file has no features")
    if problems:
        raise BoundaryFileError(problems)
    return features
