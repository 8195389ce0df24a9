"""Who a management command's writes are attributed to, since a shell has no signed-in user.

`--actor USERNAME` names the platform user running the command; without it the writes are put down to
the operating-system account that ran it, so that the trail never says "system" for an import a person
started, and "who loaded this?" always has an answer.
"""

import contextlib
import getpass
import os
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from sn.core.audit import audit_actor


def add_actor_argument(parser) -> None:
    parser.add_argument(
        "--actor",
        metavar="USERNAME",
        help="the user the writes are recorded against (default: the operating-system user)",
    )


def command_actor(username: str | None) -> Any:
    """The active user named `username`, or without one the operating-system user's login name."""
    if username:
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}, is_active=True).first()
        if user is None:
            raise CommandError(f"--actor: there is no active user {username!r}; nothing was written")
        return user
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor in the password database
        return f"uid {os.getuid()}"


@contextlib.contextmanager
def command_audit(options: dict, context: str) -> Iterator[Any]:
    """Attribute the writes inside the block to the command's actor (see `command_actor`)."""
    actor = command_actor(options.get("actor"))
    with audit_actor(actor, context):
        yield actor
