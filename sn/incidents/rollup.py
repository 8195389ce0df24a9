"""IncidentMonthly: counts per neighbourhood, month and category, rebuilt from Incident by GROUP BY."""

from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction

from sn.incidents.models import Incident, IncidentMonthly

MONTHS_PER_STATEMENT = 200


def _as_date(month: date | str) -> date:
    return month if isinstance(month, date) else date.fromisoformat(str(month)[:10])


@transaction.atomic
def incidents_rollup_rebuild(*, months: Iterable[date | str] | None = None) -> int:
    """Recount the given months (first days), or every month when `months` is None. Returns the
    number of rollup rows written. Rows for other months are left as they are."""
    monthly, incident = IncidentMonthly._meta.db_table, Incident._meta.db_table
    insert = (
        f"INSERT INTO {monthly} (neighbourhood_id, month, category, count) "
        f"SELECT neighbourhood_id, month, category, count(*) FROM {incident} "
    )
    group = " GROUP BY neighbourhood_id, month, category"
    written = 0
    with connection.cursor() as cursor:
        if months is None:
            cursor.execute(f"DELETE FROM {monthly}")
            cursor.execute(insert + group)
            return max(cursor.rowcount, 0)
        wanted = sorted({_as_date(m) for m in months})
        for start in range(0, len(wanted), MONTHS_PER_STATEMENT):
            batch = wanted[start : start + MONTHS_PER_STATEMENT]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {monthly} WHERE month IN ({marks})", batch)
            cursor.execute(insert + f"WHERE month IN ({marks})" + group, batch)
            written += max(cursor.rowcount, 0)
    return written
