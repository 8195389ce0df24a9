"""Non-ward areas are overlays (docs/adr/0005-non-ward-areas-are-overlays.md; issue 8, item 5).

First the demo's shipped areas against the real wards: drawn from streets, far smaller than the wards
beneath. Then, on the test force, how an overlay is made and found: its residents come from the small
areas under it and leave the wards alone, and the locator gives a point's ward and its overlays apart.
"""

import gzip
import json
from functools import cache
from pathlib import Path

import pytest
from shapely.geometry import box, shape

from sn.geography.demo import DATA_DIR
from sn.geography.geometry import area_hectares, to_geojson
from sn.geography.importing import BoundaryFileError
from sn.geography.locate import current_locator, current_overlay_locator, locate, locate_overlays
from sn.geography.models import Neighbourhood
from sn.geography.non_ward import UNKNOWN_POPULATION, non_ward_area_create, non_ward_areas_import
from sn.geography.population import SmallAreas, shipped_small_areas
from sn.geography.tests.factories import ORIGIN_LAT, ORIGIN_LNG, SIZE, square

BOROUGHS = {
    "E09000006": "Bromley",
    "E09000008": "Croydon",
    "E09000022": "Lambeth",
    "E09000028": "Southwark",
}


def features(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)["features"]


@cache
def shipped_overlays() -> dict[str, object]:
    return {
        f["properties"]["code"]: shape(f["geometry"]) for f in features(DATA_DIR / "non_ward_areas.geojson")
    }


@cache
def real_wards() -> list[tuple[str, str, object]]:
    return [
        (f["properties"]["name"], f["properties"]["borough_code"], shape(f["geometry"]))
        for f in features(DATA_DIR / "wards.geojson.gz")
    ]


def wards_beneath(overlay) -> list[tuple[str, str, object, float]]:
    """The wards an overlay overlaps, with the share of the overlay lying in each."""
    return [
        (name, borough, ward, ward.intersection(overlay).area / overlay.area)
        for name, borough, ward in real_wards()
        if ward.intersects(overlay) and ward.intersection(overlay).area > 0
    ]


@pytest.mark.parametrize("code", ["NW-CPT", "NW-FBW", "NW-SBG", "NW-WES"])
def test_each_shipped_overlay_is_far_smaller_than_every_ward_beneath_it(code):
    overlay = shipped_overlays()[code]
    assert overlay.is_valid and overlay.geom_type == "Polygon"
    beneath = wards_beneath(overlay)
    assert sum(share for *_, share in beneath) == pytest.approx(1.0, abs=1e-3)  # all of it on land
    for name, _, ward, _ in beneath:
        # The circles these replace were larger than Addison ward.
        assert area_hectares(overlay) < area_hectares(ward) / 3, name


def test_shepherds_bush_green_lies_in_shepherds_bush_green_and_addison_wards():
    overlay = shipped_overlays()["NW-SBG"]
    shares = {name: share for name, _, _, share in wards_beneath(overlay)}
    assert set(shares) == {"Shepherd's Bush Green", "Addison"}
    assert shares["Shepherd's Bush Green"] > 0.8  # the green; Addison has the frontages across the road


def test_crystal_palaces_residents_come_from_every_borough_it_covers():
    overlay = shipped_overlays()["NW-CPT"]
    covered = {borough for _, borough, _, _ in wards_beneath(overlay)}
    assert covered == set(BOROUGHS)
    share = shipped_small_areas().share_within(overlay)
    assert share.known
    assert set(share.by_borough) == covered
    assert sum(share.by_borough.values()) == pytest.approx(share.population)
    assert 500 < share.population < 2_000  # a few streets of flats over shops, not a ward of 14,000


def test_the_shipped_small_areas_cover_every_shipped_overlay():
    for code, overlay in shipped_overlays().items():
        assert shipped_small_areas().share_within(overlay).covered == pytest.approx(1.0, abs=1e-3), code


# The test force: wards a1-a4 (borough A) and b1-b4 (borough B) are the squares of row 0 of the
# factories' grid, columns 0-7.
BOROUGH_A, BOROUGH_B = "E09000901", "E09000902"


def small_areas_under_five_wards() -> SmallAreas:
    """Small areas exactly under wards a1-a4 and b1, holding 1,000, 2,000, ... 5,000 people; none under
    b2-b4."""
    return SmallAreas.build(
        [(f"L{col}", BOROUGH_A if col < 4 else BOROUGH_B, 1_000 * (col + 1), square(col)) for col in range(5)]
    )


def inside(col: int, west: float, south: float, east: float, north: float):
    """A box within the square at `col`, its edges given as fractions across the square."""
    x, y = ORIGIN_LNG + col * SIZE, ORIGIN_LAT
    return box(x + west * SIZE, y + south * SIZE, x + east * SIZE, y + north * SIZE)


@pytest.fixture
def town_centre(world):
    """A town-centre overlay in the middle of ward a1, a fifth of it across."""
    return non_ward_area_create(
        code="NW-TEST",
        name="Test town centre",
        police_uk_id="nw-test",
        geometry=inside(0, 0.4, 0.4, 0.6, 0.6),
        small_areas=small_areas_under_five_wards(),
    )


@pytest.mark.django_db
def test_an_overlays_residents_are_its_share_of_the_small_areas_beneath(world, town_centre):
    assert town_centre.kind == Neighbourhood.Kind.NON_WARD
    assert town_centre.population == 40  # 4% of the 1,000 people of the small area under a1
    assert town_centre.population_year == 2021
    assert "share of each 2021 LSOA beneath" in town_centre.population_source


@pytest.mark.django_db
def test_making_an_overlay_leaves_the_wards_populations_as_they_were(world):
    before = dict(Neighbourhood.objects.filter(kind="ward").values_list("code", "population"))
    non_ward_area_create(
        code="NW-TEST",
        name="Test town centre",
        police_uk_id="nw-test",
        geometry=inside(0, 0.1, 0.1, 0.9, 0.9),
        small_areas=small_areas_under_five_wards(),
    )
    assert dict(Neighbourhood.objects.filter(kind="ward").values_list("code", "population")) == before


@pytest.mark.django_db
def test_an_overlay_across_two_boroughs_takes_people_from_both_and_belongs_to_the_one_holding_most(
    world,
):
    # A third of it in a4 (borough A), two thirds in b1 (borough B).
    geometry = box(ORIGIN_LNG + 3.9 * SIZE, ORIGIN_LAT, ORIGIN_LNG + 4.2 * SIZE, ORIGIN_LAT + 0.5 * SIZE)
    small_areas = small_areas_under_five_wards()
    area = non_ward_area_create(
        code="NW-EDGE", name="Edge", police_uk_id="nw-edge", geometry=geometry, small_areas=small_areas
    )
    assert small_areas.share_within(geometry).by_borough == pytest.approx({BOROUGH_A: 200, BOROUGH_B: 500})
    assert area.population == 200 + 500  # 5% of a4's 4,000 and 10% of b1's 5,000
    assert area.borough == world.boroughs["b"] and area.cluster == world.clusters["b"]


@pytest.mark.django_db
def test_an_overlay_the_small_areas_do_not_cover_has_no_population_rather_than_an_undercount(world):
    area = non_ward_area_create(
        code="NW-FAR",
        name="Beyond the small areas",
        police_uk_id="nw-far",
        geometry=inside(6, 0.2, 0.2, 0.8, 0.8),  # in b3, which no small area covers
        small_areas=small_areas_under_five_wards(),
    )
    assert area.population is None and area.population_year is None
    assert area.population_source == UNKNOWN_POPULATION


@pytest.mark.django_db
def test_an_overlay_outside_every_ward_is_refused(world):
    with pytest.raises(ValueError, match="outside every ward"):
        non_ward_area_create(code="NW-OUT", name="Nowhere", police_uk_id="nw-out", geometry=square(0, row=5))


@pytest.mark.django_db
def test_a_point_in_an_overlay_is_in_its_ward_and_separately_in_the_overlay(world, town_centre):
    lat, lng = ORIGIN_LAT + 0.5 * SIZE, ORIGIN_LNG + 0.5 * SIZE
    assert locate(lat, lng) == world.wards["a1"].id
    assert locate_overlays(lat, lng) == [town_centre.id]
    assert current_overlay_locator().locate(lat, lng) == town_centre.id


@pytest.mark.django_db
def test_a_point_outside_every_overlay_is_in_its_ward_only(world, town_centre):
    lat, lng = ORIGIN_LAT + 0.1 * SIZE, ORIGIN_LNG + 0.1 * SIZE
    assert locate(lat, lng) == world.wards["a1"].id
    assert locate_overlays(lat, lng) == []


@pytest.mark.django_db
def test_the_ward_locator_holds_wards_only_and_the_overlay_locator_overlays_only(world, town_centre):
    assert set(current_locator().ids.tolist()) == {w.id for w in world.wards.values()}
    assert current_overlay_locator().ids.tolist() == [town_centre.id]


@pytest.mark.django_db
def test_importing_overlays_is_all_or_nothing(world, tmp_path):
    good = {"code": "NW-ONE", "name": "One"}
    bad = {"code": "NW-TWO", "name": "Two"}
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": good,
                "geometry": json.loads(to_geojson(inside(0, 0.4, 0.4, 0.6, 0.6))),
            },
            {"type": "Feature", "properties": bad, "geometry": {"type": "Point", "coordinates": [0, 0]}},
        ],
    }
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps(collection))
    with pytest.raises(BoundaryFileError, match="NW-TWO"):
        non_ward_areas_import(path=path, small_areas=small_areas_under_five_wards())
    assert not Neighbourhood.objects.filter(kind="non_ward").exists()
