"""`sn library-rebuild`: bring the good-practice library in line with the cases (every closed, assessed
case in it, each as it stands now, nothing else) and rebuild the database's full-text index.

Safe to run at any time and as often as wanted: a second run finds nothing to change. For after a
restore, a bulk load that wrote cases without the services, or a change to what an entry holds.
"""

import time

from django.core.management.base import BaseCommand

from sn.problemsolving.library.index import library_rebuild


class Command(BaseCommand):
    help = "Rebuild the good-practice library from the cases (idempotent)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        rebuilt = library_rebuild()
        self.stdout.write(f"{rebuilt} ({time.perf_counter() - started:.1f} s)")
