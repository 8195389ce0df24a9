"""Row counts and checksums per table, computed the same way on SQLite and PostgreSQL.

The method (CHECKSUM_METHOD, recorded in every manifest):
- Each table's columns are read in the order of their names, so two tables that hold the same data
  agree whatever order their columns were created in.
- Each value is put in one canonical form before hashing, by the kind of Django field that owns the
  column, since the backends return the same value differently: booleans as 0/1 (SQLite stores
  integers), date-times as UTC "YYYY-MM-DD HH:MM:SS.ffffff" (SQLite stores text, PostgreSQL returns
  aware datetimes), times with microseconds, decimals without trailing zeros (SQLite stores them as
  REAL), durations in microseconds, UUIDs as 32 hex digits, JSON re-serialised with sorted keys
  (PostgreSQL's jsonb reorders keys), IP addresses as text. A column no model owns (a search index's
  shadow table) is hashed as the driver returns it.
- A row's digest is SHA-256 of the repr of its canonical values; a table's digest adds the row digests
  as 256-bit numbers (modulo 2**256) and hashes that sum with the column names and the row count. The
  sum does not depend on the order rows come back in, so no table is sorted (text keys sort
  differently under PostgreSQL's collations and SQLite's bytes), and a table of any size is hashed in
  one pass in constant memory.

This detects any lost, added, duplicated or changed row. It is a check against damage, not a seal
against a forger (who could rewrite the manifest too): see the how-to.
"""

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps

CHECKSUM_METHOD = "sn-rows-v1: sha256 of canonical rows, summed mod 2**256, columns by name"
BATCH = 5000

Converter = Callable[[Any], Any]


def _bool(value: Any) -> Any:
    return None if value is None else int(value)


def _datetime(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) == 26:  # Django's SQLite form already: "2026-01-01 10:00:00.123456"
            return value
        if len(value) == 19:
            return value + ".000000"
        value = datetime.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.isoformat(sep=" ", timespec="microseconds")


def _date(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else value.isoformat()


def _time(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.time.fromisoformat(value)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds")


def _decimal(value: Any) -> Any:
    if value is None:
        return None
    number = decimal.Decimal(repr(value)) if isinstance(value, float) else decimal.Decimal(value)
    return format(number.normalize(), "f")


def _duration(value: Any) -> Any:
    if isinstance(value, datetime.timedelta):
        return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    return value


def _uuid(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return value.hex
    return value.replace("-", "").lower() if isinstance(value, str) else value


def _json(value: Any) -> Any:
    if value is None:
        return None
    parsed = json.loads(value) if isinstance(value, str | bytes) else value
    return json.dumps(parsed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _text(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else str(value)


def _plain(value: Any) -> Any:
    """A column no model owns: whatever the driver gave, in the forms above where the type says."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime.datetime):
        return _datetime(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return _decimal(value)
    if isinstance(value, uuid.UUID | datetime.timedelta):
        return _uuid(value) if isinstance(value, uuid.UUID) else _duration(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


# PostgreSQL's driver returns typed values: each kind of field is put in its canonical form.
POSTGRESQL: dict[str, Converter | None] = {
    "BooleanField": _bool,
    "NullBooleanField": _bool,
    "DateTimeField": _datetime,
    "DateField": _date,
    "TimeField": _time,
    "DecimalField": _decimal,
    "DurationField": _duration,
    "UUIDField": _uuid,
    "JSONField": _json,
    "GenericIPAddressField": _text,
    "IPAddressField": _text,
}
# SQLite returns what Django stored, mostly in the canonical form already (booleans as 0/1, dates as
# text, durations as microseconds, UUIDs as 32 hex digits): converting only the rest keeps the largest
# tables (incidents: integers, text, floats and dates) free of any per-value Python call.
SQLITE: dict[str, Converter | None] = {
    "DateTimeField": _datetime,
    "TimeField": _time,
    "DecimalField": _decimal,
    "JSONField": _json,
}
CONVERTERS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}
# A column no model owns: PostgreSQL's value by its Python type, SQLite's as it comes.
UNOWNED = {"postgresql": _plain, "sqlite": None}


def _field_kind(field) -> str:
    while field.is_relation and field.target_field is not field:
        field = field.target_field
    return field.get_internal_type()


def column_kinds() -> dict[str, dict[str, str]]:
    """{table: {column: Django field kind}} for every model's table, including many-to-many links."""
    kinds: dict[str, dict[str, str]] = {}
    for model in apps.get_models(include_auto_created=True):
        columns = kinds.setdefault(model._meta.db_table, {})
        for field in model._meta.concrete_fields:
            columns[field.column] = _field_kind(field)
    return kinds


def _converters(columns: list[str], kinds: dict[str, str], vendor: str) -> list[tuple[int, Converter]]:
    by_kind, unowned = CONVERTERS[vendor], UNOWNED[vendor]
    converters = []
    for index, column in enumerate(columns):
        kind = kinds.get(column)
        converter = by_kind.get(kind) if kind is not None else unowned
        if converter is not None:
            converters.append((index, converter))
    return converters


def _canonical(rows: list[tuple], converters: list[tuple[int, Converter]]) -> list[tuple]:
    if not converters:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for index, converter in converters:
            values[index] = converter(values[index])
        out.append(tuple(values))
    return out


def table_digest(
    columns: list[str], batches: Iterable[list[tuple]], kinds: dict[str, str], vendor: str
) -> tuple[int, str]:
    """(row count, checksum) of the rows in `batches`, whose values come in the order of `columns`
    (sorted by name), as the `vendor`'s driver returns them."""
    converters = _converters(columns, kinds, vendor)
    total, count, sha256, number = 0, 0, hashlib.sha256, int.from_bytes
    for batch in batches:
        rows = _canonical(batch, converters)
        total += sum(number(sha256(repr(row).encode("utf-8", "surrogatepass")).digest()) for row in rows)
        count += len(rows)
    total %= 1 << 256
    summary = json.dumps({"columns": columns, "rows": count, "sum": f"{total:064x}"}, sort_keys=True)
    return count, hashlib.sha256(summary.encode()).hexdigest()


def batched(cursor) -> Iterable[list[tuple]]:
    while rows := cursor.fetchmany(BATCH):
        yield rows


def compare(expected: dict[str, dict], found: dict[str, dict]) -> list[str]:
    """What differs between two manifests' tables, one sentence per table (empty: they agree)."""
    problems = []
    for name in sorted(set(expected) - set(found)):
        problems.append(f"table {name}: in the archive but missing from the database")
    for name in sorted(set(found) - set(expected)):
        problems.append(f"table {name}: in the database but not in the archive")
    for name in sorted(set(expected) & set(found)):
        want, got = expected[name], found[name]
        if want["rows"] != got["rows"]:
            problems.append(
                f"table {name}: {want['rows']} rows in the archive, {got['rows']} in the database"
            )
        elif want["checksum"] != got["checksum"]:
            problems.append(f"table {name}: same {got['rows']} rows but their content differs (checksum)")
    return problems
