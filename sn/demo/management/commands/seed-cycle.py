from django.core.management.base import BaseCommand, CommandError

from sn.demo.cycle import (
    GUARANTEE_STEPS,
    WORKFORCE_STEPS,
    cycle_present,
    guarantee_present,
    seed_cycle,
    workforce_present,
)
from sn.geography.models import Neighbourhood


class Command(BaseCommand):
    help = (
        "Build two years of the neighbourhood policing cycle for every demo team: profiles, engagement, "
        "concerns, the Key Individual Network, panels and priorities (after seed-demo and seed-incidents)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if the cycle is already loaded"
        )

    def handle(self, *args, seed: int, if_empty: bool, **options):
        if not Neighbourhood.objects.exists():
            raise CommandError("No force is loaded: run seed-demo (and seed-incidents) first.")
        if cycle_present():
            if if_empty and not workforce_present():
                # A demo database from before the workforce existed: add it, leave the rest as it is.
                self.stdout.write("The demo cycle is loaded without the workforce; adding the workforce ...")
                summary = seed_cycle(
                    seed=seed, progress=self.stdout.write, steps=WORKFORCE_STEPS + GUARANTEE_STEPS
                )
                self.stdout.write(self.style.SUCCESS(summary))
                return
            if if_empty and not guarantee_present():
                # A demo database from before the Guarantee (issue 14): add it, leave the rest as it is.
                self.stdout.write("The demo cycle is loaded without the Guarantee's records; adding them ...")
                summary = seed_cycle(seed=seed, progress=self.stdout.write, steps=GUARANTEE_STEPS)
                self.stdout.write(self.style.SUCCESS(summary))
                return
            if if_empty:
                self.stdout.write("The database already holds the demo cycle; leaving it as it is.")
                return
            raise CommandError("The database already holds the demo cycle. Rebuild with seed-demo --reset.")
        self.stdout.write(self.style.SUCCESS(seed_cycle(seed=seed, progress=self.stdout.write)))
