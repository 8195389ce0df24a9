from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sn.accounts.models import User
from sn.demo.force import DEMO_PASSWORD, seed_demo
from sn.geography.models import Neighbourhood


class Command(BaseCommand):
    help = "Build the demo force: the Metropolitan Police area on 2022 wards, staffed, with demo users."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same force)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing if a force is already loaded")
        parser.add_argument("--reset", action="store_true", help="wipe the database first")
        parser.add_argument(
            "--allow-demo-logins",
            action="store_true",
            help="build it even where the settings do not allow the demo logins (SN_DEMO_LOGINS)",
        )

    def handle(self, *args, seed: int, if_empty: bool, reset: bool, allow_demo_logins: bool, **options):
        # The demo users' password is in the README: on an empty production database they would be
        # the first accounts, with the admin among them.
        if not (settings.SN_DEMO_LOGINS or allow_demo_logins):
            raise CommandError(
                "These settings do not allow the demo logins, whose password is published (SN_DEMO_LOGINS "
                "is off, as in production). Use --allow-demo-logins if this really is a demonstration."
            )
        if Neighbourhood.objects.exists():
            if if_empty:
                self.stdout.write("The database already holds a force; leaving it as it is.")
                self._print_logins()
                return
            if not reset:
                raise CommandError("The database already holds a force. Use --reset to wipe it and rebuild.")
            call_command("flush", interactive=False, verbosity=0)
        summary = seed_demo(seed=seed, progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(summary))
        self.stdout.write(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
        self._print_logins()

    def _print_logins(self):

        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for user in User.objects.exclude(role="").order_by("id"):
            self.stdout.write(f"  {user.username:<22} {user.get_role_display():<20} {user.get_full_name()}")
