"""sn scorecard-build [--month YYYY-MM] [--months N]: store the scorecard's snapshots of complete months."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sn.core.commands import add_actor_argument, command_audit
from sn.core.months import add_months, parse_month
from sn.scorecard.selectors import default_month
from sn.scorecard.services import scorecard_snapshot_build


class Command(BaseCommand):
    help = (
        "Compute every Guarantee scorecard measure per ward for complete months and store them, so the "
        "scorecard reads them back fast. By default last month; run it monthly, after the month's imports "
        "(and again if a month's records are corrected). Safe to run again: a month is replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="The last month to build, YYYY-MM (default: last month)")
        parser.add_argument("--months", type=int, default=1, help="How many months up to it (default 1)")
        add_actor_argument(parser)

    def handle(self, *args, month=None, months=1, **options):
        try:
            last = parse_month(month) if month else default_month()
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not 1 <= months <= 60:
            raise CommandError("--months must be from 1 to 60")
        with command_audit(options, "scorecard-build"):
            for back in range(months - 1, -1, -1):
                target = add_months(last, -back)
                try:
                    built = scorecard_snapshot_build(month=target)
                except ValidationError as error:
                    raise CommandError("; ".join(error.messages)) from error
                figures, measures = built.snapshots.count(), len(built.measure_keys)
                done = f"{target:%B %Y}: {figures} ward figures of {measures} measures"
                self.stdout.write(self.style.SUCCESS(done))
