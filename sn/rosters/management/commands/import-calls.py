from django.core.management.base import BaseCommand, CommandError

from sn.core.commands import add_actor_argument, command_audit
from sn.rosters.importing import calls_files_import


class Command(BaseCommand):
    help = (
        "Import calls for service (CSV or .csv.gz with time, location (lat,lng or a ward code) and type "
        "columns, and optionally reference): each file all or nothing, safe to import again."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="CSV or .csv.gz files")
        add_actor_argument(parser)

    def handle(self, *args, paths: list[str], **options):
        try:
            with command_audit(options, "import calls for service"):
                results = calls_files_import(paths=paths, out=self.stdout.write)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        refused = [r for r in results if r.status == "rejected"]
        if refused:
            raise CommandError(
                f"{len(refused)} of {len(results)} files rejected, nothing written from them: "
                + "; ".join(f"{r.name}: {r.message}" for r in refused)
            )
