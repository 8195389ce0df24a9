from django.core.management.base import BaseCommand, CommandError

from sn.incidents.demo import PLACED_MONTHS, incidents_seed
from sn.incidents.models import Incident


class Command(BaseCommand):
    help = (
        "Load the demo incidents: real Met burglary points, and points placed inside each ward from the "
        "MPS's real ward crime counts (placed, not recorded locations), then rebuild the monthly rollup."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same points)")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if incidents are already loaded"
        )
        parser.add_argument(
            "--placed-months",
            type=int,
            default=PLACED_MONTHS,
            help=f"place points for the most recent N months of counts (default {PLACED_MONTHS}, all: 24)",
        )

    def handle(self, *args, seed: int, if_empty: bool, placed_months: int, **options):
        if if_empty and Incident.objects.exists():
            self.stdout.write("The database already holds incidents; leaving them as they are.")
            return
        try:
            summary = incidents_seed(seed=seed, placed_months=placed_months, progress=self.stdout.write)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(summary))
