"""Each police.uk kind is described once (sn.incidents.kinds): every stage's columns come from it."""

import csv
import re

import pytest

from sn.incidents.fields import LATITUDE, LONGITUDE, TEXT
from sn.incidents.kinds import KINDS, OUTCOMES, STOPS, STREET, header_problem, kind_of_header
from sn.incidents.tests.helpers import FIXTURES
from sn.incidents.writers import STAGED_AS, statements

FIXTURE_OF = {STREET: "street.csv", OUTCOMES: "outcomes.csv", STOPS: "stops.csv"}


def fixture_rows(kind) -> tuple[list[str], list[list[str]]]:
    with (FIXTURES / FIXTURE_OF[kind]).open(encoding="utf-8", newline="") as handle:
        header, *rows = csv.reader(handle)
    return header, rows


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_police_uk_header_is_its_kinds_fields_and_parses_into_exactly_them(kind):
    header, rows = fixture_rows(kind)

    columns = kind.parse(rows, list(range(2, len(rows) + 2)))

    assert tuple(header) == kind.header == tuple(f.header for f in kind.fields)
    assert kind_of_header(header) is kind and header_problem(header, kind) is None
    assert columns.problems == []
    coordinates = {f.name for f in kind.fields if f.type in (LONGITUDE, LATITUDE)}
    assert coordinates == {"longitude", "latitude"}
    assert list(columns.values) == [f.name for f in kind.fields if f.name not in coordinates]
    assert len(columns.longitude) == len(columns.latitude) == len(rows)


def test_the_staging_table_and_every_street_statement_list_the_street_kinds_columns():
    sql = statements(STREET.columns)
    names = [c.name for c in STREET.columns]

    staged = re.fullmatch(r"CREATE TEMPORARY TABLE IF NOT EXISTS \w+ \((.*)\)", sql.pg_stage_table)
    # Binary COPY stages months as the text they arrive as; the upsert casts them (sn.incidents.writers).
    assert [tuple(d.split(" ", 1)) for d in staged.group(1).split(", ")] == [
        (c.name, STAGED_AS.get(c.type.sql, c.type.sql)) for c in STREET.columns
    ]
    assert "month::date" in sql.pg_upsert
    assert re.search(r"COPY \w+ \((.*?)\)", sql.pg_copy).group(1).split(", ") == names
    assert re.search(r"INSERT INTO \w+ \((.*?)\) SELECT", sql.pg_upsert).group(1).split(", ") == names
    assert re.search(r"INSERT INTO \w+ \((.*?)\) VALUES", sql.sqlite_upsert).group(1).split(", ") == names
    assert names[: len(STREET.fields)] == [f.name for f in STREET.fields]


@pytest.mark.parametrize("kind", [STREET, STOPS], ids=lambda kind: kind.name)
def test_every_column_a_kind_writes_is_a_field_of_its_model_with_the_same_limit(kind):
    model_fields = {f.attname: f for f in kind.model._meta.concrete_fields}

    assert {c.name for c in kind.columns} <= set(model_fields)
    for field in kind.fields:
        if field.type == TEXT:  # other types are converted to values that fit, so they need no limit
            assert field.max_length == model_fields[field.name].max_length, field.name
    if kind is STOPS:  # a stop is nothing but its row, so every column is written
        assert {c.name for c in kind.columns} == set(model_fields) - {"id"}
