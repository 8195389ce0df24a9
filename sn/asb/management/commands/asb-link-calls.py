from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sn.asb.services import asb_calls_link
from sn.core.commands import add_actor_argument, command_audit
from sn.rosters.models import CallForService


class Command(BaseCommand):
    help = (
        "Make ASB reports of the ASB calls of the last days that match a known victim or place, as an "
        "import of calls does (for calls imported before, or when linking after an import failed)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SN_ASB_REPORT_WITHIN_DAYS,
            help="how many days back to look (default: SN_ASB_REPORT_WITHIN_DAYS)",
        )
        add_actor_argument(parser)

    def handle(self, *args, days: int, **options):
        since = timezone.now() - timedelta(days=days)
        with command_audit(options, "asb-link-calls") as actor:
            result = asb_calls_link(
                calls=CallForService.objects.filter(received_at__gte=since),
                actor=actor,
                context="asb-link-calls",
            )
        self.stdout.write(result.summary())
