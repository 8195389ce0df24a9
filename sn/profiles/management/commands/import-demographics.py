"""`sn import-demographics FILE [--actor USERNAME]`: a demographic table in long format, all or nothing.

Columns: area_code (a ward's GSS code, or a non-ward area's code), measure (a slug), category, value,
source, year; the file may be gzip-compressed. Any bad line stops the import with every problem listed
by line and field, and nothing is written. Re-running the same file changes nothing; a changed figure
replaces the one for the same area, measure, category and year.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sn.core.commands import add_actor_argument, command_audit
from sn.profiles.importing import DemographicFileError
from sn.profiles.services import demographic_figures_import


class Command(BaseCommand):
    help = "Create or update demographic figures per area, measure, category and year from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="CSV (or .csv.gz) with area_code, measure, category, value, source, year"
        )
        add_actor_argument(parser)

    def handle(self, *args, file: Path, **options):
        started = time.monotonic()
        try:
            with file.open("rb") as handle:
                # One byte over the limit is enough for the importer to refuse a file too large.
                data = handle.read(settings.SN_DEMOGRAPHICS_MAX_BYTES + 1)
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {file}") from exc
        except OSError as exc:
            raise CommandError(f"{file} cannot be read ({exc.strerror}); nothing was written") from exc
        try:
            with command_audit(options, f"import-demographics {file.name}"):
                result = demographic_figures_import(data=data, source=f"import-demographics {file.name}")
        except DemographicFileError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self.stdout.write(f"{file}: {result} in {time.monotonic() - started:.1f} s")
