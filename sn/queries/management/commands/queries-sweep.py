"""`sn queries-sweep [--actor USERNAME]`: warn of community queries whose clock is nearly out, and escalate
those past it, e-mailing their senders how to seek recourse. Safe to run often: each query is warned,
escalated and notified once. `sn worker` also queues it hourly."""

from django.core.management.base import BaseCommand

from sn.core.commands import add_actor_argument, command_audit
from sn.queries.services import queries_sweep


class Command(BaseCommand):
    help = "Check the clocks of unanswered community queries: warn, escalate and tell senders of a breach."

    def add_arguments(self, parser):
        add_actor_argument(parser)

    def handle(self, *args, **options):
        with command_audit(options, "sn queries-sweep"):
            summary = queries_sweep()
        self.stdout.write(
            f"{summary['warned']} warned, {summary['escalated']} escalated, {summary['notified']} told"
        )
