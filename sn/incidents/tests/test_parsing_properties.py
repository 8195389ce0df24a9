import csv
import io
import math

from hypothesis import given
from hypothesis import strategies as st

from sn.incidents.categories import CRIME_TYPE_TO_CATEGORY
from sn.incidents.keys import OccurrenceKeys, row_key
from sn.incidents.kinds import STREET

CRIME_TYPES = [name.capitalize() for name in CRIME_TYPE_TO_CATEGORY] + ["Violence and sexual offences"]
# Any text csv can carry: commas, quotes, newlines, accents; not NUL and not lone surrogates.
TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
LIMITS = {f.name: f.max_length for f in STREET.fields}


def text(limit: int):
    return st.text(TEXT, max_size=min(limit, 40))


@st.composite
def street_rows(draw):
    located = draw(st.booleans())
    lng = draw(st.floats(-180, 180, allow_nan=False)) if located else None
    lat = draw(st.floats(-90, 90, allow_nan=False)) if located else None
    return {
        "crime_id": draw(st.one_of(st.just(""), st.text("0123456789abcdef", min_size=64, max_size=64))),
        "month": f"{draw(st.integers(1900, 2100)):04d}-{draw(st.integers(1, 12)):02d}",
        "reported_by": draw(text(LIMITS["reported_by"])),
        "falls_within": draw(text(LIMITS["falls_within"])),
        "longitude": lng,
        "latitude": lat,
        "location": draw(text(LIMITS["location"])),
        "lsoa_code": draw(text(LIMITS["lsoa_code"])),
        "lsoa_name": draw(text(LIMITS["lsoa_name"])),
        "crime_type": draw(st.sampled_from(CRIME_TYPES)),
        "last_outcome_category": draw(text(LIMITS["last_outcome_category"])),
        "context": draw(text(200)),
    }


def as_csv_row(values: dict) -> list[str]:
    buffer = io.StringIO()
    cells = [values[name] for name in values]
    cells = ["" if cell is None else repr(cell) if isinstance(cell, float) else cell for cell in cells]
    csv.writer(buffer).writerow(cells)
    return next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))


@given(street_rows())
def test_any_valid_row_that_round_trips_through_csv_parses_to_the_same_values(values):
    columns = STREET.parse([as_csv_row(values)], [2])

    assert columns.problems == []
    parsed = {name: column[0] for name, column in columns.values.items()}
    assert parsed.pop("month") == values["month"] + "-01"
    assert parsed.pop("category") == CRIME_TYPE_TO_CATEGORY[values["crime_type"].lower()]
    expected = {k: v for k, v in values.items() if k not in {"month", "crime_type", "longitude", "latitude"}}
    assert parsed == expected
    if values["longitude"] is None:
        assert math.isnan(columns.longitude[0]) and math.isnan(columns.latitude[0])
    else:
        assert (columns.longitude[0], columns.latitude[0]) == (values["longitude"], values["latitude"])


@given(
    st.lists(st.lists(st.sampled_from(["a", "b", ""]), min_size=2, max_size=2), max_size=30),
    st.integers(1, 7),
)
def test_occurrence_keys_are_the_same_however_a_file_is_chunked(rows, size):
    whole = OccurrenceKeys().keys_for(rows)
    keys = OccurrenceKeys()
    chunked = [
        key for start in range(0, len(rows), size) for key in keys.keys_for(rows[start : start + size])
    ]

    assert chunked == whole
    assert len(set(whole)) == len(whole)
    assert whole[:1] == [row_key(rows[0], 0)] if rows else whole == []
