"""Two requests that each read and then write in one transaction, at the same moment, on the embedded
database (SQLite in WAL mode). In SQLite's default deferred mode the second writer cannot upgrade its read
snapshot once the first has committed, and fails at once with "database is locked" whatever the busy
timeout: a resident submitting a query got a 500. BEGIN IMMEDIATE takes the write lock first, so the second
waits its turn (the busy timeout) and both succeed."""

import sqlite3
import threading

from config.settings import base


def _connection(path, options):
    """A connection as Django's SQLite backend opens one with `options` (autocommit, its init command)."""
    connection = sqlite3.connect(str(path), timeout=options["timeout"], isolation_level=None)
    for statement in options.get("init_command", "").split(";"):
        if statement.strip():
            connection.execute(statement)
    return connection


def _race(path, options) -> list[Exception]:
    setup = _connection(path, options)
    setup.execute("CREATE TABLE IF NOT EXISTS ticket (id INTEGER PRIMARY KEY, n INTEGER)")
    setup.close()
    both_read = threading.Barrier(2)
    failures: list[Exception] = []

    def submit():
        connection = _connection(path, options)
        try:
            # Django's SQLite backend begins an atomic block with "BEGIN <transaction_mode>".
            connection.execute(f"BEGIN {options.get('transaction_mode', 'DEFERRED')}")
            connection.execute("SELECT count(*) FROM ticket").fetchall()  # the service's checks first
            try:
                both_read.wait(timeout=2)
            except threading.BrokenBarrierError:
                pass  # the other is waiting for the write lock: that is the point
            connection.execute("INSERT INTO ticket (n) VALUES (1)")
            connection.execute("COMMIT")
        except Exception as error:  # noqa: BLE001 - the failure is what the test looks for
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_two_read_then_write_transactions_at_once_both_succeed_with_the_settings(tmp_path):
    options = base.SQLITE_OPTIONS
    assert options.get("transaction_mode") == "IMMEDIATE"
    assert _race(tmp_path / "settings.sqlite3", {**options, "timeout": 10}) == []


def test_the_deferred_default_is_what_failed(tmp_path):
    options = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 10}
    failures = _race(tmp_path / "deferred.sqlite3", options)
    assert failures and "locked" in str(failures[0])
