"""The demo force's scorecard (issue 14)."""

from collections.abc import Callable
from datetime import date


def scorecard_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    return "nothing yet"


def scorecard_demo_present() -> bool:
    """Whether the demo's Guarantee records are loaded (the scorecard step is the last of them)."""
    return False
