"""Files that cannot be opened as what their names say: refused whole, recorded, nothing written."""

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sn.incidents.models import ImportRun, Incident, IncidentMonthly
from sn.incidents.tests.helpers import FIXTURES

pytestmark = pytest.mark.django_db

STREET_CSV = (FIXTURES / "street.csv").read_bytes()


def a_corrupt_zip(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 this was cut short in the download")


def a_truncated_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("2024-02/2024-02-test-street.csv", STREET_CSV)
    path.write_bytes(path.read_bytes()[:200])


def a_zip_with_no_csv(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("README.txt", "police.uk archive")


def a_gzip_that_is_not_gzip(path: Path) -> None:
    path.write_bytes(STREET_CSV)


def a_gzip_of_two_bytes(path: Path) -> None:
    path.write_bytes(b"ab")


def a_zip_whose_member_will_not_inflate(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2024-02/2024-02-test-street.csv", STREET_CSV)
    data = bytearray(path.read_bytes())
    start = 30 + len("2024-02/2024-02-test-street.csv")  # the local header, then the deflated data
    data[start : start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


CORRUPT = {
    "a corrupt zip": ("2024-02.zip", a_corrupt_zip, "2024-02.zip: not a zip archive"),
    "a truncated zip": ("2024-02.zip", a_truncated_zip, "2024-02.zip: not a zip archive"),
    "a zip with no CSV": ("2024-02.zip", a_zip_with_no_csv, "2024-02.zip: the archive holds no CSV file"),
    "a gzip that is not gzip": ("street.csv.gz", a_gzip_that_is_not_gzip, "street.csv.gz: not a gzip file"),
    "a gzip of two bytes": ("street.csv.gz", a_gzip_of_two_bytes, "street.csv.gz: not a gzip file"),
    "a zip member that will not inflate": (
        "2024-02.zip",
        a_zip_whose_member_will_not_inflate,
        "2024-02-test-street.csv: the file cannot be read",
    ),
}


@pytest.mark.parametrize("command", ["import-crimes", "import-police-data"])
@pytest.mark.parametrize("name", CORRUPT)
def test_a_file_that_cannot_be_opened_is_refused_in_one_line_and_recorded(
    world, lsoa_ids, tmp_path, command, name
):
    file_name, write, message = CORRUPT[name]
    path = tmp_path / file_name
    write(path)
    out = io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command(command, str(path), stdout=out)

    error = str(refused.value)
    assert "\n" not in error and message in error, error
    assert "REJECTED, nothing written: " + message in out.getvalue()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REJECTED
    assert run.message.startswith(message) and run.file_name.startswith(str(path))
    assert (run.imported, run.updated) == (0, 0)
    assert not Incident.objects.exists() and not IncidentMonthly.objects.exists()


def test_a_corrupt_archive_beside_good_files_is_refused_and_the_good_ones_imported(world, lsoa_ids, tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    a_corrupt_zip(folder / "2024-01.zip")
    (folder / "2024-02-test-street.csv.gz").write_bytes(gzip.compress(STREET_CSV))

    with pytest.raises(CommandError, match="1 of 2 files rejected.*2024-01.zip: not a zip archive"):
        call_command("import-crimes", str(folder), stdout=io.StringIO())

    assert sorted(ImportRun.objects.values_list("status", flat=True)) == ["imported", "rejected"]
    assert Incident.objects.exists()
