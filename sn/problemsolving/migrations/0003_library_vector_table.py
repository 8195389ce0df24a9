"""PostgreSQL's library vectors move to a narrow table of their own, kept by triggers.

In the entry table the vectors sat in wide rows (the text and what was done, beside them), so TOAST
compressed them; for a word found in one case in eight the planner chose to scan the table and
decompress every vector (55 ms over 10,000 cases) rather than use the GIN index. In a table of
(case, vector) nothing is compressed and the index is used: under a millisecond for the same search
(benchmarks/library_search.py). The triggers do what the generated column did: every insert and update
of an entry writes its vector, a delete or a truncate removes it. No foreign key, so that truncating the
entry table (a test's flush) needs no CASCADE. SQLite is untouched: its FTS5 table already stands apart.
"""

from django.db import migrations

TABLE = "problemsolving_libraryentry"
VECTORS = "problemsolving_library_vector"

POSTGRESQL = [
    "DROP INDEX IF EXISTS problemsolving_library_search",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search",
    f"CREATE TABLE {VECTORS} (case_id bigint PRIMARY KEY, search tsvector NOT NULL)",
    f"CREATE INDEX {VECTORS}_search ON {VECTORS} USING gin (search)",
    f"""CREATE FUNCTION {VECTORS}_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {VECTORS} WHERE case_id = OLD.case_id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.case_id <> NEW.case_id THEN
            DELETE FROM {VECTORS} WHERE case_id = OLD.case_id;
        END IF;
        INSERT INTO {VECTORS} (case_id, search) VALUES (
            NEW.case_id,
            setweight(to_tsvector('english'::regconfig, NEW.title), 'A')
            || setweight(to_tsvector('english'::regconfig, NEW.statement), 'B')
            || setweight(to_tsvector('english'::regconfig, NEW.body), 'C')
        ) ON CONFLICT (case_id) DO UPDATE SET search = EXCLUDED.search;
        RETURN NEW;
    END $$""",
    f"""CREATE FUNCTION {VECTORS}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {VECTORS};
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER {VECTORS}_write AFTER INSERT OR UPDATE OF title, statement, body, case_id OR DELETE
        ON {TABLE} FOR EACH ROW EXECUTE FUNCTION {VECTORS}_write()""",
    f"""CREATE TRIGGER {VECTORS}_truncate AFTER TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION {VECTORS}_truncate()""",
    # Entries written before this migration.
    f"UPDATE {TABLE} SET title = title",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS {VECTORS}_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {VECTORS}_write ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {VECTORS}_truncate()",
    f"DROP FUNCTION IF EXISTS {VECTORS}_write()",
    f"DROP TABLE IF EXISTS {VECTORS}",
    f"""ALTER TABLE {TABLE} ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A')
        || setweight(to_tsvector('english'::regconfig, statement), 'B')
        || setweight(to_tsvector('english'::regconfig, body), 'C')
    ) STORED""",
    f"CREATE INDEX problemsolving_library_search ON {TABLE} USING gin (search)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRESQL:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRESQL_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("problemsolving", "0002_library")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
