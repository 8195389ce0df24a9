"""`sn retention-review [--actor USERNAME]`: list the personal records due a retention review for the
people responsible (their home pages), as the daily job does. It names no one: it prints counts.

Nothing is erased here: each record is erased or kept by the person responsible, on the review page.
Safe to run again: a second run the same day lists nothing new.
"""

from django.core.management.base import BaseCommand

from sn.core.commands import add_actor_argument, command_audit
from sn.privacy.services import retention_review_run


class Command(BaseCommand):
    help = "List the personal records due a retention review (counts, no names) for the people responsible."

    def add_arguments(self, parser):
        add_actor_argument(parser)

    def handle(self, *args, **options):
        with command_audit(options, "sn retention-review") as actor:
            summary = retention_review_run(actor=actor)
        self.stdout.write(str(summary))
