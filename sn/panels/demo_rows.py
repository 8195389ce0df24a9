"""Writing the demo's rows fast. The ORM's bulk_create spends most of its time preparing each value of
each object; here each column's preparation is decided once per model, ids are given here (so that later
rows can name earlier ones before they are written), and the rows go to the database as plain tuples:
executemany on SQLite, COPY on PostgreSQL. Every audited table's batch is still one audit event
(sn.core.audit.record_bulk_create), naming the rows it made."""

import types
from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone

from sn.core.audit import record_bulk_create

CHUNK = 20000


def next_id(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608 - a model's table
        return cursor.fetchone()[0] + 1


def insert(model: type[models.Model], columns: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            if "id" in columns:
                # The ids were given here: the table's own sequence must move past them.
                plain = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{plain}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608
                )
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 - a model's own table
            for start in range(0, len(rows), CHUNK):
                cursor.executemany(sql, rows[start : start + CHUNK])


def _preparer(field: models.Field, now):
    """How one column's values go to the database, as the ORM would prepare them, decided once."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        if field.auto_now or field.auto_now_add:
            prepared = ops.adapt_datetimefield_value(now)
            return lambda value: prepared
        return lambda value: None if value is None else ops.adapt_datetimefield_value(value)
    if isinstance(field, models.DateField):
        return lambda value: None if value is None else ops.adapt_datefield_value(value)
    if isinstance(field, models.CharField | models.TextField):
        return lambda value: None if value is None else str(value)
    return lambda value: value


def assign_ids(model: type[models.Model], objects: list) -> None:
    """Give unsaved instances their ids now, so that rows built before they are written can name them."""
    first = next_id(model)
    for offset, obj in enumerate(objects):
        obj.pk = first + offset


def insert_objects(model: type[models.Model], objects: list, source: str) -> None:
    """Unsaved instances of `model` whose ids assign_ids() gave, written and audited as one batch."""
    if not objects:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    preparers = [(f.attname, _preparer(f, now)) for f in fields]
    for obj in objects:
        # A foreign key set as an object before that object had its id: take the id now.
        for field in fields:
            if field.is_relation and field.is_cached(obj):
                related = getattr(obj, field.name)
                setattr(obj, field.attname, None if related is None else related.pk)
    rows = [(obj.pk, *(prepare(getattr(obj, name)) for name, prepare in preparers)) for obj in objects]
    insert(model, ["id", *(f.column for f in fields)], rows)
    for obj in objects:
        obj._state.adding = False
    record_bulk_create(model, objects, source)


def insert_tuples(model: type[models.Model], columns: Sequence[str], rows: list[tuple], source: str) -> None:
    """Rows of an audited model as tuples: `columns` without the id and the created and modified times,
    which are added here."""
    if not rows:
        return
    first = next_id(model)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    full = [(first + i, *row, now, now) for i, row in enumerate(rows)]
    insert(model, ["id", *columns, "created_at", "modified_at"], full)
    record_bulk_create(model, [types.SimpleNamespace(pk=row[0]) for row in full], source)
