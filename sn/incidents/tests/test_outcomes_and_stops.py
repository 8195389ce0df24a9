import datetime

import pytest

from sn.incidents.categories import Category
from sn.incidents.kinds import OUTCOMES, STOPS
from sn.incidents.models import ImportRun, Incident, StopSearch
from sn.incidents.tests.helpers import FIXTURES, fixture_lines, import_path, write_lines

pytestmark = pytest.mark.django_db


def test_an_outcomes_file_sets_the_latest_outcome_of_each_crime_it_names(world, lsoa_ids):
    import_path(FIXTURES / "street.csv", lsoa_ids=lsoa_ids)

    result = import_path(FIXTURES / "outcomes.csv", kind=OUTCOMES, lsoa_ids=lsoa_ids)

    burglary = Incident.objects.get(category=Category.BURGLARY)
    violence = Incident.objects.get(category=Category.VIOLENT_CRIME)
    assert (burglary.last_outcome_category, burglary.last_outcome_month) == (
        "Offender given a caution",
        datetime.date(2024, 3, 1),
    )
    assert violence.last_outcome_month == datetime.date(2024, 2, 1)
    assert (result.updated, result.not_held) == (2, 1)
    assert "1 outcomes name crimes that are not held" in ImportRun.objects.get(kind="outcomes").message


def test_an_older_outcome_does_not_replace_a_newer_one_and_a_repeat_changes_nothing(
    world, lsoa_ids, tmp_path
):
    import_path(FIXTURES / "street.csv", lsoa_ids=lsoa_ids)
    import_path(FIXTURES / "outcomes.csv", kind=OUTCOMES, lsoa_ids=lsoa_ids)
    lines = fixture_lines("outcomes.csv")
    older = write_lines(tmp_path / "older.csv", [lines[0], lines[3]])

    assert import_path(older, kind=OUTCOMES, lsoa_ids=lsoa_ids).updated == 0
    assert import_path(FIXTURES / "outcomes.csv", kind=OUTCOMES, lsoa_ids=lsoa_ids).updated == 0
    assert (
        Incident.objects.get(category=Category.BURGLARY).last_outcome_category == "Offender given a caution"
    )


def test_reimporting_a_street_file_keeps_the_outcome_an_outcomes_file_set(world, lsoa_ids):
    import_path(FIXTURES / "street.csv", lsoa_ids=lsoa_ids)
    import_path(FIXTURES / "outcomes.csv", kind=OUTCOMES, lsoa_ids=lsoa_ids)

    again = import_path(FIXTURES / "street.csv", lsoa_ids=lsoa_ids)

    assert again.updated == 0
    assert (
        Incident.objects.get(category=Category.BURGLARY).last_outcome_category == "Offender given a caution"
    )


def test_stops_import_located_when_they_have_coordinates_and_kept_without(world, lsoa_ids):
    result = import_path(FIXTURES / "stops.csv", kind=STOPS, lsoa_ids=lsoa_ids)

    assert (result.imported, result.outside_area, result.kept_without_place) == (2, 1, 1)
    located = StopSearch.objects.get(type="Person search")
    assert located.neighbourhood == world.wards["a1"]
    assert located.occurred_at == datetime.datetime(2024, 1, 5, 10, 0, tzinfo=datetime.UTC)
    assert (located.part_of_policing_operation, located.outcome_linked_to_object) == (False, None)
    unlocated = StopSearch.objects.get(type="Vehicle search")
    assert (unlocated.neighbourhood, unlocated.latitude, unlocated.outcome_linked_to_object) == (
        None,
        None,
        True,
    )


def test_stops_keep_stable_keys_so_a_reimport_adds_nothing(world, lsoa_ids):
    import_path(FIXTURES / "stops.csv", kind=STOPS, lsoa_ids=lsoa_ids)
    keys = set(StopSearch.objects.values_list("source_key", flat=True))

    again = import_path(FIXTURES / "stops.csv", kind=STOPS, lsoa_ids=lsoa_ids)

    assert (again.imported, again.unchanged) == (0, 2)
    assert set(StopSearch.objects.values_list("source_key", flat=True)) == keys


def test_a_stop_with_a_bad_date_rejects_the_file(world, lsoa_ids, tmp_path):
    lines = fixture_lines("stops.csv")
    lines[2] = lines[2].replace("2024-01-06T11:30:00+00:00", "06/01/2024 11:30")

    result = import_path(write_lines(tmp_path / "stops.csv", lines), kind=STOPS, lsoa_ids=lsoa_ids)

    assert result.message.startswith('stops.csv, line 3: Date "06/01/2024 11:30" is not a date and time')
    assert not StopSearch.objects.exists()
