"""Links on a priority's page to the work that higher apps keep for it: the problem-solving case of stage
6 registers one ("Its problem-solving case, PS-00042" or "Open its problem-solving case"), so that the
page a panel member, PC or sergeant reads about a priority leads to the case without panels importing
the app that owns it.

`build(user, priority)` returns (label, url), or None when the user has nothing to follow.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sn.core.registry import Registry


@dataclass(frozen=True)
class PriorityLink:
    key: str
    order: int
    build: Callable[[object, object], tuple[str, str] | None]


PRIORITY_LINKS: Registry[PriorityLink] = Registry(
    "priority page links", key=lambda e: e.key, order=lambda e: e.order
)


def priority_links(user, priority) -> list[tuple[str, str]]:
    return [link for entry in PRIORITY_LINKS if (link := entry.build(user, priority))]
