"""The per-table checksum: independent of row order, sensitive to every value, and the same for a row as
PostgreSQL's driver returns it and as SQLite stores it."""

import datetime
import decimal
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from sn.ops.backup.checksums import column_kinds, compare, table_digest

COLUMNS = ["at", "changes", "id", "live", "money", "on", "ref", "starts", "took"]
KINDS = {
    "at": "DateTimeField",
    "changes": "JSONField",
    "id": "BigAutoField",
    "live": "BooleanField",
    "money": "DecimalField",
    "on": "DateField",
    "ref": "UUIDField",
    "starts": "TimeField",
    "took": "DurationField",
}
REF = uuid.UUID("12345678-1234-5678-1234-567812345678")


def digest(rows, vendor="sqlite", kinds=KINDS, columns=COLUMNS):
    return table_digest(columns, [list(rows)], kinds, vendor)


def test_a_row_from_postgresql_and_the_same_row_in_sqlite_have_one_checksum():
    # As psycopg returns it (JSON as PostgreSQL's text: jsonb reorders keys and spaces them its way)...
    postgresql = (
        datetime.datetime(2026, 3, 1, 11, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
        '{"b": 1, "a": [1, 2]}',
        7,
        True,
        decimal.Decimal("1.50"),
        datetime.date(2026, 3, 1),
        REF,
        datetime.time(9, 0),
        datetime.timedelta(hours=1, microseconds=5),
    )
    # ... and as Django stored it in SQLite: UTC text, 0/1, REAL, hex, microseconds.
    sqlite = (
        "2026-03-01 10:30:00",
        '{"a":[1,2],"b":1}',
        7,
        1,
        1.5,
        "2026-03-01",
        REF.hex,
        "09:00:00",
        3600000005,
    )

    assert digest([postgresql], "postgresql") == digest([sqlite], "sqlite")


def test_the_order_of_the_rows_does_not_matter_but_every_value_does():
    rows = [
        ("2026-03-01 10:30:00", "{}", n, n % 2, n / 4, "2026-03-01", REF.hex, "09:00:00", n)
        for n in range(50)
    ]
    changed = [*rows[:-1], (*rows[-1][:4], 99.0, *rows[-1][5:])]

    assert digest(rows) == digest(list(reversed(rows)))
    assert digest(rows) != digest(changed)
    assert digest(rows)[0] == digest(changed)[0] == 50


@settings(deadline=None, max_examples=50)
@given(
    rows=st.lists(
        st.tuples(st.integers(), st.text(), st.none() | st.floats(allow_nan=False)), min_size=1, max_size=30
    ),
    data=st.data(),
)
def test_any_shuffle_keeps_the_checksum_and_a_duplicate_row_changes_it(rows, data):
    columns, kinds = ["a", "b", "c"], {"a": "IntegerField", "b": "TextField", "c": "FloatField"}
    shuffled = data.draw(st.permutations(rows))

    assert digest(shuffled, kinds=kinds, columns=columns) == digest(rows, kinds=kinds, columns=columns)
    assert digest([*rows, rows[0]], kinds=kinds, columns=columns) != digest(
        rows, kinds=kinds, columns=columns
    )


def test_the_columns_are_part_of_the_checksum():
    assert digest([(1,)], columns=["a"], kinds={}) != digest([(1,)], columns=["b"], kinds={})


def test_every_model_table_has_its_columns_kinds_including_links():
    kinds = column_kinds()

    assert kinds["core_auditevent"]["changes"] == "JSONField"
    assert kinds["core_auditevent"]["at"] == "DateTimeField"
    # A foreign key is checksummed as the key it points at.
    assert kinds["core_auditevent"]["actor_id"] in {"AutoField", "BigAutoField"}
    assert any(name.startswith("accounts_user_groups") for name in kinds)


def test_a_comparison_names_every_table_that_differs():
    expected = {
        "a": {"rows": 1, "checksum": "x"},
        "b": {"rows": 2, "checksum": "y"},
        "c": {"rows": 1, "checksum": "z"},
    }
    found = {
        "a": {"rows": 1, "checksum": "x"},
        "b": {"rows": 1, "checksum": "y"},
        "d": {"rows": 0, "checksum": "w"},
    }

    assert compare(expected, found) == [
        "table c: in the archive but missing from the database",
        "table d: in the database but not in the archive",
        "table b: 2 rows in the archive, 1 in the database",
    ]
    assert compare(expected, expected) == []
