"""Writing a chunk of incidents: PostgreSQL through COPY and one upsert, SQLite through executemany.

Both take the columns to write (the street kind's, sn.incidents.kinds) and rows as tuples in that order
(month as 'YYYY-MM-DD'), with no source_key repeated within the chunk, and return (inserted, updated);
the rest of the chunk was unchanged. Every statement, and the staging table, is built from the columns.
An existing row is rewritten only when a value differs. A street file never overwrites an outcome that
an outcomes file has set (last_outcome_month not null): the outcomes file is the later word on a crime.
Both run inside the caller's transaction, on the raw DB-API connection under Django's, so that a
worker thread can write one chunk while the main thread parses the next (see handlers.StreetHandler).
A chunk can also be written in two steps, encode_incidents and then write_encoded: the benchmark
times the database's part of an import alone by sending chunks encoded beforehand.
"""

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from django.db import connection
from psycopg.copy import Copy, FileWriter

from sn.incidents.fields import Column
from sn.incidents.models import Incident

TABLE = Incident._meta.db_table
STAGE = "sn_incident_stage"
KEY = "source_key"
# Set by the street file unless an outcomes file has set it since (the outcomes file is later).
OUTCOME = "last_outcome_category"
SQLITE_CACHE_KIB = 65536
# Months arrive as 'YYYY-MM-DD' text, and binary COPY sends each value as its column's type: so they
# are staged as text and cast on the way in. Every other column is staged as its own type.
STAGED_AS = {"date": "text"}


@dataclass(frozen=True)
class Statements:
    sqlite_upsert: str
    pg_stage_table: str
    pg_copy: str
    pg_copy_types: tuple[str, ...]
    pg_upsert: str


def _update_clause(compared: list[str], distinct: str) -> str:
    """SET ... WHERE <something changed>, with `distinct` the null-safe inequality of the backend."""
    sets = [f"{c} = excluded.{c}" for c in compared]
    sets.append(
        f"{OUTCOME} = CASE WHEN {TABLE}.last_outcome_month IS NULL "
        f"THEN excluded.{OUTCOME} ELSE {TABLE}.{OUTCOME} END"
    )
    changed = [f"{TABLE}.{c} {distinct} excluded.{c}" for c in compared]
    changed.append(
        f"({TABLE}.last_outcome_month IS NULL AND {TABLE}.{OUTCOME} {distinct} excluded.{OUTCOME})"
    )
    return f"DO UPDATE SET {', '.join(sets)} WHERE {' OR '.join(changed)}"


@cache
def statements(columns: tuple[Column, ...]) -> Statements:
    """The SQL that writes rows of `columns`, built once per set of columns."""
    names = [c.name for c in columns]
    listed = ", ".join(names)
    compared = [name for name in names if name not in {KEY, OUTCOME}]
    staged = [STAGED_AS.get(c.type.sql, c.type.sql) for c in columns]
    selected = ", ".join(
        c.name if kind == c.type.sql else f"{c.name}::{c.type.sql}"
        for c, kind in zip(columns, staged, strict=True)
    )
    return Statements(
        sqlite_upsert=(
            f"INSERT INTO {TABLE} ({listed}) VALUES ({', '.join(['?'] * len(names))}) "
            f"ON CONFLICT ({KEY}) {_update_clause(compared, 'IS NOT')}"
        ),
        pg_stage_table=(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE} "
            f"({', '.join(f'{c.name} {kind}' for c, kind in zip(columns, staged, strict=True))})"
        ),
        # Binary COPY, as psycopg formats it row by row in C: the cheapest rows to make and to read.
        pg_copy=f"COPY {STAGE} ({listed}) FROM STDIN (FORMAT binary)",
        pg_copy_types=tuple(staged),
        pg_upsert=(
            f"WITH upserted AS (INSERT INTO {TABLE} ({listed}) SELECT {selected} FROM {STAGE} "
            f"ON CONFLICT ({KEY}) {_update_clause(compared, 'IS DISTINCT FROM')} "
            "RETURNING (xmax = 0) AS inserted) "
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted"
        ),
    )


def raw_connection():
    """The DB-API connection inside Django's, in the transaction Django has open on it."""
    connection.ensure_connection()
    return connection.connection


def write_incidents(rows: Iterable[tuple], columns: tuple[Column, ...], raw=None) -> tuple[int, int]:
    """Upsert a chunk of rows of `columns`; `raw` is the DB-API connection (from raw_connection()),
    needed off the main thread. `rows` may be any iterable (StreetHandler passes a zip over its columns,
    so no list of tuples is built): it is consumed once."""
    raw = raw or raw_connection()
    if connection.vendor == "postgresql":
        return _write_postgresql(rows, statements(columns), raw)
    return _write_sqlite(rows, statements(columns), raw)


def _write_sqlite(rows: Iterable[tuple], sql: Statements, raw) -> tuple[int, int]:
    """The sqlite3 change counter counts the rows written; the new ids count the inserted ones."""
    cursor = raw.cursor()
    try:
        # Upserts probe two indexes of random 64-character keys: SQLite's default 2 MB page cache makes
        # nearly every probe a read from the OS, so the connection keeps up to 64 MB of pages instead.
        if cursor.execute("PRAGMA cache_size").fetchone()[0] > -SQLITE_CACHE_KIB:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        last_id = cursor.execute(f"SELECT coalesce(max(id), 0) FROM {TABLE}").fetchone()[0]
        before = raw.total_changes
        cursor.executemany(sql.sqlite_upsert, rows)
        changed = raw.total_changes - before
        inserted = cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE id > ?", [last_id]).fetchone()[0]
    finally:
        cursor.close()
    return inserted, changed - inserted


def _write_postgresql(rows: Iterable[tuple], sql: Statements, raw) -> tuple[int, int]:
    # Each row goes to the server as it is formatted (by psycopg in C, not the csv module), so the
    # server reads the COPY while the rest of the chunk is still being formatted.
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0, 0
    with raw.cursor() as cursor:
        return _copy_and_upsert(cursor, sql, _rows_writer(sql, first, rows))


def _rows_writer(sql: Statements, first: tuple, rest: Iterator[tuple]):
    def write(copy: Copy) -> None:
        copy.set_types(sql.pg_copy_types)
        copy.write_row(first)
        for row in rest:
            copy.write_row(row)

    return write


def _copy_and_upsert(cursor, sql: Statements, write) -> tuple[int, int]:
    cursor.execute(sql.pg_stage_table)
    cursor.execute(f"TRUNCATE {STAGE}")
    with cursor.copy(sql.pg_copy) as copy:
        write(copy)
    cursor.execute(sql.pg_upsert)
    inserted, updated = cursor.fetchone()
    return inserted, updated


def encode_incidents(rows: Iterable[tuple], columns: tuple[Column, ...], raw=None) -> bytes | Iterable[tuple]:
    """What write_incidents would hand the database for `rows`: binary COPY data on PostgreSQL; on
    SQLite the rows themselves, which executemany reads as it binds them (building them here would only
    add to the GIL's work in the thread that parses). Safe beside a write on the same connection in
    another thread: its own cursor only formats, into a buffer (psycopg connections may be shared by
    threads, cursors not). Also how the benchmark times the database's part alone (benchmarks/)."""
    raw = raw or raw_connection()
    if connection.vendor != "postgresql":
        return rows
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return b""
    buffer = io.BytesIO()
    with raw.cursor() as cursor, Copy(cursor, binary=True, writer=FileWriter(buffer)) as copy:
        _rows_writer(statements(columns), first, rows)(copy)
    return buffer.getvalue()


def write_encoded(encoded: bytes | Iterable[tuple], columns: tuple[Column, ...], raw=None) -> tuple[int, int]:
    """write_incidents for what encode_incidents made of the rows."""
    raw = raw or raw_connection()
    if connection.vendor != "postgresql":
        return _write_sqlite(encoded, statements(columns), raw)
    if not encoded:
        return 0, 0
    with raw.cursor() as cursor:
        return _copy_and_upsert(cursor, statements(columns), lambda copy: copy.write(encoded))
