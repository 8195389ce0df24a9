"""`sn import-survey FILE`: Public Attitude Survey results from a CSV, all or nothing.

Columns: borough (GSS code or exact name), quarter (financial, "2010/11 Q2"), measure (slug),
sample_size, positive. Any bad line stops the import with every problem listed by line and field, and
nothing is written. Re-running the same file changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sn.core.commands import add_actor_argument, command_audit
from sn.performance.importing import MAX_SURVEY_BYTES, SurveyFileError
from sn.performance.services import survey_results_import


class Command(BaseCommand):
    help = "Create or update survey results per borough, quarter and measure from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="CSV with borough, quarter, measure, sample_size, positive"
        )
        add_actor_argument(parser)

    def handle(self, *args, file: Path, **options):
        try:
            with file.open("rb") as handle:
                # One byte over the limit is enough for the importer to refuse a file too large.
                data = handle.read(MAX_SURVEY_BYTES + 1)
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {file}") from exc
        except OSError as exc:
            raise CommandError(f"{file} cannot be read ({exc.strerror}); nothing was written") from exc
        try:
            with command_audit(options, f"import {file.name}"):
                result = survey_results_import(data=data, source=f"import-survey {file.name}")
        except SurveyFileError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self.stdout.write(str(result))
