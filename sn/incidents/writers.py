"""Writing a chunk of incidents: PostgreSQL through COPY and one upsert, SQLite through executemany.

Both take rows as tuples in INCIDENT_COLUMNS order (month as 'YYYY-MM-DD'), with no source_key repeated
within the chunk, and return (inserted, updated); the rest of the chunk was unchanged. An existing row
is rewritten only when a value differs. A street file never overwrites an outcome that an outcomes file
has set (last_outcome_month not null): the outcomes file is the later word on a crime.
Both run inside the caller's transaction, on the raw DB-API connection under Django's, so that a
worker thread can write one chunk while the main thread parses the next (see handlers.StreetHandler).
"""

import csv
import io
from collections.abc import Iterable

from django.db import connection

from sn.incidents.models import Incident

INCIDENT_COLUMNS = (
    "source_key",
    "crime_id",
    "month",
    "category",
    "reported_by",
    "falls_within",
    "longitude",
    "latitude",
    "location",
    "lsoa_code",
    "lsoa_name",
    "last_outcome_category",
    "context",
    "neighbourhood_id",
    "placed",
)
TEXT_COLUMNS = tuple(
    c for c in INCIDENT_COLUMNS if c not in {"month", "longitude", "latitude", "neighbourhood_id", "placed"}
)
COMPARED = tuple(c for c in INCIDENT_COLUMNS if c not in {"source_key", "last_outcome_category"})
TABLE = Incident._meta.db_table
STAGE = "sn_incident_stage"


def _update_clause(distinct: str) -> str:
    """SET ... WHERE <something changed>, with `distinct` the null-safe inequality of the backend."""
    sets = [f"{c} = excluded.{c}" for c in COMPARED]
    sets.append(
        f"last_outcome_category = CASE WHEN {TABLE}.last_outcome_month IS NULL "
        f"THEN excluded.last_outcome_category ELSE {TABLE}.last_outcome_category END"
    )
    changed = [f"{TABLE}.{c} {distinct} excluded.{c}" for c in COMPARED]
    changed.append(
        f"({TABLE}.last_outcome_month IS NULL AND "
        f"{TABLE}.last_outcome_category {distinct} excluded.last_outcome_category)"
    )
    return f"DO UPDATE SET {', '.join(sets)} WHERE {' OR '.join(changed)}"


def raw_connection():
    """The DB-API connection inside Django's, in the transaction Django has open on it."""
    connection.ensure_connection()
    return connection.connection


def write_incidents(rows: Iterable[tuple], raw=None) -> tuple[int, int]:
    """Upsert a chunk; `raw` is the DB-API connection (from raw_connection()), needed off the main thread.
    `rows` may be any iterable (StreetHandler passes a zip over its columns, so no list of tuples is
    built): it is consumed once."""
    raw = raw or raw_connection()
    if connection.vendor == "postgresql":
        return _write_postgresql(rows, raw)
    return _write_sqlite(rows, raw)


PLACEHOLDERS = ", ".join(["?"] * len(INCIDENT_COLUMNS))
SQLITE_UPSERT = (
    f"INSERT INTO {TABLE} ({', '.join(INCIDENT_COLUMNS)}) VALUES ({PLACEHOLDERS}) "
    f"ON CONFLICT (source_key) {_update_clause('IS NOT')}"
)


SQLITE_CACHE_KIB = 65536


def _write_sqlite(rows: Iterable[tuple], raw) -> tuple[int, int]:
    """The sqlite3 change counter counts the rows written; the new ids count the inserted ones."""
    cursor = raw.cursor()
    try:
        # Upserts probe two indexes of random 64-character keys: SQLite's default 2 MB page cache makes
        # nearly every probe a read from the OS, so the connection keeps up to 64 MB of pages instead.
        if cursor.execute("PRAGMA cache_size").fetchone()[0] > -SQLITE_CACHE_KIB:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        last_id = cursor.execute(f"SELECT coalesce(max(id), 0) FROM {TABLE}").fetchone()[0]
        before = raw.total_changes
        cursor.executemany(SQLITE_UPSERT, rows)
        changed = raw.total_changes - before
        inserted = cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE id > ?", [last_id]).fetchone()[0]
    finally:
        cursor.close()
    return inserted, changed - inserted


PG_STAGE_TABLE = (
    f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE} (source_key text, crime_id text, month date, "
    "category text, reported_by text, falls_within text, longitude double precision, "
    "latitude double precision, location text, lsoa_code text, lsoa_name text, "
    "last_outcome_category text, context text, neighbourhood_id bigint, placed boolean)"
)
# COPY in CSV format reads an unquoted empty field as NULL; FORCE_NOT_NULL keeps blank text as ''.
PG_COPY = (
    f"COPY {STAGE} ({', '.join(INCIDENT_COLUMNS)}) FROM STDIN "
    f"(FORMAT csv, FORCE_NOT_NULL ({', '.join(TEXT_COLUMNS)}))"
)
PG_UPSERT = (
    f"WITH upserted AS (INSERT INTO {TABLE} ({', '.join(INCIDENT_COLUMNS)}) "
    f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM {STAGE} "
    f"ON CONFLICT (source_key) {_update_clause('IS DISTINCT FROM')} RETURNING (xmax = 0) AS inserted) "
    "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted"
)


def _write_postgresql(rows: Iterable[tuple], raw) -> tuple[int, int]:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    if not buffer.tell():
        return 0, 0
    with raw.cursor() as cursor:
        cursor.execute(PG_STAGE_TABLE)
        cursor.execute(f"TRUNCATE {STAGE}")
        with cursor.copy(PG_COPY) as copy:
            copy.write(buffer.getvalue())
        cursor.execute(PG_UPSERT)
        inserted, updated = cursor.fetchone()
    return inserted, updated
