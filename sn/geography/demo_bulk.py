"""SQLite settings for building the demo: a rollback journal and a large page cache while a demo step
writes its hundreds of thousands of rows, the database's own settings again afterwards.

The project runs SQLite in WAL mode (config.settings.base), the right mode for a site serving pages while
it writes now and then. A bulk load is the opposite case: in WAL mode every page a step writes goes to the
write-ahead log and is then copied into the database at the checkpoint, so a demo build writes its
gigabyte twice. With a rollback journal only the pages that existed before the step and change in it are
journalled (the new pages at the end of the file are not), and the build is just as safe: a failure rolls
back, a crash leaves the journal to roll back with. The page cache keeps the indexes of random keys (the
published crimes' persistent ids, the incidents' source keys) in memory instead of re-reading them from
the OS at every insert. Nothing here changes what is written, only how SQLite writes it.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, connection

BULK_CACHE_KIB = 512 * 1024


@contextmanager
def demo_bulk_load() -> Iterator[None]:
    """Around a demo step's writes, outside any transaction (the journal mode changes only between
    transactions). Does nothing on PostgreSQL, inside a transaction (the tests'), or in memory."""
    if (
        connection.vendor != "sqlite"
        or connection.in_atomic_block
        or connection.is_in_memory_db()
        or not connection.get_autocommit()
    ):
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        try:
            cursor.execute("PRAGMA journal_mode = DELETE")
        except OperationalError:
            # Another connection holds the database (a server running on it): WAL mode stays.
            pass
        cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
            try:
                cursor.execute(f"PRAGMA journal_mode = {journal_mode}")
            except OperationalError:
                # The next connection sets its mode again (the settings' init_command).
                pass
