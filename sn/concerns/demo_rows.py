"""Writing demo rows fast: the ORM's bulk_create spends most of its time preparing each value of each
object, so here a model's rows are plain lists in column order, each column prepared once per distinct
value, written with ids given here (so that later rows can name earlier ones) by executemany on SQLite
and COPY on PostgreSQL. Each table's batch is still one audit event (sn.core.audit.record_bulk_create).
"""

import types
from collections.abc import Callable

from django.db import connection, models
from django.utils import timezone

from sn.core.audit import record_bulk_create

BATCH = 20_000


class BulkRows:
    """Rows of one model, added as keyword values (attnames) over the model's defaults."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        now = timezone.now()
        # Dates and times are adapted for the database as they are added, each distinct value once; the
        # rest go as they are.
        self.adapt = {i: _preparer(f) for i, f in enumerate(self.fields) if isinstance(f, models.DateField)}
        self.template = [None] + [self._prepared(i, self._default(f, now)) for i, f in enumerate(self.fields)]
        self.rows: list[list] = []
        self.first_id = _next_id(self.table)

    def _prepared(self, index: int, value):
        adapt = self.adapt.get(index)
        return value if adapt is None else adapt(value)

    @staticmethod
    def _default(field: models.Field, now):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return now
        if field.has_default():
            return field.get_default()
        if field.null:
            return None
        if isinstance(field, models.CharField | models.TextField):
            return ""
        return None

    def add(self, **values) -> int:
        """A row's values by attname; returns the id it will have."""
        return self.adder(*values)(*values.values())

    def adder(self, *names: str) -> Callable[..., int]:
        """A function taking the values of `names` in that order, adding a row, returning its id: for
        hundreds of thousands of rows, what add() works out on each call is worked out here once."""
        slots = [(self.index[name] + 1, self.adapt.get(self.index[name])) for name in names]
        template, rows, first_id = self.template, self.rows, self.first_id

        def add(*values) -> int:
            row = template.copy()
            pk = row[0] = first_id + len(rows)
            for (slot, adapt), value in zip(slots, values, strict=True):
                row[slot] = value if adapt is None else adapt(value)
            rows.append(row)
            return pk

        return add

    def __len__(self) -> int:
        return len(self.rows)

    def write(self, source: str) -> None:
        if not self.rows:
            return
        ids = range(self.first_id, self.first_id + len(self.rows))
        _insert(self.table, ["id", *(f.column for f in self.fields)], self.rows)
        # The trail's batch event names the rows by id, as it does for saved instances.
        record_bulk_create(self.model, [types.SimpleNamespace(pk=pk) for pk in ids], source)


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - a model's own table
        return cursor.fetchone()[0] + 1


def _cached(adapt: Callable) -> Callable:
    """A few hundred distinct days or times, each adapted once."""
    seen: dict = {}

    def prepare(value):
        if value is None:
            return None
        if value not in seen:
            seen[value] = adapt(value)
        return seen[value]

    return prepare


def _preparer(field: models.Field) -> Callable:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return _cached(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return _cached(ops.adapt_datefield_value)
    return lambda value: value


def _insert(table: str, columns: list[str], rows: list[list]) -> None:
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
            return
        placeholders = ", ".join(["%s"] * len(columns))
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders})",  # noqa: S608
                rows[start : start + BATCH],
            )
