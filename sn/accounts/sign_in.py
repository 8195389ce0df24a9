"""What signing in starts besides the session Django makes: the clock of the session's absolute limit,
which sn.core.middleware.SessionLimitMiddleware enforces."""

import time

from django.contrib.auth.signals import user_logged_in

from sn.core.middleware import SIGNED_IN_AT


def _start_session_clock(sender, request, user, **kwargs) -> None:
    # Signing in again without signing out keeps the session's data, so the time is set, not kept.
    request.session[SIGNED_IN_AT] = time.time()


def connect_signals() -> None:
    user_logged_in.connect(_start_session_clock, dispatch_uid="sn-session-clock")
