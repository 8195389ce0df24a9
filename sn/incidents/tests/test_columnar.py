"""The Arrow way through a file reads what the csv module reads, or hands the file back (NotFast)."""

import csv
import gzip
import hashlib
import io
import math
import zipfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sn.incidents.columnar import NotFast, _coordinates, read_chunks, read_tables
from sn.incidents.kinds import OUTCOMES, STOPS, STREET
from sn.incidents.models import ImportRun, Incident
from sn.incidents.tests.helpers import FIXTURES, fixture_lines, import_path, write_lines
from sn.incidents.tests.test_parsing_properties import as_csv_row, street_rows

STREET_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "police_street"
SAMPLE = STREET_DIR / "2023-01-metropolitan-street-sample.csv"


def csv_rows(data: bytes) -> tuple[list[list[str]], list[int]]:
    """The rows and lines the csv way reads (sn.incidents.importing._chunks): blank lines skipped."""
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))
    rows, lines = [], []
    for row in reader:
        if row:
            rows.append(row)
            lines.append(reader.line_num)
    return rows, lines


def arrow_rows(data: bytes, width: int, size: int = 3) -> tuple[list[list[str]], list[int]]:
    rows, lines = [], []
    for table, table_lines in read_tables(io.BytesIO(data), width, size):
        rows += [list(row) for row in zip(*(column.to_pylist() for column in table.columns), strict=True)]
        lines += list(table_lines)
    return rows, lines


# Text made of what makes CSV hard: separators, quotes, both line ends, spaces, accents, NUL.
CSV_TEXT = st.lists(
    st.sampled_from(["a", "1", ",", '"', "\n", "\r", "\r\n", " ", "é", "\x00"]), max_size=40
).map("".join)


@given(CSV_TEXT)
def test_arrow_reads_any_text_as_the_csv_module_does_or_refuses_it(text):
    data = ("h1,h2\n" + text).encode("utf-8")
    expected, expected_lines = csv_rows(data)
    try:
        rows, lines = arrow_rows(data, 2)
    except NotFast:
        return
    assert rows == expected
    # Arrow skips blank lines unseen, and a quote never closed ends the file on a line break it
    # swallowed, which the last row's line counts once too often. Neither line is ever shown: lines are
    # reported for bad rows only, and bad rows are reported by the csv way.
    if not any(line.strip("\r\n") == "" for line in text.splitlines()[:-1]):
        assert lines[:-1] == expected_lines[:-1]


def test_a_ragged_row_or_bytes_that_are_not_utf8_are_refused():
    for data in (b"a,b\n1,2,3\n", b"a,b\n1,\xff\n", b""):
        with pytest.raises(NotFast):
            arrow_rows(data, 2)


def test_a_quoted_line_break_moves_the_line_numbers_on_as_the_csv_module_counts_them():
    data = b'h1,h2\n1,"two\r\nlines"\n2,"three\nlines\rhere"\n3,x\n'

    assert arrow_rows(data, 2) == csv_rows(data)
    assert arrow_rows(data, 2)[1] == [1, 3, 6, 7]


def parsed_both_ways(path: Path, kind, size: int):
    with path.open("rb") as stream:
        fast = list(read_chunks(stream, kind, size))
    rows, lines = csv_rows(path.read_bytes())
    slow = [kind.parse(rows[i : i + size], lines[i : i + size]) for i in range(1, len(rows), size)]
    return fast, slow


def joined(chunks) -> dict:
    """A file's chunks as one: the Arrow way's first chunks are smaller than the csv way's."""
    return {
        "values": {name: [v for c in chunks for v in c.values[name]] for name in chunks[0].values},
        "lines": [line for c in chunks for line in c.lines],
        "raw": [row for c in chunks for row in c.raw],
        "problems": [p for c in chunks for p in c.problems],
    }


def assert_same(fast, slow) -> None:
    assert joined(fast) == joined(slow)
    assert joined(fast)["problems"] == []
    for axis in ("longitude", "latitude"):
        np.testing.assert_array_equal(
            np.concatenate([getattr(c, axis) for c in fast]), np.concatenate([getattr(c, axis) for c in slow])
        )
    assert max(len(c) for c in fast) <= max(len(c) for c in slow)


@pytest.mark.parametrize(
    ("name", "kind"), [("street.csv", STREET), ("outcomes.csv", OUTCOMES), ("stops.csv", STOPS)]
)
def test_each_kind_parses_to_the_same_columns_both_ways(name, kind):
    assert_same(*parsed_both_ways(FIXTURES / name, kind, 4))


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"the real police.uk sample is not here ({SAMPLE})")
def test_a_real_police_uk_file_parses_to_the_same_columns_both_ways():
    assert_same(*parsed_both_ways(SAMPLE, STREET, 1000))


@given(st.lists(street_rows(), min_size=1, max_size=8))
def test_any_valid_street_rows_parse_to_the_same_columns_both_ways(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("rows") / "street.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(STREET.header)
        writer.writerows(as_csv_row(values) for values in rows)

    assert_same(*parsed_both_ways(path, STREET, 3))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (",2024-01,", ",2024-13,"),
        (",51.505000,", ",51.5O5,"),
        (",51.505000,", ", 51.505,"),  # Python reads it, Arrow is not asked to: the csv way does
        (",51.505000,", ",inf,"),
        (",-0.195000,51.505000,", ",,51.505000,"),
        (",Burglary,", ",Piracy,"),
        ("On or near High Street", "x" * 256),
    ],
)
def test_a_value_the_csv_way_might_refuse_is_left_to_it(tmp_path, old, new):
    lines = fixture_lines("street.csv")
    lines[1] = lines[1].replace(old, new)
    path = write_lines(tmp_path / "street.csv", lines)

    with path.open("rb") as stream, pytest.raises(NotFast):
        list(read_chunks(stream, STREET, 50))


def test_an_arrow_error_while_checking_a_chunk_leaves_the_file_to_the_csv_way(monkeypatch):
    def refuse(*args, **kwargs):
        raise pa.ArrowInvalid("a value no cast takes")

    monkeypatch.setattr("sn.incidents.columnar._coordinates", refuse)

    with (FIXTURES / "street.csv").open("rb") as stream, pytest.raises(NotFast):
        list(read_chunks(stream, STREET, 50))


def test_a_header_that_is_not_the_kinds_is_left_to_the_csv_way():
    with (FIXTURES / "outcomes.csv").open("rb") as stream, pytest.raises(NotFast):
        list(read_chunks(stream, STREET, 50))


@pytest.fixture
def no_csv_way(monkeypatch):
    def refuse(job):
        raise AssertionError(f"{job.source.name} was read with the csv module")

    monkeypatch.setattr("sn.incidents.importing._csv_import", refuse)


@pytest.mark.django_db
@pytest.mark.parametrize("packed", ["plain", "gzip", "zip"])
def test_a_good_file_is_imported_the_arrow_way_with_its_sha256(world, lsoa_ids, tmp_path, no_csv_way, packed):
    data = (FIXTURES / "street.csv").read_bytes()
    path = tmp_path / "street.csv"
    path.write_bytes(data)
    if packed == "gzip":
        path = tmp_path / "street.csv.gz"
        path.write_bytes(gzip.compress(data))
    elif packed == "zip":
        path = tmp_path / "2024-02.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("2024-02/2024-02-test-street.csv", data)

    result = import_path(path, lsoa_ids=lsoa_ids, chunk_rows=2)

    assert (result.status, result.rows_read, result.imported) == ("imported", 9, 7)
    assert ImportRun.objects.get().sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.django_db
def test_a_bad_row_after_a_row_spanning_lines_is_named_by_its_line(world, lsoa_ids, tmp_path):
    lines = fixture_lines("street.csv")
    lines[1] = lines[1].replace("On or near High Street", '"On or near\nHigh Street"')
    lines[3] = lines[3].replace(",Vehicle crime,", ",Piracy,")
    path = write_lines(tmp_path / "street.csv", lines)

    result = import_path(path, lsoa_ids=lsoa_ids)

    assert result.message.startswith('street.csv, line 5: unknown crime type "Piracy"')
    assert not Incident.objects.exists()


@pytest.mark.django_db
def test_a_row_spanning_lines_is_imported_with_its_line_break(world, lsoa_ids, tmp_path, no_csv_way):
    lines = fixture_lines("street.csv")
    lines[1] = lines[1].replace("On or near High Street", '"On or near\r\nHigh Street"')
    path = write_lines(tmp_path / "street.csv", lines)

    result = import_path(path, lsoa_ids=lsoa_ids)

    assert result.imported == 7
    assert Incident.objects.filter(location="On or near\r\nHigh Street").count() == 1


def test_coordinates_convert_to_the_doubles_python_makes():
    rng = np.random.default_rng(8)
    digits = rng.integers(0, 17, 5000)
    texts = [f"{x:.{d}f}" for x, d in zip(rng.uniform(-90, 90, 5000), digits, strict=True)]
    texts += ["-0.106453", "51.516838", "1e1", "2.5E-3", ".5", "5.", "+3", "-0", "", "89.99999999999999999"]
    array = pa.chunked_array([texts], pa.string())

    lng, lat = _coordinates(array, array)

    expected = [float(t) if t else math.nan for t in texts]
    np.testing.assert_array_equal(lng, expected)
    assert lng.tobytes() == np.array(expected).tobytes()  # to the bit, -0.0 included
