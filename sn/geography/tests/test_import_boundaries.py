"""`sn import-boundaries`: boroughs then wards from GeoJSON, all or nothing, and idempotent.

The small files here are two boroughs of four square wards each, in a 4 x 2 grid:

    W3 W4 | E7 E8        row 1
    W1 W2 | E5 E6        row 0

Ward names run backwards through the alphabet, so that name order is not id order.
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sn.cli import main as sn
from sn.core.models import AuditEvent
from sn.geography.models import Borough, Force, Neighbourhood

DATA = Path(__file__).resolve().parent.parent / "data"
SIZE = 0.01
WEST, EAST, CITY = "E09000101", "E09000102", "E09000001"
WARDS = [
    # code, name, borough, col, row
    ("E05000001", "Vale", WEST, 0, 0),
    ("E05000002", "Tower", WEST, 1, 0),
    ("E05000003", "Spring", WEST, 0, 1),
    ("E05000004", "Riverside", WEST, 1, 1),
    ("E05000005", "Park", EAST, 2, 0),
    ("E05000006", "Market", EAST, 3, 0),
    ("E05000007", "Hill", EAST, 2, 1),
    ("E05000008", "Abbey", EAST, 3, 1),
]
BOW_TIE = {
    "type": "Polygon",
    "coordinates": [[[-0.2, 51.52], [-0.19, 51.53], [-0.19, 51.52], [-0.2, 51.53], [-0.2, 51.52]]],
}


def rectangle(col: int, row: int, cols: int = 1, rows: int = 1) -> dict:
    west, south = -0.20 + col * SIZE, 51.50 + row * SIZE
    east, north = west + cols * SIZE, south + rows * SIZE
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(geometry: dict | None, **properties) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def borough_features() -> list[dict]:
    return [
        feature(rectangle(0, 0, cols=2, rows=2), code=WEST, name="Westbury"),
        feature(rectangle(2, 0, cols=2, rows=2), code=EAST, name="Eastham"),
    ]


def ward_features() -> list[dict]:
    return [
        feature(rectangle(col, row), code=code, name=name, borough_code=b)
        for code, name, b, col, row in WARDS
    ]


def write(tmp_path: Path, features: list[dict], name: str = "wards.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def import_boundaries(path: Path, level: str, **options) -> str:
    out = io.StringIO()
    call_command("import-boundaries", path, level=level, stdout=out, **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        "forces": Force.objects.count(),
        "boroughs": Borough.objects.count(),
        "neighbourhoods": Neighbourhood.objects.count(),
        "neighbour links": Neighbourhood.neighbours.through.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def refused(path: Path, level: str = "ward", **options) -> str:
    """Run an import that must fail; check it wrote nothing at all and return its message."""
    before = row_counts()
    with pytest.raises(CommandError) as error:
        import_boundaries(path, level, **options)
    assert row_counts() == before
    return str(error.value)


@pytest.fixture
def boroughs(db, tmp_path):
    import_boundaries(write(tmp_path, borough_features(), "boroughs.geojson"), "borough")


@pytest.fixture
def wards(boroughs, tmp_path):
    import_boundaries(write(tmp_path, ward_features()), "ward")


def ward(code: str) -> Neighbourhood:
    return Neighbourhood.objects.get(code=code)


# Loading


def test_boroughs_load_into_the_metropolitan_police_by_default(db, tmp_path):
    output = import_boundaries(write(tmp_path, borough_features(), "boroughs.geojson"), "borough")
    assert output == "2 created, 0 updated, 0 unchanged\n"
    westbury = Borough.objects.get(code=WEST)
    assert westbury.name == "Westbury"
    assert westbury.force.code == "metropolitan"
    assert westbury.force.name == "Metropolitan Police Service"


def test_wards_load_into_their_boroughs_and_the_neighbour_pairs_are_counted(boroughs, tmp_path):
    output = import_boundaries(write(tmp_path, ward_features()), "ward")
    assert output == "8 created, 0 updated, 0 unchanged\n10 neighbour pairs\n"
    assert set(Borough.objects.get(code=WEST).neighbourhoods.values_list("code", flat=True)) == {
        "E05000001",
        "E05000002",
        "E05000003",
        "E05000004",
    }


def test_a_loaded_ward_has_its_name_kind_police_id_centroid_and_area(wards):
    vale = ward("E05000001")
    assert vale.name == "Vale"
    assert vale.kind == Neighbourhood.Kind.WARD
    assert vale.police_uk_id == "E05000001"
    assert (vale.centroid_lng, vale.centroid_lat) == (pytest.approx(-0.195), pytest.approx(51.505))
    assert vale.area_hectares == pytest.approx(77.1, abs=0.1)


def test_wards_sharing_an_edge_are_neighbours_and_wards_meeting_at_a_corner_are_not(wards):
    assert set(ward("E05000002").neighbours.values_list("code", flat=True)) == {
        "E05000001",  # west
        "E05000004",  # north
        "E05000005",  # east, across the borough boundary
    }


def test_police_uk_ids_can_come_from_a_property_of_the_file(boroughs, tmp_path):
    features = ward_features()
    for number, each in enumerate(features, start=1):
        each["properties"]["police_id"] = f"MPS{number:03d}"
    import_boundaries(write(tmp_path, features), "ward", police_id_field="police_id")
    assert ward("E05000003").police_uk_id == "MPS003"


def test_other_field_names_can_be_given(boroughs, tmp_path):
    features = [
        feature(each["geometry"], WD22CD=p["code"], WD22NM=p["name"], LAD22CD=p["borough_code"])
        for each in ward_features()
        for p in [each["properties"]]
    ]
    output = import_boundaries(
        write(tmp_path, features), "ward", code_field="WD22CD", name_field="WD22NM", parent_field="LAD22CD"
    )
    assert output.startswith("8 created")
    assert ward("E05000008").name == "Abbey"


def test_a_gzipped_file_is_read(db):
    output = import_boundaries(DATA / "boroughs.geojson.gz", "borough")
    assert output == "32 created, 0 updated, 0 unchanged\n"


# Running again


def test_running_the_same_files_again_changes_nothing(wards, tmp_path):
    links = set(Neighbourhood.neighbours.through.objects.values_list("id", flat=True))
    events = AuditEvent.objects.count()
    assert (
        import_boundaries(tmp_path / "boroughs.geojson", "borough") == "0 created, 0 updated, 2 unchanged\n"
    )
    assert (
        import_boundaries(tmp_path / "wards.geojson", "ward")
        == "0 created, 0 updated, 8 unchanged\n10 neighbour pairs\n"
    )
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()
    assert AuditEvent.objects.count() == events
    # The neighbour links are left as they are, not deleted and written again.
    assert set(Neighbourhood.neighbours.through.objects.values_list("id", flat=True)) == links


def test_a_renamed_ward_is_one_update_in_the_audit_trail(wards, tmp_path):
    features = ward_features()
    features[2]["properties"]["name"] = "Spring Gardens"
    output = import_boundaries(write(tmp_path, features), "ward")
    assert output.startswith("0 created, 1 updated, 7 unchanged\n")
    update = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE)
    assert update.changes == {"name": ["Spring", "Spring Gardens"]}
    assert update.context == "import-boundaries wards.geojson"


# Leaving features out


def test_skip_parent_leaves_out_the_wards_of_that_borough(boroughs, tmp_path):
    city_wards = [
        feature(rectangle(4, 0), code="E05009999", name="Aldgate", borough_code=CITY),
        feature(rectangle(4, 1), code="E05009998", name="Bishopsgate", borough_code=CITY),
    ]
    path = write(tmp_path, ward_features() + city_wards)
    assert "feature 8 (code E05009999): unknown parent borough 'E09000001'" in refused(path)
    assert import_boundaries(path, "ward", skip_parent=[CITY]).startswith("8 created")
    assert not Neighbourhood.objects.filter(code__in=["E05009999", "E05009998"]).exists()


def test_skip_code_leaves_out_that_borough(db, tmp_path):
    city = feature(rectangle(4, 0, rows=2), code=CITY, name="City of London")
    path = write(tmp_path, borough_features() + [city], "boroughs.geojson")
    assert import_boundaries(path, "borough", skip_code=[CITY]).startswith("2 created")
    assert not Borough.objects.filter(code=CITY).exists()


def test_the_command_line_takes_skip_parent_more_than_once(boroughs, tmp_path, capsys):
    features = ward_features()
    features[6]["properties"]["borough_code"] = "E09000201"
    features[7]["properties"]["borough_code"] = "E09000202"
    path = write(tmp_path, features)
    sn(
        [
            "import-boundaries",
            str(path),
            "--level",
            "ward",
            "--skip-parent",
            "E09000201",
            "--skip-parent",
            "E09000202",
        ]
    )
    assert capsys.readouterr().out.startswith("6 created, 0 updated, 0 unchanged\n")


# The force


def test_boroughs_can_go_into_a_new_force_of_a_given_name(db, tmp_path):
    path = write(tmp_path, borough_features(), "boroughs.geojson")
    import_boundaries(path, "borough", force_code="thames-valley", force_name="Thames Valley Police")
    assert Borough.objects.get(code=WEST).force.name == "Thames Valley Police"


def test_a_new_force_other_than_the_met_needs_a_name(db, tmp_path):
    path = write(tmp_path, borough_features(), "boroughs.geojson")
    assert "give --force-name" in refused(path, "borough", force_code="thames-valley")


def test_a_bad_borough_file_does_not_leave_a_new_force_behind(db, tmp_path):
    features = borough_features()
    features[1]["properties"]["code"] = WEST
    message = refused(write(tmp_path, features, "boroughs.geojson"), "borough")
    assert "feature 1 (code E09000101): duplicate code, already used by feature 0" in message
    assert not Force.objects.exists()


@pytest.mark.parametrize(
    "level, options",
    [
        ("borough", {"skip_parent": [CITY]}),
        ("borough", {"police_id_field": "police_id"}),
        ("borough", {"parent_field": "LAD22CD"}),
        ("ward", {"skip_code": [CITY]}),
        ("ward", {"force_code": "metropolitan"}),
    ],
)
def test_options_for_the_other_level_are_refused_rather_than_ignored(db, tmp_path, level, options):
    assert f"cannot be used with --level {level}" in refused(
        write(tmp_path, ward_features()), level, **options
    )


# Refused files: nothing written, and the message names each bad feature by index and code


def with_last(bad: dict) -> list[dict]:
    return ward_features() + [bad]


def test_a_self_intersecting_polygon_stops_the_import_and_names_the_feature(boroughs, tmp_path):
    message = refused(
        write(tmp_path, with_last(feature(BOW_TIE, code="E05000009", name="Bow", borough_code=WEST)))
    )
    assert "feature 8 (code E05000009): invalid geometry: Self-intersection" in message
    assert "nothing was written" in message


def test_a_feature_without_geometry_stops_the_import_and_names_the_feature(boroughs, tmp_path):
    message = refused(
        write(tmp_path, with_last(feature(None, code="E05000009", name="Void", borough_code=WEST)))
    )
    assert "feature 8 (code E05000009): missing geometry" in message


def test_a_point_geometry_stops_the_import_and_names_the_feature(boroughs, tmp_path):
    point = {"type": "Point", "coordinates": [-0.195, 51.525]}
    message = refused(
        write(tmp_path, with_last(feature(point, code="E05000009", name="Dot", borough_code=WEST)))
    )
    assert "feature 8 (code E05000009): geometry type 'Point' is not a Polygon or MultiPolygon" in message


def test_a_duplicate_code_stops_the_import_and_names_the_feature(boroughs, tmp_path):
    twin = feature(rectangle(0, 2), code="E05000001", name="Vale Twin", borough_code=WEST)
    message = refused(write(tmp_path, with_last(twin)))
    assert "feature 8 (code E05000001): duplicate code, already used by feature 0" in message


def test_an_unknown_parent_borough_stops_the_import_and_names_the_feature(boroughs, tmp_path):
    orphan = feature(rectangle(0, 2), code="E05000009", name="Orphan", borough_code="E09000999")
    message = refused(write(tmp_path, with_last(orphan)))
    assert "feature 8 (code E05000009): unknown parent borough 'E09000999'" in message


def test_a_missing_code_stops_the_import_and_names_the_feature_by_index(boroughs, tmp_path):
    message = refused(
        write(tmp_path, with_last(feature(rectangle(0, 2), name="Nameless", borough_code=WEST)))
    )
    assert "feature 8 (code ?): missing the code field 'code'" in message


def test_a_feature_that_is_not_an_object_is_reported_not_a_crash(boroughs, tmp_path):
    message = refused(write(tmp_path, ward_features() + [None]))
    assert "feature 8 (code ?): missing geometry" in message


def test_every_bad_feature_is_listed_not_just_the_first(boroughs, tmp_path):
    features = ward_features()
    features[1]["geometry"] = BOW_TIE
    features[5]["geometry"] = None
    message = refused(write(tmp_path, features))
    assert message.startswith("2 problem(s) in the boundary file; nothing was written")
    assert "feature 1 (code E05000002): invalid geometry" in message
    assert "feature 5 (code E05000006): missing geometry" in message


def test_a_second_file_whose_last_feature_is_bad_leaves_the_earlier_features_unwritten(wards, tmp_path):
    features = ward_features()
    features[0]["properties"]["name"] = "Vale Park"
    features.append(feature(rectangle(0, 2), code="E05000009", name="North End", borough_code=WEST))
    features.append(feature(BOW_TIE, code="E05000010", name="Bow", borough_code=WEST))
    message = refused(write(tmp_path, features, "second.geojson"))
    assert "feature 9 (code E05000010): invalid geometry" in message
    assert ward("E05000001").name == "Vale"
    assert not Neighbourhood.objects.filter(code="E05000009").exists()


def test_a_file_that_is_not_a_feature_collection_is_refused(boroughs, tmp_path):
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps(ward_features()[0]))
    message = refused(path)
    assert message.startswith("1 problem(s) in the boundary file; nothing was written:")
    assert message.endswith(f"{path}: expected a GeoJSON FeatureCollection")


def test_unreadable_json_is_refused(boroughs, tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [')
    assert f"{path}: not readable GeoJSON (" in refused(path)


def test_a_file_that_is_not_really_gzipped_is_refused(boroughs, tmp_path):
    path = write(tmp_path, ward_features(), "wards.geojson.gz")
    assert f"{path}: not readable GeoJSON (" in refused(path)


def test_a_missing_file_is_refused(boroughs, tmp_path):
    assert f"{tmp_path / 'nowhere.geojson'}: no such file" in refused(tmp_path / "nowhere.geojson")


def test_an_empty_feature_collection_is_refused(boroughs, tmp_path):
    assert "the file has no features" in refused(write(tmp_path, []))


def test_a_refused_import_exits_with_a_non_zero_status_and_says_why(boroughs, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        sn(["import-boundaries", str(tmp_path / "nowhere.geojson"), "--level", "ward"])
    assert exit.value.code == 1
    assert "no such file" in capsys.readouterr().err


# The shipped London files


def test_the_shipped_london_files_load_32_boroughs_and_679_wards_each_with_a_neighbour(db):
    import_boundaries(DATA / "boroughs.geojson.gz", "borough")
    output = import_boundaries(DATA / "wards.geojson.gz", "ward", skip_parent=[CITY])
    assert output.startswith("679 created, 0 updated, 0 unchanged\n")
    assert Borough.objects.count() == 32
    assert Neighbourhood.objects.filter(kind=Neighbourhood.Kind.WARD).count() == 679
    assert not Neighbourhood.objects.filter(neighbours=None).exists()
    assert not Borough.objects.filter(neighbourhoods=None).exists()
