"""The duty code table, the abstraction policy and duties for tests.

The code table and the policy come from the same service the demo uses
(sn.workforce.services.codes), so tests and the demo agree on what SN, AL, TRG, PO and AB mean.
"""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sn.teams.tests.factories import OfficerFactory, TeamFactory
from sn.workforce.models import AbstractionPolicy, Duty, DutyCode, DutySource, ShiftPattern
from sn.workforce.services.codes import abstraction_policy_defaults_create, duty_codes_defaults_create


def duty_codes_seed() -> dict[str, DutyCode]:
    """The demo code table (SN on duty; AL leave, TRG training, PO public order, AB other abstraction),
    made once: calling it again returns the same rows. {code: DutyCode}."""
    return duty_codes_defaults_create()


def abstraction_policy_seed() -> AbstractionPolicy:
    """The force's policy: leave, training and public order exempt, a target of 2% (seed 003 saw 1.6%)."""
    return abstraction_policy_defaults_create()


def local_start(day, hour: int = 7, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class DutyFactory(DjangoModelFactory):
    """An eight-hour SN duty on the team's own ward, each a day after the one before. It writes the row
    directly, without the service's rules (the officer's posting is not checked): call
    sn.workforce.services.duties.duty_record to test the rules. Abstract with `code=codes["AL"]`
    (the ward and reason follow the code)."""

    class Meta:
        model = Duty

    class Params:
        hours = 8

    officer = factory.SubFactory(OfficerFactory)
    team = factory.SubFactory(TeamFactory)
    code = factory.LazyFunction(lambda: duty_codes_seed()["SN"])
    neighbourhood = factory.LazyAttribute(
        lambda o: o.team.neighbourhood if o.code.kind == DutyCode.Kind.ON_DUTY else None
    )
    reason = factory.LazyAttribute(lambda o: o.code.reason)
    starts_at = factory.Sequence(lambda n: local_start(timezone.localdate() - timedelta(days=400 - n)))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=o.hours))
    date = factory.LazyAttribute(lambda o: timezone.localtime(o.starts_at).date())
    minutes = factory.LazyAttribute(lambda o: int((o.ends_at - o.starts_at).total_seconds() // 60))
    source = DutySource.SERVICE


EARLIES = [{"start": "07:00", "hours": 8.0}] * 5 + [None, None]


class ShiftPatternFactory(DjangoModelFactory):
    """Earlies (07:00 for eight hours) Monday to Friday, from the first of January 2020."""

    class Meta:
        model = ShiftPattern

    team = factory.SubFactory(TeamFactory)
    effective_from = factory.Sequence(
        lambda n: timezone.localdate().replace(year=2020, month=1, day=1) + timedelta(days=n)
    )
    days = factory.LazyFunction(lambda: list(EARLIES))
