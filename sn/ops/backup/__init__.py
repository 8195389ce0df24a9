"""Backups that prove what they hold: the database's own tools (SQLite's online backup API, pg_dump) plus
a manifest of row counts and checksums per table, which a restore recomputes (docs/how-to/backup-restore.md).

The package knows nothing of the apps above ops: it reads tables, not models, so a table added by any
app is in the manifest without being registered anywhere.
"""
