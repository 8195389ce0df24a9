import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from sn.incidents.disclosure import published_crimes_rebuild


def _month(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}", text):
        raise CommandError(f"--month {text!r}: give a month as YYYY-MM, e.g. 2024-01")
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError as error:
        raise CommandError(f"--month {text!r}: {error}") from error


class Command(BaseCommand):
    help = (
        "Rebuild the published crime layer (what the public crime map and the police.uk API show) under "
        "disclosure control, for the months given or every month. Safe to run again: the same incidents "
        "give the same published crimes, and snap points keep their ids."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--month",
            action="append",
            dest="months",
            metavar="YYYY-MM",
            help="a month to rebuild (repeat for several; default: every month incidents hold)",
        )

    def handle(self, *args, months: list[str] | None, **options):
        chosen = [_month(m) for m in months] if months else None
        summary = published_crimes_rebuild(months=chosen, progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(summary.line()))
