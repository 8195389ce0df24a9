"""PostgreSQL: pg_dump's custom format (-Fc) and pg_restore, with the manifest computed from the very
snapshot pg_dump copies: the checksums are read in a repeatable-read transaction whose snapshot pg_dump
is given (--snapshot), so rows written while the backup runs are in neither."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import psycopg
from psycopg.types.string import TextLoader

from sn.ops.backup.checksums import batched, column_kinds, table_digest
from sn.ops.backup.errors import BackupError

MEMBER = "database.pgdump"


def _environment(database: dict) -> dict[str, str]:
    """libpq's variables for the tools, so the password is never on a command line (ps shows those)."""
    env = dict(os.environ)
    values = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _connect(database: dict) -> psycopg.Connection:
    options = database.get("OPTIONS", {})
    try:
        connection = psycopg.connect(
            dbname=database["NAME"],
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
            host=database.get("HOST") or None,
            port=database.get("PORT") or None,
            sslmode=options.get("sslmode"),
        )
    except psycopg.OperationalError as exc:
        raise BackupError(
            f"Cannot connect to PostgreSQL at {location(database)}: {str(exc).strip()}"
        ) from exc
    # JSON as the text PostgreSQL holds, parsed the same way as SQLite's text (see checksums._json).
    connection.adapters.register_loader("jsonb", TextLoader)
    connection.adapters.register_loader("json", TextLoader)
    return connection


def _major(version_text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", version_text)
    if match is None:
        raise BackupError(f"Cannot read a version from {version_text!r}")
    return int(match.group(1))


def tool(name: str) -> tuple[str, int]:
    """The path and major version of pg_dump or pg_restore, or a clear refusal when it is missing."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (the PostgreSQL client tools); nothing was written")
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)": the first number after the product name.
    return path, _major(output.split(")", 1)[-1])


def _server_major(connection: psycopg.Connection) -> int:
    return connection.info.server_version // 10000


def _describe(connection: psycopg.Connection) -> dict:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    ]
    kinds = column_kinds()
    tables = {}
    for name in names:
        columns = sorted(
            row[0]
            for row in connection.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s",
                [name],
            )
        )
        quoted = ", ".join(f'"{column}"' for column in columns)
        with connection.cursor(name=f"sn_backup_{len(tables)}") as cursor:
            cursor.itersize = 5000
            cursor.execute(f'SELECT {quoted} FROM "{name}"')
            count, checksum = table_digest(columns, batched(cursor), kinds.get(name, {}), "postgresql")
        tables[name] = {"rows": count, "checksum": checksum}
    # A sequence restored behind its table would hand out ids already taken: the manifest holds them too.
    sequences = {
        name: value
        for name, value in connection.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()"
        )
    }
    migrations = {}
    if "django_migrations" in tables:
        migrations = dict(connection.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app"))
    return {
        "tables": tables,
        "sequences": sequences,
        "migrations": migrations,
        "server_version": connection.info.parameter_status("server_version"),
    }


def snapshot_and_describe(database: dict, directory: Path) -> tuple[Path, dict]:
    """pg_dump the database into `directory` and describe the same snapshot."""
    pg_dump, dump_major = tool("pg_dump")
    target = directory / MEMBER
    with _connect(database) as connection:
        server_major = _server_major(connection)
        if dump_major < server_major:
            raise BackupError(
                f"pg_dump is version {dump_major} but the server is PostgreSQL {server_major}: pg_dump "
                f"must be at least the server's major version. Install the version {server_major} client "
                "tools; nothing was written"
            )
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        (snapshot,) = connection.execute("SELECT pg_export_snapshot()").fetchone()
        result = subprocess.run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            env=_environment(database),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}; no archive was written")
        description = _describe(connection)
        connection.rollback()
    description["tool"] = f"pg_dump {dump_major}"
    description["tool_major"] = dump_major
    return target, description


def describe(database: dict) -> dict:
    with _connect(database) as connection:
        return _describe(connection)


def is_empty(database: dict) -> bool:
    with _connect(database) as connection:
        (count,) = connection.execute(
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchone()
    return count == 0


def clear(database: dict) -> None:
    """--force: drop every table, view and sequence in the schema, so the restore starts empty."""
    with _connect(database) as connection:
        for kind, catalogue, column in (
            ("VIEW", "pg_views", "viewname"),
            ("TABLE", "pg_tables", "tablename"),
            ("SEQUENCE", "pg_sequences", "sequencename"),
        ):
            names = [
                row[0]
                for row in connection.execute(
                    f"SELECT {column} FROM {catalogue} WHERE schemaname = current_schema()"
                )
            ]
            for name in names:
                connection.execute(f'DROP {kind} IF EXISTS "{name}" CASCADE')


def load(database: dict, dump: Path, dump_major: int) -> None:
    pg_restore, restore_major = tool("pg_restore")
    if restore_major < dump_major:
        raise BackupError(
            f"pg_restore is version {restore_major} but the archive was written by pg_dump {dump_major}: "
            f"install the version {dump_major} client tools; the database was not touched"
        )
    # One transaction: a failure part-way leaves the database as empty as it was. No owners or grants:
    # the restoring server's roles need not be the ones that took the backup.
    result = subprocess.run(
        [
            pg_restore,
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={database['NAME']}",
            str(dump),
        ],
        env=_environment(database),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed and rolled back: {result.stderr.strip()}")


def location(database: dict) -> str:
    return f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}/{database['NAME']}"
