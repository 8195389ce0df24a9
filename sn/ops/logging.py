"""Log lines that a force's collector can search: one JSON object per line in production, with the request
id, the user and the path of the request being served, so every line one request wrote (its access line,
a refusal, a traceback) can be found from the id the proxy or the browser saw. Plain lines elsewhere,
with the request id in brackets.

The request's context lives in a contextvar set by sn.ops.middleware.RequestIdMiddleware; the filter
copies it onto each record, so any logger gets it without passing it. settings.LOGGING names the filter
and `formatter`, which picks the format from SN_LOG_FORMAT.
"""

import logging
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import empty
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


@dataclass
class RequestContext:
    request_id: str
    path: str
    request: Any = None  # the HttpRequest, for the user once something has looked them up


_current: ContextVar[RequestContext | None] = ContextVar("sn_request_context", default=None)


def bind_request(context: RequestContext) -> Token:
    return _current.set(context)


def unbind_request(token: Token) -> None:
    _current.reset(token)


def current_request_id() -> str | None:
    context = _current.get()
    return context.request_id if context else None


def _user_id(request: Any) -> int | None:
    """The signed-in user's id, only if the request has already loaded them: loading them here would
    cost a session read and a query on pages that never needed the user (the cached public pages)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestContextFilter(logging.Filter):
    """Copies the current request's id, path and user onto every record (never over what the caller
    passed in `extra`). Outside a request (a command, the worker) the record is left as it is."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get()
        if context is None:
            return True
        if not hasattr(record, "request_id"):
            record.request_id = context.request_id
        if not hasattr(record, "path"):
            record.path = context.path
        if not hasattr(record, "user_id"):
            user_id = _user_id(context.request)
            if user_id is not None:
                record.user_id = user_id
        return True


class SnJsonFormatter(JsonFormatter):
    """timestamp (UTC, ISO 8601), level, logger and message, then whatever the filter and `extra` added
    (request_id, user_id, path, method, status, duration_ms...). The request object Django's own loggers
    pass is left out: its path is already there, and its repr says nothing more."""

    def __init__(self) -> None:
        super().__init__(
            "%(levelname)s %(name)s %(message)s",
            rename_fields={"levelname": "level", "name": "logger"},
            reserved_attrs=[*RESERVED_ATTRS, "request", "server_time", "taskName"],
            timestamp=True,
        )


def formatter() -> logging.Formatter:
    """The formatter SN_LOG_FORMAT asks for ("json" or "plain"). Read when Django configures logging,
    after the settings are complete, so production.py's own default is the one used."""
    chosen = getattr(settings, "SN_LOG_FORMAT", "plain")
    if chosen == "json":
        return SnJsonFormatter()
    if chosen == "plain":
        return logging.Formatter(PLAIN_FORMAT, defaults={"request_id": "-"})
    raise ImproperlyConfigured(f'SN_LOG_FORMAT must be "json" or "plain", not {chosen!r}.')
