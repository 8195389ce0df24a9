"""A throwaway database holding the full demo force, for benchmarks that need real-sized data.

The test runner's own machinery makes the database (in memory on SQLite, test_<name> elsewhere) and
removes it afterwards, so a benchmark can never touch the developer's var/sn.sqlite3.
"""

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

from benchmarks.report import line
from sn.demo.cycle import seed_cycle
from sn.demo.force import seed_demo

SEED = 2026


@contextmanager
def demo_database(*, with_cycle: bool = False) -> Iterator[None]:
    """The demo force; `with_cycle` adds two years of the cycle for every team (sn seed-cycle), for
    pages whose panels show it."""
    setup_test_environment()
    # force_login logs a sign-in to the security log; in a benchmark's output it is only noise.
    security_log = logging.getLogger("sn.security")
    level = security_log.level
    security_log.setLevel(logging.WARNING)
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    # SQLite's shared in-memory test database outlives destroy_test_db while a connection stays open,
    # so a second benchmark in the same process would find the first one's force: start empty.
    call_command("flush", interactive=False, verbosity=0)
    try:
        migrated = time.perf_counter()
        summary = seed_demo(seed=SEED, progress=lambda *_: None)
        line("database", f"{connection.vendor}, migrated in {migrated - started:.1f} s")
        line("demo force", summary)
        if with_cycle:
            line("demo cycle", seed_cycle(seed=SEED, progress=lambda *_: None))
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        security_log.setLevel(level)
