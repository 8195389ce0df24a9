"""Lockout after failed sign-ins, on django-axes' database handler (settings: AXES_*).

Axes compares one count with one limit. We count two things: the failures of a username from any
address (AXES_FAILURE_LIMIT, five) and of an address across usernames (SN_ADDRESS_FAILURE_LIMIT,
higher, because colleagues share an office's address), and report the address's lockout in the
username's terms so that axes' own comparison applies both limits. Wrong codes at the second-factor
step are failures of the username too (sn.accounts.otp_views), so both steps share the limit.
"""

from datetime import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.utils import timezone

from sn.accounts.otp import code_still_due


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        username = get_client_username(request, credentials)
        by_username = _failures(recent.filter(username=username)) if username else 0
        if _failures(recent.filter(ip_address=request.axes_ip_address)) >= settings.SN_ADDRESS_FAILURE_LIMIT:
            return max(by_username, settings.AXES_FAILURE_LIMIT)
        return by_username

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        # A right password clears nothing while the code step is still to come: else whoever holds the
        # password could sign in again after every four wrong codes and guess codes for ever. The code
        # step clears the count when it is passed (sn.accounts.otp_views).
        if code_still_due(getattr(request, "user", None)):
            return 0
        # A successful sign-in clears that username's failures only: clearing its address's too would
        # let someone with an account wipe the count of their guesses at others' by signing in.
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def locked_usernames() -> dict[str, datetime]:
    """The usernames locked out now, each with the time its lockout ends (a fixed cool-off from the
    failure that locked it: failures during a lockout are not recorded)."""
    cool_off = get_cool_off()
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    return {row["username"]: row["last"] + cool_off for row in rows}
