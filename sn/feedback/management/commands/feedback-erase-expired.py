"""`sn feedback-erase-expired [--actor USERNAME]`: erase the senders' details and the texts of feedback
messages closed longer ago than SN_FEEDBACK_RETENTION_DAYS, leaving anonymous counts.

Safe to run every night from a scheduler: a second run finds nothing to do. It names nobody: it prints
how many messages were erased, of which kinds, and how many closed ones still wait for their period.
"""

from django.core.management.base import BaseCommand

from sn.core.commands import add_actor_argument, command_audit
from sn.feedback.services import feedback_erase_expired


class Command(BaseCommand):
    help = "Erase the senders' details and texts of feedback closed longer ago than the retention period."

    def add_arguments(self, parser):
        add_actor_argument(parser)

    def handle(self, *args, **options):
        with command_audit(options, "sn feedback-erase-expired") as actor:
            summary = feedback_erase_expired(actor=actor)
        self.stdout.write(str(summary))
