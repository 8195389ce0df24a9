"""The good-practice library: its entries, and the database's full-text index over them.

PostgreSQL: a stored generated tsvector (title A, statement B, the rest C, English stemming) with a GIN
index. SQLite: an FTS5 table whose content is the entry table, with triggers that keep it in step with
every insert, update and delete (porter stemming over unicode61, as near to PostgreSQL's English
configuration as FTS5 comes). Each vendor's SQL runs only on that vendor.

SQLite rebuilds a table for most ALTERs and loses its triggers with it: a later migration that alters
the entry table must run SQLITE_TRIGGERS again.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "problemsolving_libraryentry"
FTS = "problemsolving_library_fts"

POSTGRESQL = [
    f"""ALTER TABLE {TABLE} ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A')
        || setweight(to_tsvector('english'::regconfig, statement), 'B')
        || setweight(to_tsvector('english'::regconfig, body), 'C')
    ) STORED""",
    f"CREATE INDEX problemsolving_library_search ON {TABLE} USING gin (search)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS problemsolving_library_search",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search",
]

_FTS_ADD = f"INSERT INTO {FTS} (rowid, title, statement, body) VALUES (new.case_id, new.title, new.statement, new.body);"
_FTS_REMOVE = (
    f"INSERT INTO {FTS} ({FTS}, rowid, title, statement, body) "
    "VALUES ('delete', old.case_id, old.title, old.statement, old.body);"
)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN {_FTS_ADD} END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN {_FTS_REMOVE} END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN {_FTS_REMOVE} {_FTS_ADD} END",
]
SQLITE = [
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        title, statement, body,
        content='{TABLE}', content_rowid='case_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    *SQLITE_TRIGGERS,
    f"INSERT INTO {FTS} ({FTS}) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]


class RunSQLOn(migrations.RunSQL):
    """RunSQL on one database vendor only: the other has its own index."""

    def __init__(self, vendor: str, sql: list[str], reverse_sql: list[str]):
        self.vendor = vendor
        super().__init__(sql, reverse_sql, elidable=False)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("geography", "0003_borough_created_by_borough_modified_by_and_more"),
        ("problemsolving", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="LibraryEntry",
            fields=[
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="library_entry",
                        serialize=False,
                        to="problemsolving.case",
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("statement", models.TextField()),
                (
                    "body",
                    models.TextField(
                        help_text="Analysis, response, interventions and the assessment, as text"
                    ),
                ),
                ("category_codes", models.CharField(max_length=400)),
                ("outcome", models.CharField(max_length=12)),
                ("period_start", models.DateField()),
                ("period_end", models.DateField()),
                ("response_started_on", models.DateField(blank=True, null=True)),
                ("closed_on", models.DateField()),
                ("done", models.JSONField(default=list)),
                ("evidence", models.TextField(blank=True)),
                ("result_in_words", models.TextField(blank=True)),
                ("refreshed_at", models.DateTimeField(auto_now=True)),
                (
                    "neighbourhood",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="geography.neighbourhood",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "library entries",
                "indexes": [
                    models.Index(fields=["closed_on", "case"], name="problemsolving_library_recent"),
                    models.Index(fields=["outcome", "closed_on"], name="problemsolving_library_outcome"),
                ],
            },
        ),
        RunSQLOn("postgresql", POSTGRESQL, POSTGRESQL_REVERSE),
        RunSQLOn("sqlite", SQLITE, SQLITE_REVERSE),
    ]
