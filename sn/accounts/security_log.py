"""Security events for the log: every sign-in, failed sign-in, lockout and sign-out (ASVS 16.3.1).

Only records; no rule runs here. User-supplied text is passed as %r so it cannot forge log lines.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from sn.core.middleware import client_address

log = logging.getLogger("sn.security")


def _address(request) -> str:
    return client_address(request) if request is not None else ""


def _logged_in(sender, request, user, **kwargs) -> None:
    log.info("sign-in user=%s address=%s", user.pk, _address(request))


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    log.warning("sign-in failed username=%r address=%s", credentials.get("username", ""), _address(request))


def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    log.warning("sign-in locked out username=%r address=%s", username, ip_address)


def _logged_out(sender, request, user, **kwargs) -> None:
    log.info("sign-out user=%s address=%s", getattr(user, "pk", None), _address(request))


def connect_signals() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="sn-security-login")
    user_login_failed.connect(_login_failed, dispatch_uid="sn-security-login-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="sn-security-locked-out")
    user_logged_out.connect(_logged_out, dispatch_uid="sn-security-logout")
