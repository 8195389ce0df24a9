"""The shared shape of the import commands: paths in, one summary line per file, a rejects report."""

import sys

from django.core.management.base import BaseCommand, CommandError

from sn.core.commands import add_actor_argument, command_audit
from sn.incidents.importing import police_files_import
from sn.incidents.kinds import SourceKind

REFUSED_NAMED = 3


class ImportCommand(BaseCommand):
    """Each file is all or nothing and safe to import again; the command fails if any file is refused."""

    kind: SourceKind | None = None  # None: each file's kind is told by its header

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="CSV, .csv.gz or .zip files, or directories to walk")
        parser.add_argument("--rejects", metavar="PATH", help="write rejected rows (line, reason, row) here")
        add_actor_argument(parser)

    def handle(self, *args, paths: list[str], rejects: str | None, **options):
        try:
            with command_audit(options, f"import {self.kind.label if self.kind else 'police.uk data'}"):
                results = police_files_import(
                    paths=paths,
                    kind=self.kind,
                    actor=None,
                    rejects_path=rejects,
                    out=self.stdout.write,
                    progress_stream=sys.stderr,
                )
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        refused = [r for r in results if r.status == "rejected"]
        if refused:
            # One line that says which files and why, after the summaries (a directory may hold many).
            named = " ".join("; ".join(r.message for r in refused[:REFUSED_NAMED]).splitlines())
            more = f"; and {len(refused) - REFUSED_NAMED} more" if len(refused) > REFUSED_NAMED else ""
            raise CommandError(
                f"{len(refused)} of {len(results)} files rejected, nothing written from them: {named}{more}"
            )
        if not results:
            raise CommandError("no police.uk files found in the paths given")
