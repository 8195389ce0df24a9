"""Rows of another force are never ours, and each figure of a summary counts one kind of row (issue 8,
items 4 and 8). The City of London files need ../shared/data and skip without it."""

from pathlib import Path

import numpy as np
import pytest

from sn.geography.demo import met_geography_load
from sn.geography.locate import current_locator
from sn.incidents.importing import police_files_import
from sn.incidents.kinds import OUTCOMES, STOPS
from sn.incidents.models import ImportRun, Incident, StopSearch
from sn.incidents.tests.helpers import FIXTURES, fixture_lines, import_path, write_lines

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data"
CITY = SHARED / "police_street" / "city_of_london"
MET_STOPS = SHARED / "police_stop_and_search" / "2015-04-metropolitan-stop-and-search.csv.gz"


def partition(result) -> int:
    return sum(getattr(result, name) for name, _ in result.FIGURES)


@pytest.mark.django_db
def test_rows_of_another_force_are_counted_and_not_placed_in_our_wards(world, lsoa_ids, tmp_path):
    lines = fixture_lines("street.csv")
    # Two of the test force's burglary rows, re-labelled as the neighbouring force's: same points.
    lines[1] = lines[1].replace("Test Police,Test Police", "City of London Police,City of London Police")
    lines[2] = lines[2].replace("Test Police,Test Police", "Test Police,City of London Police")

    result = import_path(write_lines(tmp_path / "street.csv", lines), lsoa_ids=lsoa_ids)

    assert (result.other_force, result.imported) == (2, 5)
    assert not Incident.objects.exclude(falls_within="Test Police").exists()
    assert "2 rows fall within another force (City of London Police)" in result.message
    assert "other force 2" in result.summary_line()
    assert partition(result) == result.rows_read
    assert ImportRun.objects.get().other_force == 2


@pytest.mark.django_db
def test_a_file_entirely_of_another_force_says_so(world, lsoa_ids, tmp_path):
    lines = [
        line.replace("Test Police,Test Police", "Kent Police,Kent Police")
        for line in fixture_lines("street.csv")
    ]

    result = import_path(write_lines(tmp_path / "kent.csv", lines), lsoa_ids=lsoa_ids)

    assert (result.imported, result.other_force) == (0, 9)
    assert result.message == "Another force's file: all 9 rows fall within Kent Police; nothing was imported."
    assert not Incident.objects.exists()


@pytest.mark.django_db
def test_outcomes_count_repeated_rows_and_crimes_not_held_apart(world, lsoa_ids, tmp_path):
    import_path(FIXTURES / "street.csv", lsoa_ids=lsoa_ids)
    lines = fixture_lines("outcomes.csv")
    not_held = lines[4]  # an outcome for a crime the street file does not have
    lines += [not_held.replace("2024-", "2023-"), not_held.replace("2024-", "2022-")]

    result = import_path(write_lines(tmp_path / "outcomes.csv", lines), kind=OUTCOMES, lsoa_ids=lsoa_ids)

    # 6 rows: 2 set an outcome, 1 names a crime not held, and 3 are older rows of a crime the file
    # names again (one of a held crime, two of the crime not held): repeats, not "unchanged".
    assert (result.updated, result.not_held, result.repeated, result.unchanged) == (2, 1, 3, 0)
    assert partition(result) == result.rows_read == 6


@pytest.mark.django_db
def test_stops_with_no_coordinates_are_reported_as_kept_with_no_location(world, lsoa_ids):
    result = import_path(FIXTURES / "stops.csv", kind=STOPS, lsoa_ids=lsoa_ids)

    line = result.summary_line()
    assert "kept with no location 1" in line and "outside area 1" in line
    assert StopSearch.objects.filter(neighbourhood=None).count() == 1
    assert partition(result) == result.rows_read


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not CITY.is_dir(), reason=f"the City of London Police files are not here ({CITY})")
def test_city_of_london_police_files_put_nothing_in_met_wards(settings):
    settings.SN_POLICE_FORCE_NAME = "Metropolitan Police Service"
    met_geography_load()
    # Without the force check some City rows would land in Met wards by their snap points alone.
    snapped = 0
    for path in sorted(CITY.glob("*.csv")):
        rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
        points = [(float(r[5]), float(r[4])) for r in rows if r[4] and r[5]]
        if points:
            lats, lngs = np.array(points).T
            snapped += int((current_locator().locate_many(lats, lngs) != -1).sum())
    assert snapped > 0

    results = police_files_import(paths=[CITY], out=lambda _: None)

    assert not Incident.objects.exists()
    for result in results:
        assert result.other_force == result.rows_read > 0
        assert result.message.startswith("Another force's file: all ")
        assert "City of London Police" in result.message


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not MET_STOPS.is_file(), reason=f"the Met stop-and-search file is not here ({MET_STOPS})")
def test_a_real_stops_file_without_coordinates_says_none_has_a_location():
    met_geography_load()

    (result,) = police_files_import(paths=[MET_STOPS], kind=STOPS, out=lambda _: None)

    assert result.kept_without_place == result.rows_read > 0
    assert result.outside_area == 0
    assert f"kept with no location {result.rows_read}" in result.summary_line()
