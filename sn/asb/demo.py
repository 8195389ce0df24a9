"""The demo force's asb (issue 14)."""

from collections.abc import Callable
from datetime import date


def asb_demo_load(*, seed: int, today: date | None = None, progress: Callable[[str], None] = print) -> str:
    return "nothing yet"
