import csv
import io

import pytest
from django.core.management import CommandError, call_command

from sn.incidents.models import ImportRun, Incident, IncidentMonthly
from sn.incidents.tests.helpers import FIXTURES, fixture_lines, import_path, write_lines

pytestmark = pytest.mark.django_db


def corrupt(line_index: int, old: str, new: str):
    def change(lines: list[str]) -> list[str]:
        assert old in lines[line_index]
        lines[line_index] = lines[line_index].replace(old, new, 1)
        return lines

    return change


CORRUPTIONS = {
    "a ragged line": (corrupt(3, ",Vehicle crime,", ","), 4, "expected 12 fields, got 11"),
    "a bad month": (corrupt(2, ",2024-01,", ",2024-13,"), 3, 'Month "2024-13" is not a month (YYYY-MM)'),
    "a bad coordinate": (corrupt(6, ",51.503000,", ",51.5O3,"), 7, 'Latitude "51.5O3" is not a number'),
    "half a coordinate": (
        corrupt(6, ",-0.165000,", ",,"),
        7,
        "Longitude and Latitude must both be given or both",
    ),
    "an unknown crime type": (
        corrupt(5, "Anti-social behaviour", "Littering"),
        6,
        'unknown crime type "Littering"',
    ),
    "the wrong header": (
        corrupt(0, "Crime type", "Crime category"),
        1,
        'header is not the police.uk street layout: column 10 is "Crime category"',
    ),
}


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_a_corrupted_file_writes_nothing_and_names_its_line(world, lsoa_ids, tmp_path, name):
    change, line, reason = CORRUPTIONS[name]
    path = write_lines(tmp_path / "2024-02-test-street.csv", change(fixture_lines("street.csv")))

    result = import_path(path, lsoa_ids=lsoa_ids)

    assert result.status == "rejected"
    assert result.message.startswith(f"2024-02-test-street.csv, line {line}: {reason}")
    assert (result.imported, result.rejected) == (0, 1)
    assert not Incident.objects.exists()
    assert not IncidentMonthly.objects.exists()
    run = ImportRun.objects.get()
    assert (run.status, run.message, run.imported) == ("rejected", result.message, 0)


def test_a_bad_last_line_rolls_back_the_rows_before_it(world, lsoa_ids, tmp_path):
    lines = fixture_lines("street.csv")
    lines.append(lines[1].replace("2024-01", "January"))
    path = write_lines(tmp_path / "late.csv", lines)

    result = import_path(path, lsoa_ids=lsoa_ids, chunk_rows=2)

    assert result.message.startswith("late.csv, line 11: ")
    assert not Incident.objects.exists()


def test_a_rejected_file_leaves_earlier_imports_untouched(world, lsoa_ids, tmp_path):
    import_path(FIXTURES / "street.csv", lsoa_ids=lsoa_ids)
    before = sorted(Incident.objects.values_list("source_key", "last_outcome_category"))
    lines = [line.replace("Under investigation", "Changed") for line in fixture_lines("street.csv")]
    lines[4] = lines[4] + ",extra"

    import_path(write_lines(tmp_path / "bad.csv", lines), lsoa_ids=lsoa_ids)

    assert sorted(Incident.objects.values_list("source_key", "last_outcome_category")) == before


def test_the_rejects_report_lists_every_bad_row_with_its_line_reason_and_raw_row(world, lsoa_ids, tmp_path):
    lines = fixture_lines("street.csv")
    lines[2] = lines[2].replace(",2024-01,", ",24-01,")
    lines[8] = lines[8].replace("Robbery", "Piracy")
    path = write_lines(tmp_path / "two-bad.csv", lines)
    report = tmp_path / "rejects.csv"

    with pytest.raises(CommandError, match="1 of 1 files rejected"):
        call_command("import-crimes", str(path), "--rejects", str(report), stdout=io.StringIO())

    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert [(r["line"], r["reason"]) for r in rows] == [
        ("3", 'Month "24-01" is not a month (YYYY-MM)'),
        ("9", 'unknown crime type "Piracy"'),
    ]
    assert next(csv.reader([rows[1]["raw_row"]]))[9] == "Piracy"
    assert ImportRun.objects.get().rejected == 2


def test_an_empty_file_is_refused(world, lsoa_ids, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")

    result = import_path(path, lsoa_ids=lsoa_ids)

    assert result.message == "empty.csv, line 1: the file is empty"
