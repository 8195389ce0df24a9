"""The POST of a form anyone may send (the feedback form, a ward's "ask your team" form): its protection
against programs, in one place.

- A honeypot: a field people never see (the form's `honeypot_filled` says whether it was filled). A
  program that fills every field gets the confirmation a person would, nothing is stored, and the
  attempt is logged to sn.security.
- A rate limit per client address (sn.core.ratelimit), shared by every worker through the cache. Only
  what would be stored counts against it, so someone correcting a mistake is never turned away; the
  count is taken inside the transaction that stores, so over the limit the insert is undone. A honeypot
  post counts too, so a program cannot probe for free. Past the limit the form comes back with 429,
  Retry-After and what was typed.
- A form refused (by its own checks or the service's ValidationError) comes back with 400.
"""

import logging
import math
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from sn.core.middleware import client_address
from sn.core.ratelimit import allow

security_log = logging.getLogger("sn.security")
T = TypeVar("T")
F = TypeVar("F", bound=forms.BaseForm)


class RateLimited(Exception):
    def __init__(self, retry_after: float):
        super().__init__(f"retry after {retry_after:.0f} s")
        self.retry_after = retry_after


def count_against_limit(request: HttpRequest, *, scope: str, per_hour: float, burst: int) -> None:
    """Counts one post from the client's address under `scope` ("feedback", "query"); RateLimited
    past `burst` posts at once and then `per_hour` an hour."""
    allowed, retry_after = allow(key=f"{scope}:{client_address(request)}", rate=per_hour / 3600, burst=burst)
    if not allowed:
        raise RateLimited(retry_after)


def public_form_post(
    request: HttpRequest,
    form: F,
    *,
    scope: str,
    per_hour: float,
    burst: int,
    save: Callable[[F], T],
    sent: Callable[[T], HttpResponse],
    decoy: Callable[[F], HttpResponse],
    show: Callable[..., HttpResponse],
) -> HttpResponse:
    """Handles the POST of `form` (bound to request.POST, with a `honeypot_filled` property).

    `save(form)` calls the service and returns what it made; `sent(made)` is the response once stored
    (a redirect to the confirmation). `decoy(form)` is the same-looking confirmation for a filled
    honeypot. `show(form, status=..., retry_minutes=None)` renders the form again. The limit is read by
    the caller at each request (`per_hour`, `burst` from settings), so a change of setting applies at
    once."""
    try:
        if form.honeypot_filled:
            count_against_limit(request, scope=scope, per_hour=per_hour, burst=burst)
            security_log.info(
                "%s honeypot filled address=%s path=%r: nothing stored",
                scope,
                client_address(request),
                request.path,
            )
            return decoy(form)
        if form.is_valid():
            try:
                with transaction.atomic():
                    made = save(form)
                    count_against_limit(request, scope=scope, per_hour=per_hour, burst=burst)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return sent(made)
    except RateLimited as limited:
        response = show(form, status=429, retry_minutes=max(1, math.ceil(limited.retry_after / 60)))
        response["Retry-After"] = str(max(1, math.ceil(limited.retry_after)))
        return response
    return show(form, status=400)
