"""Incident.source_key compares bytewise ("C" collation) on PostgreSQL.

A source key is a Crime ID or a sha256, both hex: nothing ever sorts them for a reader, and the unique
index on them is probed and grown once per imported row. Under the database's collation (C.UTF-8 here)
every comparison goes through the C library's locale code; under "C" it is a memcmp. Measured on 1M
street rows (benchmarks/crime_import.py), the database's part of an import took about 10% less time.

PostgreSQL only: SQLite has no "C" collation (its default, BINARY, already compares bytewise), so the
model cannot say db_collation="C" for both; the model is unchanged and this migration does the work.
A later AlterField of source_key would set the column's collation back to the default: it must then say
COLLATE "C" again (as this migration does).
"""

from django.db import migrations

TABLE = "incidents_incident"


def collate(name: str):
    def alter(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            # Rebuilds the unique index under the new collation; ON CONFLICT (source_key) still finds it.
            schema_editor.execute(
                f'ALTER TABLE {TABLE} ALTER COLUMN source_key TYPE varchar(64) COLLATE "{name}"'
            )

    return alter


class Migration(migrations.Migration):
    dependencies = [("incidents", "0005_coverage_and_count_sources")]

    operations = [migrations.RunPython(collate("C"), collate("default"), elidable=False)]
