"""Draw the demo's four non-ward areas from real streets and write sn/geography/data/non_ward_areas.geojson.

A non-ward area is an overlay on the wards (docs/adr/0005-non-ward-areas-are-overlays.md), so its
boundary should be the place its team polices: a street, a green, a triangle of shopping streets, not
a circle larger than the wards beneath. Each area is a street line or a polygon of junctions, widened
by a number of metres to take in the carriageway, the pavements and the frontages facing it.

Coordinates were read from public sources and checked against the ONS boundaries in ../shared/data:
where a ward or 2021 LSOA boundary follows the street (as they mostly do), the vertex is that
boundary's, so the area lines up with the geography it overlays. `drawn` in each feature says how.

Needs no raw data; run alone (python scripts/draw_non_ward_areas.py) or through build_demo_data.py.
Deterministic: the same coordinates give the same file byte for byte.
"""

import json
import math
import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString, Polygon, mapping, shape

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT = REPO_ROOT / "sn" / "geography" / "data" / "non_ward_areas.geojson"
PRECISION = 6
METRES_PER_DEGREE_LAT = 110_574
METRES_PER_DEGREE_LNG_AT_EQUATOR = 111_320

# Shepherd's Bush Green: the green's corners where the roads round it meet. The south side is the
# boundary of Shepherd's Bush Green and Addison wards (it follows the road); the west side is the
# boundary of LSOAs E01001941 and E01001943.
SHEPHERDS_BUSH_GREEN = [
    (-0.22360, 51.50334),  # south-west: Goldhawk Road and Shepherd's Bush Road meet the green
    (-0.22471, 51.50488),  # west side
    (-0.22468, 51.50543),  # north-west: Uxbridge Road
    (-0.21850, 51.50450),  # east apex, by Shepherd's Bush station, short of Holland Park Roundabout
    (-0.21850, 51.50421),
]

# The Crystal Palace Triangle: Westow Hill (the Lambeth-Croydon boundary), Church Road (the
# Croydon-Bromley boundary) and Westow Street between them, corners at the junctions (ward boundary
# vertices), and the top of Westow Hill up to Crystal Palace Parade, where Southwark begins.
CRYSTAL_PALACE_TRIANGLE = [
    (-0.07859, 51.41988),  # Westow Hill, Church Road and Anerley Hill: Lambeth, Croydon, Bromley meet
    (-0.08324, 51.41974),  # Westow Hill and Westow Street
    (-0.08109, 51.41731),  # Westow Street and Church Road
]
CRYSTAL_PALACE_PARADE = [(-0.07859, 51.41988), (-0.07832, 51.42061)]  # up to the Parade junction

# Oxford Street's centreline from Marble Arch to St Giles Circus (Tottenham Court Road), through
# Bond Street and Oxford Circus: the stations' positions moved about 15 m north onto the street, where
# the LSOA boundaries that follow it run.
OXFORD_STREET = [
    (-0.15860, 51.51345),  # Marble Arch
    (-0.14940, 51.51435),  # Bond Street station
    (-0.14150, 51.51535),  # Oxford Circus
    (-0.13020, 51.51650),  # St Giles Circus, Tottenham Court Road
]

# Fulham Broadway: Fulham Road from its junction with Harwood Road and North End Road north-east
# past Fulham Broadway station as far as Stamford Bridge (the LSOA E01001880/E01001920 boundary, which
# follows the road, then on along the Walham Green/Lillie ward boundary's line), and the junction.
FULHAM_BROADWAY = [
    (-0.19582, 51.48000),  # the Broadway junction
    (-0.19534, 51.48005),
    (-0.19455, 51.48083),  # Fulham Broadway station
    (-0.19409, 51.48115),
    (-0.19328, 51.48171),
    (-0.19281, 51.48202),
    (-0.19250, 51.48220),
    (-0.19150, 51.48283),  # Stamford Bridge
]

AREAS = [
    {
        "code": "NW-CPT",
        "name": "Crystal Palace Triangle",
        "description": (
            "A cross-border team where five boroughs meet, for problems that do not follow ward lines."
        ),
        "shape": lambda: Polygon(CRYSTAL_PALACE_TRIANGLE).union(LineString(CRYSTAL_PALACE_PARADE)),
        "metres": 35,
        "cap": "round",
        "drawn": (
            "The triangle of Westow Hill, Westow Street and Church Road (corners at their junctions, "
            "on the ward boundaries that follow Westow Hill and Church Road) and the top of Westow Hill "
            "to Crystal Palace Parade, widened 35 m to take in the frontages facing it."
        ),
    },
    {
        "code": "NW-SBG",
        "name": "Shepherd's Bush Green town centre",
        "description": (
            "A town-centre team for one of the borough's busiest centres, working round the clock."
        ),
        "shape": lambda: Polygon(SHEPHERDS_BUSH_GREEN),
        "metres": 35,
        "cap": "round",
        "drawn": (
            "Shepherd's Bush Green, the triangle bounded by Uxbridge Road, Shepherd's Bush Green and "
            "Goldhawk Road (its south side on the Shepherd's Bush Green/Addison ward boundary), widened "
            "35 m to take in the roads round it and the frontages facing it."
        ),
    },
    {
        "code": "NW-FBW",
        "name": "Fulham Broadway town centre",
        "description": "A town-centre team for the Fulham Broadway night-time economy.",
        "shape": lambda: LineString(FULHAM_BROADWAY),
        "metres": 40,
        "cap": "round",
        "drawn": (
            "Fulham Road from the Broadway junction (Harwood Road, North End Road) past Fulham Broadway "
            "station as far as Stamford Bridge, 40 m either side, round at the ends."
        ),
    },
    {
        "code": "NW-WES",
        "name": "West End (Oxford Street)",
        "description": "An extra team for the West End's shopping streets.",
        "shape": lambda: LineString(OXFORD_STREET),
        "metres": 50,
        "cap": "flat",
        "drawn": (
            "Oxford Street from Marble Arch to St Giles Circus through Bond Street and Oxford Circus, "
            "50 m either side of the centreline (carriageway, pavements and the stores facing it), "
            "square at the ends."
        ),
    },
]


def widen(geometry, metres: float, cap: str) -> Polygon:
    """The geometry widened by `metres`, on a local equirectangular projection: at this size (a few
    hundred metres) its distortion is well under a metre."""
    lat0 = geometry.centroid.y
    x_scale = METRES_PER_DEGREE_LNG_AT_EQUATOR * math.cos(math.radians(lat0))

    def to_metres(xy):
        return xy * [x_scale, METRES_PER_DEGREE_LAT]

    def to_degrees(xy):
        return xy / [x_scale, METRES_PER_DEGREE_LAT]

    projected = shapely.transform(geometry, to_metres)
    widened = projected.buffer(metres, quad_segs=8, cap_style=cap, join_style="round")
    return shapely.transform(widened, to_degrees)


def rounded(geometry):
    out = shapely.set_precision(geometry, 10.0**-PRECISION)
    assert out.is_valid and not out.is_empty and out.geom_type == "Polygon", out.geom_type
    return out


def draw() -> list[dict]:
    """The areas as GeoJSON features, sorted by code."""
    features = []
    for area in sorted(AREAS, key=lambda a: a["code"]):
        geometry = rounded(widen(area["shape"](), area["metres"], area["cap"]))
        properties = {key: area[key] for key in ("code", "name", "description", "drawn")}
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(geometry)})
    return features


def write(path: Path = OUT) -> list[dict]:
    features = draw()
    collection = {"type": "FeatureCollection", "features": features}
    # Indented and uncompressed: a small file a reviewer can read and diff.
    text = json.dumps(collection, indent=1, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    for feature in features:
        print(f"{path.name}: {feature['properties']['code']} {hectares(shape(feature['geometry'])):.1f} ha")
    return features


def hectares(geometry) -> float:
    lat0 = geometry.centroid.y
    scale = [METRES_PER_DEGREE_LNG_AT_EQUATOR * math.cos(math.radians(lat0)), METRES_PER_DEGREE_LAT]
    return shapely.transform(geometry, lambda xy: xy * scale).area / 10_000


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
