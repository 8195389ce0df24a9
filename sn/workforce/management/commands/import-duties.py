"""sn import-duties FILE: the duty management system's file (CSV, optionally .gz)."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from sn.core.audit import audit_actor
from sn.workforce.importing.duties import DutyFileRejected, duties_import


class Command(BaseCommand):
    help = (
        "Import duties from the duty system: a CSV (or .csv.gz) with columns collar number, date, start, "
        "end, duty code and an optional ward code. All or nothing per file; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="CSV files, optionally gzipped")
        parser.add_argument("--actor", default="", help="Who is importing (default: the system user)")

    def handle(self, *args, files, actor, **options):
        failed = 0
        with audit_actor(actor or getpass.getuser(), context="import-duties"):
            for name in files:
                try:
                    run = duties_import(name, progress=lambda text: self.stdout.write(f"  {text}"))
                except DutyFileRejected as rejected:
                    failed += 1
                    self.stderr.write(rejected.run.message)
                    continue
                except FileNotFoundError:
                    failed += 1
                    self.stderr.write(f"{name}: no such file.")
                    continue
                self.stdout.write(self.style.SUCCESS(run.message))
        if failed:
            raise CommandError(
                f"{failed} of {len(files)} file{'s' if len(files) != 1 else ''} refused; "
                "nothing from them was imported."
            )
