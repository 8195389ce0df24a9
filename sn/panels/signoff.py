"""What must be true before a priority can be signed off, beyond the panel's decision and the sergeant's
endorsement: a hook for the apps above this one.

The problem-solving app of stage 6 will require its case's assessment before sign-off; it registers a
prerequisite from its hooks.py, and both steps of sign-off (sn.panels.services.priorities) check every
registered one, refusing with its message:

    SIGN_OFF_PREREQUISITES.register(
        SignOffPrerequisite("case-assessed", "The problem-solving case is assessed", case_not_assessed)
    )

where `case_not_assessed(priority)` returns None when the priority may be signed off, or what stops it
("The case for this priority has no assessment of its impact yet.").
"""

from collections.abc import Callable
from dataclasses import dataclass

from sn.core.registry import Registry


@dataclass(frozen=True)
class SignOffPrerequisite:
    key: str
    label: str  # what must be true, for the priority page's sign-off checklist
    unmet: Callable[[object], str | None]  # unmet(priority): why it is not met, or None


SIGN_OFF_PREREQUISITES: Registry[SignOffPrerequisite] = Registry(
    "sign-off prerequisites", key=lambda e: e.key
)


def unmet_prerequisites(priority) -> list[str]:
    """Why `priority` cannot be signed off yet, from every registered prerequisite (none: it can)."""
    return [reason for entry in SIGN_OFF_PREREQUISITES if (reason := entry.unmet(priority))]


def sign_off_checklist(priority) -> list[tuple[str, str | None]]:
    """Each registered prerequisite's label and why it is unmet (None when met), for the priority page."""
    return [(entry.label, entry.unmet(priority)) for entry in SIGN_OFF_PREREQUISITES]
