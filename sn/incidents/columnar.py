"""Reading police.uk CSVs with pyarrow: a chunk of typed columns at a time, checked per column in C++.

The importer's fast way through a file (docs/adr/0006-columnar-csv-reading.md). Arrow's streaming
reader splits and decodes the CSV in its own threads, outside the GIL; every check parse_rows makes is
made on whole columns with Arrow's compute functions; and each chunk comes out as the same `Columns`
that parse_rows makes from csv rows, so the handlers cannot tell the two ways apart.

It only vouches for a file it reads exactly as the csv module would. Anything else raises NotFast, and
the importer reads the file again with the csv module (sn.incidents.importing), which stays the
reference: it names every bad row with its line and keeps its raw row. NotFast comes from an Arrow
parse error (a ragged row, bytes that are not UTF-8, an empty file), a header other than the kind's,
any value parse_rows would refuse, and a coordinate not written as a plain decimal (which both ways
turn into the same double). So a bad file is read twice, and a good one is read to the same values
(sn/incidents/tests/test_columnar.py compares the two ways on arbitrary text).
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from sn.incidents.fields import CRIME_TYPE, FLAG, LATITUDE, LONGITUDE, MONTH, TEXT, Field, Type
from sn.incidents.kinds import SourceKind, clean_header
from sn.incidents.parsing import (
    BOOLEAN_TEXT,
    CONVERSIONS,
    Columns,
    RowProblem,
    check_length,
    check_required,
    crime_category,
    month_value,
)
from sn.incidents.sources import READ_BLOCK, READ_ERRORS, HashingReader

# Bytes Arrow parses at a time (about 4,000 rows). Arrow reads dozens of blocks ahead of the batch
# asked for, so memory holds some 70 MB of them at 1 MB; at 16 MB it held most of a 1M-row file, and
# splitting and converting a 1 MB block costs only some 0.3 us a row more than a 16 MB one.
BLOCK_BYTES = 1 << 20
# Blank, or a decimal written the plain way. Python's float() and Arrow's cast turn such text into the
# same (correctly rounded) double; other spellings (" 1.5", "1_5", "inf") are left to the csv way.
DECIMAL = r"^([+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)?$"
NO_TEXT = pa.scalar(None, pa.string())
_BAD = object()


class NotFast(Exception):
    """This file must be read with the csv module, which says what is wrong with it, if anything."""


def read_chunks(stream: HashingReader, kind: SourceKind, size: int) -> Iterator[Columns]:
    """The file's rows as parsed chunks of at most `size` rows; NotFast at the first thing this way
    cannot vouch for. The stream is read to its end, so its hash covers the whole file."""
    tables = read_tables(stream, len(kind.fields), size)
    for number, (table, lines) in enumerate(tables):
        if number == 0:
            _check_header(table.slice(0, 1), kind)
            table, lines = table.slice(1), lines[1:]
        if not table.num_rows:  # a file of a header alone has no chunk, as the csv way has none
            continue
        try:
            columns = parse_table(kind.fields, table, lines)
        except pa.ArrowException as error:  # a value a compute function would not take: the csv way
            raise NotFast(str(error)) from error
        yield columns


def read_tables(stream, width: int, size: int) -> Iterator[tuple[pa.Table, Sequence[int]]]:
    """Every row of a CSV of `width` columns as text, in tables of `size` rows (the first has one more:
    the header) with each row's line; NotFast where Arrow cannot read it. Then the stream's rest."""
    names = [str(i) for i in range(width)]
    try:
        reader = pa_csv.open_csv(
            stream,
            # The header is read as the first row, as text: it is checked like any other row.
            read_options=pa_csv.ReadOptions(column_names=names, block_size=BLOCK_BYTES),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        line = 1
        for table in _tables(reader, size, first=1):
            lines, line = _line_numbers(table, line)
            yield table, lines
    except (pa.ArrowException, *READ_ERRORS) as error:
        raise NotFast(str(error)) from error
    while stream.read(READ_BLOCK):
        pass


def _tables(reader, size: int, first: int) -> Iterator[pa.Table]:
    """Arrow's batches (one per block) cut and joined into tables of at most `size` rows; the first
    table has `first` rows more (the header).

    The first tables are smaller (an eighth of `size`, then a quarter, a half): the database waits for
    the first chunk to be read, parsed, located and encoded, and for nothing after it, so a small first
    chunk sets it to work sooner (a 50,000-row one kept it idle for a tenth of a 250k-row import)."""
    sizes = [max(1, size // 8), max(1, size // 4), max(1, size // 2)]
    pending: list[pa.RecordBatch] = []
    count, want = 0, sizes.pop(0) + first
    for batch in reader:
        while batch.num_rows:
            take = min(want - count, batch.num_rows)
            pending.append(batch.slice(0, take))
            count += take
            batch = batch.slice(take)
            if count == want:
                yield pa.Table.from_batches(pending).combine_chunks()
                pending, count, want = [], 0, sizes.pop(0) if sizes else size
    if count:
        yield pa.Table.from_batches(pending).combine_chunks()


def _check_header(row: pa.Table, kind: SourceKind) -> None:
    if clean_header([column[0].as_py() for column in row.columns]) != kind.header:
        raise NotFast("the header is not the kind's")


def parse_table(fields: tuple[Field, ...], table: pa.Table, lines: Sequence[int]) -> Columns:
    """A table of text columns laid out as `fields` -> the Columns parse_rows would make of its rows;
    NotFast where parse_rows would find a problem."""
    arrays = dict(zip((f.name for f in fields), table.columns, strict=True))
    texts: dict[int, list[str]] = {}
    columns = Columns(lines=lines, raw=RawRows(table, texts))
    problems: list[RowProblem] = []
    for position, f in enumerate(fields):
        array = arrays[f.name]
        if f.type in (LONGITUDE, LATITUDE):
            continue
        if f.type == TEXT:
            columns.values[f.name] = texts[position] = _texts(array, f)
            continue
        if f.type in LOOKUPS:
            columns.values[f.name] = _looked_up(array, LOOKUPS[f.type])
        else:  # converted row by row, as parse_rows does: only stop-and-search dates, in small files
            columns.values[f.name] = array.to_pylist()
            CONVERSIONS[f.type](columns, f, problems)
        if f.required:
            check_required(columns, f, problems)
        if f.max_length is not None:
            check_length(columns, f, problems)
        if problems:
            raise NotFast(problems[0].reason)
    x = next(f for f in fields if f.type == LONGITUDE)
    y = next(f for f in fields if f.type == LATITUDE)
    columns.longitude, columns.latitude = _coordinates(arrays[x.name], arrays[y.name])
    return columns


def _texts(array: pa.ChunkedArray, f: Field) -> list[str]:
    if f.required and pc.any(pc.equal(array, "")).as_py():
        raise NotFast(f"{f.label} is blank")
    if f.max_length is not None and (pc.max(pc.utf8_length(array)).as_py() or 0) > f.max_length:
        raise NotFast(f"{f.label} is too long")
    encoded = array.combine_chunks().dictionary_encode()
    if 2 * len(encoded.dictionary) > len(array):  # mostly distinct (Crime IDs): one string a row
        return array.to_pylist()
    # Mostly repeated (forces, LSOAs, outcomes): a row's value is the one string of its kind, which
    # is quicker to fill in and holds a chunk in less memory than a string per row.
    return _by_position(encoded.dictionary.to_pylist(), encoded.indices)


def _month(text: str) -> Any:
    value = month_value(text)
    return _BAD if value is None else value


def _category(text: str) -> Any:
    value = crime_category(text)
    return _BAD if value is None else value


def _flag(text: str) -> Any:
    return BOOLEAN_TEXT.get(text.strip().lower(), _BAD)


# Types whose values repeat (a file holds a month or two, a dozen crime types): each distinct text is
# converted once in Python and the column is filled by position, sharing the converted values.
LOOKUPS: dict[Type, Callable[[str], Any]] = {MONTH: _month, CRIME_TYPE: _category, FLAG: _flag}


def _looked_up(array: pa.ChunkedArray, convert: Callable[[str], Any]) -> list:
    distinct = pc.unique(array)
    converted = [convert(text) for text in distinct.to_pylist()]
    if any(value is _BAD for value in converted):
        raise NotFast("a value that does not convert")
    return _by_position(converted, pc.index_in(array, value_set=distinct))


def _by_position(values: list, positions: pa.Array | pa.ChunkedArray) -> list:
    table = np.empty(len(values), dtype=object)
    table[:] = values
    return table[positions.to_numpy()].tolist()


def _coordinates(lng: pa.ChunkedArray, lat: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Both blank or both numbers in range, as parse_rows requires; NaN where blank."""
    lng_blank, lat_blank = pc.equal(lng, ""), pc.equal(lat, "")
    if not pc.all(pc.equal(lng_blank, lat_blank)).as_py():
        raise NotFast("a point with one coordinate")
    values = []
    for array, blank, limit in ((lng, lng_blank, 180), (lat, lat_blank, 90)):
        if not pc.all(pc.match_substring_regex(array, DECIMAL)).as_py():
            raise NotFast("a coordinate that is not a plain decimal")
        numbers = pc.cast(pc.if_else(blank, NO_TEXT, array), pa.float64()).to_numpy(zero_copy_only=False)
        given = numbers[~np.isnan(numbers)]
        if not np.isfinite(given).all() or (np.abs(given) > limit).any():
            raise NotFast("a coordinate out of range")
        values.append(numbers)
    return values[0], values[1]


def _line_numbers(table: pa.Table, first: int) -> tuple[Sequence[int], int]:
    """Each row's line as the csv module counts it (the last line of the row), and the next row's.

    A row takes one line plus one for each line break inside its quoted fields ("\\r\\n", "\\n" or a lone
    "\\r", as csv reading counts them). Blank lines, which Arrow skips unseen, are not counted: police.uk
    files have none, and a file with a bad row is reported through the csv way, which counts them."""
    breaks = None
    for column in table.columns:
        if not any(_has_break(chunk) for chunk in column.chunks):
            continue
        per_row = pc.subtract(
            pc.add(pc.count_substring(column, "\n"), pc.count_substring(column, "\r")),
            pc.count_substring(column, "\r\n"),
        ).to_numpy()
        breaks = per_row if breaks is None else breaks + per_row
    count = table.num_rows
    if breaks is None:
        return range(first, first + count), first + count
    last = first + np.arange(count) + np.cumsum(breaks)
    return last.tolist(), (int(last[-1]) + 1 if count else first)


def _has_break(array: pa.Array) -> bool:
    # The bytes behind the array (perhaps more than the slice: a false alarm only costs a count).
    data = array.buffers()[2]
    if data is None or not data.size:
        return False
    view = np.frombuffer(data, dtype=np.uint8)
    return bool((view == 10).any() or (view == 13).any())


class RawRows(Sequence):
    """The chunk's rows as the file wrote them, each a list of strings, as csv reading gives them.

    Built when first asked for (the handlers hash the rows that carry no id), from the text columns
    already made for `values` and, for the converted ones, from the table."""

    def __init__(self, table: pa.Table, texts: dict[int, list[str]]):
        self.table, self.texts = table, texts
        self.lists: list[list[str]] | None = None

    def __len__(self) -> int:
        return self.table.num_rows

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if self.lists is None:
            self.lists = [
                self.texts[i] if i in self.texts else column.to_pylist()
                for i, column in enumerate(self.table.columns)
            ]
        return [column[index] for column in self.lists]
