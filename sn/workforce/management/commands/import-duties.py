"""sn import-duties FILE: the duty management system's file (CSV, optionally .gz)."""

from django.core.management.base import BaseCommand, CommandError

from sn.core.commands import add_actor_argument, command_audit
from sn.workforce.importing.duties import DutyFileRejected, duties_import


class Command(BaseCommand):
    help = (
        "Import duties from the duty system: a CSV (or .csv.gz) with columns collar number, date, start, "
        "end, duty code and an optional ward code. All or nothing per file; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="CSV files, optionally gzipped")
        add_actor_argument(parser)

    def handle(self, *args, files, **options):
        failed = 0
        # --actor USERNAME must name an active user, as for every import; else the OS user is recorded.
        with command_audit(options, "import-duties"):
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
