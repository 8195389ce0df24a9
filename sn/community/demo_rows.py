"""Writing the demo's rows fast: the ORM's bulk_create spends most of its time preparing each value of
each object; here each column's preparation is decided once per model, and the rows go to the database
as plain tuples (executemany on SQLite, COPY on PostgreSQL), with ids given here so that later rows can
name earlier ones. Every table's batch is still one audit event (record_bulk_create).
"""

from django.db import connection, models
from django.utils import timezone

from sn.core.audit import record_bulk_create

SOURCE = "community-demo"
BATCH = 50_000


def next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - a model's own table
        return cursor.fetchone()[0] + 1


def insert_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            # The ids were given here: the table's own sequence must move past them.
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608
            )
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            for start in range(0, len(rows), BATCH):
                cursor.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({placeholders})",  # noqa: S608
                    rows[start : start + BATCH],
                )


def _preparer(model_field, now):
    """How one column's values go to the database: as the ORM would prepare them, decided once."""
    if isinstance(model_field, models.DateTimeField):
        if model_field.auto_now or model_field.auto_now_add:
            prepared = connection.ops.adapt_datetimefield_value(now)
            return lambda value: prepared
        return lambda value: None if value is None else connection.ops.adapt_datetimefield_value(value)
    if isinstance(model_field, models.DateField):
        return lambda value: None if value is None else connection.ops.adapt_datefield_value(value)
    if isinstance(model_field, models.JSONField):
        return lambda value: model_field.get_db_prep_save(value, connection)
    if isinstance(model_field, models.CharField | models.TextField):
        return lambda value: None if value is None else str(value)
    return lambda value: value


def insert_objects(model, objects: list) -> None:
    """Unsaved instances of `model`, written with ids from here (set on each instance)."""
    if not objects:
        return
    table = model._meta.db_table
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    preparers = [_preparer(f, now) for f in fields]
    first_id = next_id(table)
    rows = []
    for offset, obj in enumerate(objects):
        obj.pk = first_id + offset
        rows.append(
            (
                obj.pk,
                *(prepare(getattr(obj, f.attname)) for f, prepare in zip(fields, preparers, strict=True)),
            )
        )
    insert_rows(table, ["id", *(f.column for f in fields)], rows)
    for obj in objects:
        obj._state.adding = False
    record_bulk_create(model, objects, SOURCE)
