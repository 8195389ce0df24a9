"""The kinds of personal record and how long each is kept after it was last active (settings.SN_RETENTION).

SN_RETENTION is keyed by the kind's value; which kinds it gives a period is said by their entries in
sn.privacy.kinds. A period is calendar months or days. A record last active on or before the cutoff is
due a review: with 24 months, a KIN member last interviewed on 1 March 2024 is due on 1 March 2026.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models

from sn.community.standards import months_after


class RecordKind(models.TextChoices):
    KIN_MEMBER = "kin_member", "KIN member"
    CONTACT = "contact", "Community contact"
    FEEDBACK_SENDER = "feedback_sender", "Feedback sender"
    DIVERSITY_ANSWERS = "diversity_answers", "Panel member's diversity answers"
    PANEL_MEMBER = "panel_member", "Ward panel member"
    QUERY_SENDER = "query_sender", "Community query sender"
    ASB_VICTIM = "asb_victim", "ASB victim"


def period(kind: str) -> tuple[str, int]:
    """("months", n) or ("days", n) for the kind, from SN_RETENTION."""
    entry = settings.SN_RETENTION[kind]
    unit = "months" if "months" in entry else "days"
    return unit, int(entry[unit])


def period_text(kind: str) -> str:
    unit, n = period(kind)
    return f"{n} {unit[:-1] if n == 1 else unit}"


def cutoff(kind: str, today: date) -> date:
    """Records of `kind` last active on or before this day are due a review."""
    unit, n = period(kind)
    return months_after(today, -n) if unit == "months" else today - timedelta(days=n)


def due_on(kind: str, last_active: date) -> date:
    unit, n = period(kind)
    return months_after(last_active, n) if unit == "months" else last_active + timedelta(days=n)
