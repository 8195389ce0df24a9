"""The demo force's patrols (issue 14)."""

from collections.abc import Callable
from datetime import date


def patrols_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    return "nothing yet"
