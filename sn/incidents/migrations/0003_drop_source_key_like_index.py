"""Drop the LIKE index PostgreSQL gets beside the unique index on Incident.source_key.

Django adds a varchar_pattern_ops index to every unique CharField on PostgreSQL so that
`source_key__startswith` can use an index. Nothing searches source keys by prefix, and every street
import inserts a random 64-character key into it per row: it was a quarter of the upsert's time
(benchmarks/crime_import.py). The unique index still serves equality lookups and ON CONFLICT.
The model is unchanged; a later AlterField of source_key drops this index with IF EXISTS, so it is safe.
"""

from django.db import migrations

TABLE = "incidents_incident"


def _like_index(schema_editor) -> str:
    return schema_editor._create_index_name(TABLE, ["source_key"], suffix="_like")


def drop_like_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(_like_index(schema_editor))}")


def create_like_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(_like_index(schema_editor))} "
            f"ON {TABLE} (source_key varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_fewer_indexes")]

    operations = [migrations.RunPython(drop_like_index, create_like_index, elidable=False)]
