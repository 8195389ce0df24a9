"""The default duty code table and abstraction policy."""

from decimal import Decimal

import pytest

from sn.workforce.models import AbstractionPolicy, DutyCode
from sn.workforce.tests.factories import DutyFactory, abstraction_policy_seed, duty_codes_seed

pytestmark = pytest.mark.django_db


def test_the_code_table_is_seeded_once():
    codes = duty_codes_seed()
    assert sorted(codes) == ["AB", "AL", "PO", "SN", "TRG"]
    assert codes["SN"].kind == DutyCode.Kind.ON_DUTY and codes["SN"].reason is None
    assert {code: codes[code].reason.key for code in ("AL", "TRG", "PO", "AB")} == {
        "AL": "leave",
        "TRG": "training",
        "PO": "public_order",
        "AB": "other",
    }
    again = duty_codes_seed()
    assert {c: v.pk for c, v in again.items()} == {c: v.pk for c, v in codes.items()}
    assert DutyCode.objects.count() == 5


def test_the_policy_exempts_leave_training_and_public_order():
    policy = abstraction_policy_seed()
    assert policy.target_rate == Decimal("2.00")
    assert sorted(policy.exempt_reasons.values_list("key", flat=True)) == [
        "leave",
        "public_order",
        "training",
    ]
    assert abstraction_policy_seed() == policy
    assert AbstractionPolicy.objects.count() == 1


def test_the_duty_factory_follows_its_code():
    duty = DutyFactory()
    assert duty.neighbourhood == duty.team.neighbourhood and duty.minutes == 480 and duty.reason is None
    leave = DutyFactory(code=duty_codes_seed()["AL"])
    assert leave.neighbourhood is None and leave.reason.key == "leave"
