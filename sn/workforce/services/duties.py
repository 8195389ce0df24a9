"""Recording, correcting and deleting an officer's duties in the service (the sergeant's form).

The rules are the import's rules (sn.workforce.importing) for one duty: the officer is posted to a team
that day, the duty does not overlap another of theirs, it ends after it starts and within 24 hours,
an abstraction has no ward and a duty on the ward defaults to the team's own. A refusal names the
field and writes nothing.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.geography.models import Neighbourhood
from sn.teams.models import Officer
from sn.workforce.models import Duty, DutyCode, DutySource
from sn.workforce.selectors import postings_on

_UNSET = object()


def max_duty_minutes() -> int:
    return settings.SN_MAX_DUTY_HOURS * 60


def elapsed_minutes(starts_at: datetime, ends_at: datetime) -> int:
    """Minutes actually worked: two times of one zone subtract as wall-clock times in Python, which
    would make the night the clocks change an hour short or long."""
    return round((ends_at.timestamp() - starts_at.timestamp()) / 60)


def _when(value: datetime) -> str:
    return f"{timezone.localtime(value):%a %d %b %Y %H:%M}"


def _checked(
    *,
    officer: Officer,
    starts_at: datetime,
    ends_at: datetime,
    code: DutyCode,
    neighbourhood: Neighbourhood | None,
    duty: Duty | None,
) -> dict:
    """The duty's fields once the rules hold, or a ValidationError naming each field that breaks one."""
    errors: dict[str, str] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = "The duty must end after it starts."
    elif (minutes := elapsed_minutes(starts_at, ends_at)) > (limit := max_duty_minutes()):
        errors["ends_at"] = (
            f"A duty lasts at most {limit // 60} hours; {_when(starts_at)} to {_when(ends_at)} would be "
            f"{minutes / 60:.1f}. Check the end time."
        )
    if not code.active and (duty is None or duty.code_id != code.pk):
        errors["code"] = f"The duty code {code.code} is no longer in use."
    if code.kind == DutyCode.Kind.ABSTRACTED and neighbourhood is not None:
        errors["neighbourhood"] = (
            f"{code.code} ({code.label}) is an abstraction: the officer was away from any ward, so leave "
            "the ward empty."
        )
    day = timezone.localtime(starts_at).date()
    postings = postings_on(officer, day)
    if not postings:
        errors["officer"] = f"{officer.full_name} is not posted to any team on {day:%d %B %Y}."
    if errors:
        raise ValidationError(errors)
    team = next(
        (p.team for p in postings if neighbourhood and p.team.neighbourhood_id == neighbourhood.pk), None
    )
    team = team or postings[0].team
    if code.kind == DutyCode.Kind.ON_DUTY and neighbourhood is None:
        neighbourhood = team.neighbourhood
    overlapping = Duty.objects.filter(officer=officer, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if duty is not None:
        overlapping = overlapping.exclude(pk=duty.pk)
    clash = overlapping.select_related("code").first()
    if clash is not None:
        raise ValidationError(
            {
                "starts_at": f"{officer.full_name} already has a duty from {_when(clash.starts_at)} to "
                f"{_when(clash.ends_at)} ({clash.code.code}); duties may not overlap."
            }
        )
    return {
        "officer": officer,
        "team": team,
        "neighbourhood": neighbourhood,
        "date": day,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "minutes": elapsed_minutes(starts_at, ends_at),
        "code": code,
        "reason": code.reason,
    }


def duty_record(
    *,
    officer: Officer,
    starts_at: datetime,
    ends_at: datetime,
    code: DutyCode,
    neighbourhood: Neighbourhood | None = None,
    note: str = "",
    actor,
) -> Duty:
    fields = _checked(
        officer=officer,
        starts_at=starts_at,
        ends_at=ends_at,
        code=code,
        neighbourhood=neighbourhood,
        duty=None,
    )
    with transaction.atomic(), audit_actor(actor):
        return Duty.objects.create(**fields, note=note, source=DutySource.SERVICE)


def duty_correct(
    *,
    duty: Duty,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    code: DutyCode | None = None,
    neighbourhood=_UNSET,
    note: str | None = None,
    actor,
) -> Duty:
    """Change a duty's times, code, ward or note; what is not given stays. A correction in the service
    marks the duty as recorded here, so the duty system's next file is seen to differ from it."""
    code = code or duty.code
    if neighbourhood is _UNSET:
        # A change of code to an abstraction drops the ward; to duty on the ward, the team's applies.
        neighbourhood = duty.neighbourhood if code.kind == DutyCode.Kind.ON_DUTY else None
    fields = _checked(
        officer=duty.officer,
        starts_at=starts_at or duty.starts_at,
        ends_at=ends_at or duty.ends_at,
        code=code,
        neighbourhood=neighbourhood,
        duty=duty,
    )
    with transaction.atomic(), audit_actor(actor):
        for name, value in fields.items():
            setattr(duty, name, value)
        if note is not None:
            duty.note = note
        duty.source = DutySource.SERVICE
        duty.save()
    return duty


def duty_delete(*, duty: Duty, actor) -> None:
    with transaction.atomic(), audit_actor(actor):
        duty.delete()
