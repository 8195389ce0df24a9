"""`sn seed-survey [--seed N] [--if-empty]`: demo survey results for every borough (sn.performance.demo)."""

from django.core.management.base import BaseCommand, CommandError

from sn.core.audit import audit_actor
from sn.geography.models import Borough
from sn.performance.demo import seed_survey, survey_is_empty


class Command(BaseCommand):
    help = "Load demo Public Attitude Survey results, 2006/07 to 2010/11, for every borough."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same results)")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if survey results are already loaded"
        )

    def handle(self, *args, seed: int, if_empty: bool, **options):
        if if_empty and not survey_is_empty():
            self.stdout.write("Survey results are already loaded; leaving them as they are.")
            return
        if not Borough.objects.exists():
            raise CommandError("There are no boroughs yet: build the demo force first (sn seed-demo).")
        with audit_actor(None, "seed-survey"):
            created = seed_survey(seed=seed)
        self.stdout.write(self.style.SUCCESS(f"{created} survey results created"))
