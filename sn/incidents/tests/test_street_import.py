import gzip
import io
import re
import zipfile
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count

from sn.incidents.categories import Category
from sn.incidents.models import ImportRun, Incident, IncidentMonthly
from sn.incidents.rollup import incidents_rollup_rebuild
from sn.incidents.tests.helpers import FIXTURES, fixture_lines, import_path, write_lines

STREET = FIXTURES / "street.csv"
# street.csv: 9 rows. 7 inside the test force (3 crimes with points, 3 ASB rows of which two are
# identical, 1 crime with no point but an LSOA in ward b2); 1 outside (a point far away) and 1 that
# cannot be placed (neither point nor LSOA).
INSIDE, OUTSIDE, NO_LOCATION = 7, 1, 1

pytestmark = pytest.mark.django_db


def test_a_street_file_imports_every_row_inside_the_force_and_counts_the_rest(world, lsoa_ids):
    result = import_path(STREET, lsoa_ids=lsoa_ids)

    assert (result.status, result.rows_read, result.imported, result.outside_area, result.no_location) == (
        "imported",
        9,
        INSIDE,
        OUTSIDE,
        NO_LOCATION,
    )
    assert Incident.objects.count() == INSIDE
    burglary = Incident.objects.get(category=Category.BURGLARY)
    assert burglary.neighbourhood == world.wards["a1"]
    assert str(burglary.month) == "2024-01-01"
    assert burglary.location == "On or near High Street"
    assert burglary.last_outcome_category == "Under investigation"
    assert (burglary.longitude, burglary.latitude) == (-0.195, 51.505)
    run = ImportRun.objects.get()
    assert (run.kind, run.status, run.imported, run.outside_area, run.no_location, run.actor) == (
        "street",
        "imported",
        7,
        1,
        1,
        None,
    )
    assert len(run.sha256) == 64


def test_importing_the_same_file_again_adds_and_changes_nothing(world, lsoa_ids):
    import_path(STREET, lsoa_ids=lsoa_ids)
    keys = set(Incident.objects.values_list("source_key", flat=True))

    again = import_path(STREET, lsoa_ids=lsoa_ids)

    assert (again.imported, again.updated, again.unchanged, again.outside_area, again.no_location) == (
        0,
        0,
        INSIDE,
        OUTSIDE,
        NO_LOCATION,
    )
    assert set(Incident.objects.values_list("source_key", flat=True)) == keys


def test_a_changed_row_is_updated_and_counted_as_updated(world, lsoa_ids, tmp_path):
    import_path(STREET, lsoa_ids=lsoa_ids)
    lines = fixture_lines("street.csv")
    lines[1] = lines[1].replace("Under investigation", "Offender given a caution")

    result = import_path(write_lines(tmp_path / "street.csv", lines), lsoa_ids=lsoa_ids)

    assert (result.imported, result.updated, result.unchanged) == (0, 1, INSIDE - 1)
    assert (
        Incident.objects.get(category=Category.BURGLARY).last_outcome_category == "Offender given a caution"
    )


def test_identical_asb_rows_are_separate_incidents_with_keys_stable_across_imports(world, lsoa_ids):
    import_path(STREET, lsoa_ids=lsoa_ids)
    asb = Incident.objects.filter(category=Category.ANTI_SOCIAL_BEHAVIOUR)
    first_keys = sorted(asb.values_list("source_key", flat=True))
    church_street = asb.filter(location="On or near Church Street")

    assert church_street.count() == 2
    assert all(re.fullmatch(r"[0-9a-f]{64}", key) for key in first_keys)
    import_path(STREET, lsoa_ids=lsoa_ids)
    assert sorted(asb.values_list("source_key", flat=True)) == first_keys


def test_asb_keys_do_not_depend_on_where_the_chunks_fall(world, lsoa_ids):
    import_path(STREET, lsoa_ids=lsoa_ids, chunk_rows=50_000)
    keys = set(Incident.objects.values_list("source_key", flat=True))
    Incident.objects.all().delete()

    import_path(STREET, lsoa_ids=lsoa_ids, chunk_rows=1)

    assert set(Incident.objects.values_list("source_key", flat=True)) == keys


def test_a_row_without_coordinates_is_placed_by_its_lsoa(world, lsoa_ids):
    import_path(STREET, lsoa_ids=lsoa_ids)

    shoplifting = Incident.objects.get(category=Category.SHOPLIFTING)

    assert shoplifting.neighbourhood == world.wards["b2"]
    assert (shoplifting.longitude, shoplifting.latitude) == (None, None)


def test_the_monthly_rollup_equals_a_group_by_of_the_incidents(world, lsoa_ids):
    import_path(STREET, lsoa_ids=lsoa_ids)
    grouped = Incident.objects.values_list("neighbourhood_id", "month", "category").annotate(n=Count("id"))
    rollup = IncidentMonthly.objects.values_list("neighbourhood_id", "month", "category", "count")

    assert sorted(rollup) == sorted(grouped)
    assert incidents_rollup_rebuild(months=None) == len(grouped)
    assert sorted(rollup) == sorted(grouped)


def test_a_month_rebuild_leaves_other_months_alone(world, lsoa_ids):
    import_path(STREET, lsoa_ids=lsoa_ids)
    january = list(IncidentMonthly.objects.filter(month="2024-01-01").values_list("category", "count"))
    Incident.objects.filter(month="2024-02-01").delete()

    incidents_rollup_rebuild(months=["2024-02-01"])

    assert not IncidentMonthly.objects.filter(month="2024-02-01").exists()
    assert (
        list(IncidentMonthly.objects.filter(month="2024-01-01").values_list("category", "count")) == january
    )


def test_gzip_zip_and_directory_inputs_import_the_same_rows(world, lsoa_ids, tmp_path):
    data = STREET.read_bytes()
    gz = tmp_path / "2024-02-test-street.csv.gz"
    gz.write_bytes(gzip.compress(data))
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2024-02/2024-02-test-street.csv", data)
        zf.writestr("2024-02/2024-02-test-outcomes.csv", (FIXTURES / "outcomes.csv").read_bytes())
    folder = tmp_path / "monthly" / "2024-02"
    folder.mkdir(parents=True)
    (folder / "2024-02-test-street.csv").write_bytes(data)

    for path in (gz, archive, tmp_path / "monthly"):
        out = io.StringIO()
        call_command("import-crimes", str(path), stdout=out)
        Incident.objects.all().delete()
        assert f"imported {INSIDE}," in out.getvalue(), path
    zipped = io.StringIO()
    call_command("import-crimes", str(archive), stdout=zipped)
    assert (
        "archive.zip:2024-02/2024-02-test-outcomes.csv: skipped, a police.uk outcomes file"
        in zipped.getvalue()
    )


def test_the_command_prints_one_summary_line_per_file(world, lsoa_ids):
    out = io.StringIO()

    call_command("import-crimes", str(STREET), stdout=out)

    assert re.fullmatch(
        rf"{re.escape(str(STREET))}: rows read 9, imported 7, updated 0, unchanged 0, outside area 1, "
        r"no location 1, rejected 0, \d+\.\d s\n",
        out.getvalue(),
    )


def test_import_police_data_tells_the_kinds_apart_by_header(world, lsoa_ids):
    out = io.StringIO()

    call_command(
        "import-police-data",
        str(STREET),
        str(FIXTURES / "outcomes.csv"),
        str(FIXTURES / "stops.csv"),
        stdout=out,
    )

    kinds = Counter(ImportRun.objects.values_list("kind", flat=True))
    assert kinds == {"street": 1, "outcomes": 1, "stops": 1}
    assert (
        Incident.objects.get(category=Category.BURGLARY).last_outcome_category == "Offender given a caution"
    )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_and_a_pipe_gets_none(world, lsoa_ids):
    terminal, pipe = Terminal(), io.StringIO()

    import_path(STREET, lsoa_ids=lsoa_ids, progress_stream=terminal, chunk_rows=2)
    import_path(STREET, lsoa_ids=lsoa_ids, progress_stream=pipe, chunk_rows=2)

    assert "street.csv [" in terminal.getvalue() and "rows (" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_progress_follows_the_rows_written_not_the_bytes_read_ahead(world, lsoa_ids):
    """Arrow reads the whole of a small file (tens of megabytes of a large one) before the first chunk
    is written: progress by bytes read said 63% when a twentieth of the rows were in. It is counted by
    the rows handed over, at the file's mean line length."""
    reports: list[tuple[int, int]] = []

    import_path(
        STREET, lsoa_ids=lsoa_ids, chunk_rows=2, on_progress=lambda done, rows: reports.append((done, rows))
    )

    size = STREET.stat().st_size
    assert reports and reports[0][0] < size / 2
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)
    assert reports[-1][0] == pytest.approx(size, rel=0.2)
