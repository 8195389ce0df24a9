"""`sn named-officers-sweep [--actor USERNAME] [--date YYYY-MM-DD]`: record the wards' lapses in named,
contactable officers (today's, and those in sight within SN_NAMED_OFFICER_LOOKAHEAD_DAYS), and end those
that are over. Safe to run daily (`sn worker` does): a second run finds nothing to do."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from sn.core.commands import add_actor_argument, command_audit
from sn.guarantee.services import named_officer_lapses_sweep


class Command(BaseCommand):
    help = "Record the wards' lapses in named contactable officers."

    def add_arguments(self, parser):
        add_actor_argument(parser)
        parser.add_argument("--date", type=date.fromisoformat, default=None, help="The day (default: today)")

    def handle(self, *args, **options):
        with command_audit(options, "sn named-officers-sweep") as actor:
            summary = named_officer_lapses_sweep(today=options["date"] or timezone.localdate(), actor=actor)
        self.stdout.write(str(summary))
