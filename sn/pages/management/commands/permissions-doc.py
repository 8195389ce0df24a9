from django.core.management.base import BaseCommand, CommandError

from sn.pages.permissions_doc import DOC_PATH, render


class Command(BaseCommand):
    help = "Write docs/permissions.md from the roles registry, the permission declarations and the routes."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail if the file is stale; write nothing")

    def handle(self, *args, check: bool, **options):
        text = render()
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if check:
            if current != text:
                raise CommandError(f"{DOC_PATH} is stale: run `sn permissions-doc`.")
            self.stdout.write(f"{DOC_PATH} is up to date.")
            return
        DOC_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {DOC_PATH}.")
