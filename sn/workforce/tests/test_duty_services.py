"""Recording and correcting duties in the service: the rules, the refusals, the trail."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from sn.core.models import AuditEvent
from sn.workforce.models import Duty, DutySource
from sn.workforce.services.duties import duty_correct, duty_delete, duty_record
from sn.workforce.tests.factories import duty_codes_seed, local_start

pytestmark = pytest.mark.django_db
DAY = date(2024, 3, 4)


@pytest.fixture
def codes(db):
    return duty_codes_seed()


def record(world, codes, officer="pc_a", start=None, hours=8, code="SN", **extra):
    start = start or local_start(DAY)
    return duty_record(
        officer=world.officers[officer],
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        code=codes[code],
        actor=world.user("sergeant"),
        **extra,
    )


def test_a_duty_on_the_ward_defaults_to_the_teams_ward_and_is_audited(world, codes):
    duty = record(world, codes)
    assert duty.team == world.teams["a1"] and duty.neighbourhood == world.wards["a1"]
    assert (duty.date, duty.minutes, duty.reason, duty.source) == (DAY, 480, None, DutySource.SERVICE)
    assert AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Duty),
        object_id=str(duty.pk),
        actor=world.user("sergeant"),
    ).exists()


def test_an_abstraction_has_no_ward_and_copies_its_reason(world, codes):
    duty = record(world, codes, code="AL")
    assert duty.neighbourhood is None and duty.reason.key == "leave"
    with pytest.raises(ValidationError) as refusal:
        record(
            world,
            codes,
            code="AB",
            start=local_start(DAY + timedelta(days=1)),
            neighbourhood=world.wards["a1"],
        )
    assert "leave the ward empty" in refusal.value.message_dict["neighbourhood"][0]


def test_a_shared_sergeant_counts_in_the_team_whose_ward_the_duty_is_on(world, codes):
    on_a2 = record(world, codes, officer="sergeant_a", neighbourhood=world.wards["a2"])
    assert on_a2.team == world.teams["a2"]
    elsewhere = record(
        world,
        codes,
        officer="sergeant_a",
        start=local_start(DAY + timedelta(days=1)),
        neighbourhood=world.wards["a3"],
    )
    assert elsewhere.team == world.teams["a1"] and elsewhere.neighbourhood == world.wards["a3"]


def test_an_officer_not_posted_that_day_is_refused(world, codes):
    with pytest.raises(ValidationError) as refusal:
        record(world, codes, start=local_start(date(2019, 6, 1)))
    assert refusal.value.message_dict["officer"] == [
        f"{world.officers['pc_a'].full_name} is not posted to any team on 01 June 2019."
    ]
    assert not Duty.objects.exists()


def test_overlapping_duties_are_refused(world, codes):
    record(world, codes)
    with pytest.raises(ValidationError) as refusal:
        record(world, codes, start=local_start(DAY, 14))
    assert (
        "already has a duty from Mon 04 Mar 2024 07:00 to Mon 04 Mar 2024 15:00 (SN)"
        in (refusal.value.message_dict["starts_at"][0])
    )
    assert Duty.objects.count() == 1
    # end to end is no overlap
    assert record(world, codes, start=local_start(DAY, 15)).pk


@pytest.mark.parametrize(
    ("hours", "message"), [(0, "end after it starts"), (-2, "end after"), (17, "at most 16 hours")]
)
def test_bad_lengths_are_refused(world, codes, hours, message):
    with pytest.raises(ValidationError) as refusal:
        record(world, codes, hours=hours)
    assert message in refusal.value.message_dict["ends_at"][0]


def test_correcting_a_duty_keeps_the_rules_and_ignores_itself(world, codes):
    duty = record(world, codes)
    corrected = duty_correct(
        duty=duty, ends_at=duty.ends_at + timedelta(hours=1), actor=world.user("sergeant")
    )
    assert corrected.minutes == 540
    corrected = duty_correct(duty=duty, code=codes["TRG"], actor=world.user("sergeant"))
    assert corrected.neighbourhood is None and corrected.reason.key == "training"
    other = record(world, codes, start=local_start(DAY + timedelta(days=1)))
    with pytest.raises(ValidationError):
        duty_correct(duty=other, starts_at=duty.starts_at + timedelta(hours=2), actor=world.user("sergeant"))
    other.refresh_from_db()
    assert other.date == DAY + timedelta(days=1)


def test_deleting_a_duty_is_audited(world, codes):
    duty = record(world, codes)
    pk = duty.pk
    duty_delete(duty=duty, actor=world.user("sergeant"))
    assert not Duty.objects.exists()
    assert AuditEvent.objects.filter(object_id=str(pk), action=AuditEvent.Action.DELETE).exists()


def test_a_night_across_the_autumn_clock_change_counts_the_hour_gained(world, codes):
    # 22:00 on Saturday 26 October 2024 to 06:00 on Sunday: the clocks went back at 02:00, so nine hours.
    duty = duty_record(
        officer=world.officers["pc_a"],
        starts_at=local_start(date(2024, 10, 26), 22),
        ends_at=local_start(date(2024, 10, 27), 6),
        code=codes["SN"],
        actor=world.user("sergeant"),
    )
    assert duty.minutes == 540
