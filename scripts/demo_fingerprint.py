"""Fingerprint a demo database: for every table, its row count and a checksum of its rows in primary-key
order, so a faster demo build can be shown to build exactly the same data as before.

    DATABASE_URL=sqlite:////tmp/ref.sqlite3 .venv/bin/python scripts/demo_fingerprint.py > ref.txt
    DATABASE_URL=sqlite:////tmp/new.sqlite3 .venv/bin/python scripts/demo_fingerprint.py > new.txt
    diff ref.txt new.txt

Columns that differ between two builds of the same code for the same seed and day are left out (the
clock's timestamps, password hashes with their random salts): CLOCK_COLUMNS and RANDOM_COLUMNS say which
and why. `--columns` prints one checksum per column too, to find which column a difference is in.
"""

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

# The rows are read with the project's own database settings, so the same script fingerprints SQLite
# and PostgreSQL builds.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

# Set from the clock when a row is written, in every table that has them.
CLOCK_COLUMNS = {"created_at", "modified_at"}
# (table, column) pairs that differ between two builds of the same code for the same seed and day: the
# clock read while building (the demo's "now" is the real time when `today` is today), and password
# hashes with their random salts.
PER_RUN_COLUMNS: set[tuple[str, str]] = {
    ("accounts_user", "password"),
    ("accounts_user", "date_joined"),
    ("accounts_user", "last_login"),
    ("core_auditevent", "at"),
    ("engagement_event", "written_up_at"),
    ("feedback_feedbackmessage", "received_at"),
    ("feedback_feedbackmessage", "closed_at"),
    ("feedback_feedbackmessage", "erased_at"),
    ("incidents_coverage", "recorded_at"),
    ("incidents_importrun", "started_at"),
    ("incidents_importrun", "seconds"),
    ("problemsolving_libraryentry", "refreshed_at"),
}
# An audit event's changes name the clock's columns too: their values are left out there as well.
JSON_COLUMNS = {("core_auditevent", "changes")}
# Tables that belong to the running site, not to what the demo builds.
SKIPPED_TABLES = {"django_session", "django_migrations"}
CHUNK = 20_000


def per_run_columns(table: str) -> set[str]:
    return CLOCK_COLUMNS | {column for t, column in PER_RUN_COLUMNS if t == table}


def _without_clock(text):
    """A JSON object's text with the clock's and the per-run keys left out, keys sorted."""
    if not text:
        return text
    value = json.loads(text)
    if isinstance(value, dict):
        dropped = CLOCK_COLUMNS | {column for _, column in PER_RUN_COLUMNS}
        value = {key: item for key, item in value.items() if key not in dropped}
    return json.dumps(value, sort_keys=True)


def _columns(cursor, table: str) -> list[str]:
    return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def _order(cursor, table: str, columns: list[str]) -> str:
    key = connection.introspection.get_primary_key_column(cursor, table)
    return connection.ops.quote_name(key) if key else ", ".join(map(connection.ops.quote_name, columns))


def table_fingerprint(
    cursor, table: str, *, excluded: set[str], normalise_json: bool = True
) -> tuple[int, str, dict[str, str]]:
    """(rows, checksum of the rows, checksum per column) with the excluded columns left out."""
    columns = [c for c in _columns(cursor, table) if c not in excluded]
    quoted = ", ".join(map(connection.ops.quote_name, columns))
    cursor.execute(
        f"SELECT {quoted} FROM {connection.ops.quote_name(table)} ORDER BY {_order(cursor, table, columns)}"
    )
    json_at = [i for i, column in enumerate(columns) if normalise_json and (table, column) in JSON_COLUMNS]
    hashers = {column: hashlib.blake2b(digest_size=12) for column in columns}
    rows = 0
    while chunk := cursor.fetchmany(CHUNK):
        rows += len(chunk)
        if json_at:
            chunk = [
                tuple(_without_clock(v) if i in json_at else v for i, v in enumerate(row)) for row in chunk
            ]
        # One update per column per chunk: repr of a whole column's slice is fast, per-value hashing not.
        for column, values in zip(columns, zip(*chunk, strict=True), strict=True):
            hashers[column].update(repr(values).encode())
    per_column = {column: hasher.hexdigest() for column, hasher in hashers.items()}
    whole = hashlib.blake2b(digest_size=12)
    for column in columns:
        whole.update(f"{column}={per_column[column]};".encode())
    return rows, whole.hexdigest(), per_column


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--columns", action="store_true", help="print a checksum per column too")
    parser.add_argument("--tables", nargs="*", help="only these tables")
    parser.add_argument(
        "--everything", action="store_true", help="leave no column out (to find which ones vary per run)"
    )
    args = parser.parse_args()
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        for table in tables:
            if table in SKIPPED_TABLES or (args.tables and table not in args.tables):
                continue
            excluded = set() if args.everything else per_run_columns(table)
            rows, checksum, per_column = table_fingerprint(
                cursor, table, excluded=excluded, normalise_json=not args.everything
            )
            print(f"{table} {rows} {checksum}")
            if args.columns:
                for column, digest in per_column.items():
                    print(f"  {table}.{column} {digest}")


if __name__ == "__main__":
    main()
