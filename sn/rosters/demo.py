"""The demo force's rosters (a placeholder while issue 12 is built; its owner replaces it)."""

from collections.abc import Callable
from datetime import date


def rosters_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    return "not built yet"
