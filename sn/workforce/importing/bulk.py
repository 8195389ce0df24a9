"""Writing hundreds of thousands of duties fast: rows as tuples with their ids given here, written by
executemany (SQLite) or COPY (PostgreSQL), with the table's plain indexes dropped for the write and
built again after it when the write is large (a sorted build beats a random insert into each index),
and audited as one event per batch (record_bulk_create)."""

import contextlib
import types
from collections.abc import Iterator, Sequence

from django.db import connection, models
from django.utils import timezone

from sn.core.audit import record_bulk_create
from sn.panels.demo_rows import insert, next_id

# Below this many rows the indexes stay: rebuilding them over a big table would cost more.
SUSPEND_FROM_ROWS = 50_000


def _plain_indexes(model: type[models.Model]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes that back no constraint."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
        plain = {
            name
            for name, details in constraints.items()
            if details["index"] and not details["unique"] and not details["primary_key"]
        }
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table]
            )
        return [(name, sql) for name, sql in cursor.fetchall() if name in plain and sql]


@contextlib.contextmanager
def indexes_suspended(model: type[models.Model], *, rows: int) -> Iterator[None]:
    """Inside a transaction: the plain indexes of `model` dropped while `rows` rows are written, and
    built again after. Nothing happens for a small write."""
    if rows < SUSPEND_FROM_ROWS:
        yield
        return
    indexes = _plain_indexes(model)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL builds no index over rows whose deferred foreign-key checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, sql in indexes:
            cursor.execute(sql)


AUDIT_COLUMNS = ("created_at", "modified_at", "created_by_id", "modified_by_id")


def audit_tail() -> tuple:
    """The values of AUDIT_COLUMNS for rows written now by the system."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return (now, now, None, None)


def audited_insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: list[tuple], source: str
) -> None:
    """Complete rows (the id first, AUDIT_COLUMNS last, `columns` between), written and recorded as
    one audit event: for a caller that builds millions of rows and should not build them twice."""
    if not rows:
        return
    with indexes_suspended(model, rows=len(rows)):
        insert(model, ["id", *columns, *AUDIT_COLUMNS], rows)
    record_bulk_create(model, [types.SimpleNamespace(pk=row[0]) for row in rows], source)


def audited_insert(
    model: type[models.Model], columns: Sequence[str], rows: list[tuple], source: str
) -> tuple[int, int]:
    """Rows of an audited model as tuples of `columns` (without the id, the created and modified
    times and who made them, which are added here), written and recorded as one audit event.
    Returns the first and last ids given."""
    if not rows:
        return (0, -1)
    first = next_id(model)
    tail = audit_tail()
    audited_insert_rows(model, columns, [(first + i, *row, *tail) for i, row in enumerate(rows)], source)
    return first, first + len(rows) - 1
