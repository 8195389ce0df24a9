"""The demo loader on the test world: every team gets a network with consent, two years of interviews
around the standard, concerns naming the interview, contacts, withdrawals and records due a review;
the same seed and day give the same data; and what it writes obeys the services' rules."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count, Max, Q

from sn.community.compliance import kin_compliance
from sn.community.demo import community_demo_load
from sn.community.models import Contact, KinInterview, KinMember
from sn.community.selectors import due_for_review
from sn.concerns.models import Channel, Concern
from sn.core.models import AuditEvent
from sn.geography.models import Neighbourhood
from sn.teams.models import Posting

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 18)


def snapshot() -> list:
    return [
        list(
            KinMember.objects.order_by("id").values_list(
                "neighbourhood__code", "name", "role", "joined_on", "latitude", "last_interviewed_on"
            )
        ),
        list(
            KinInterview.objects.order_by("id").values_list(
                "member__name", "interviewed_on", "officer__collar_number", "method"
            )
        ),
        list(Contact.objects.order_by("id").values_list("name", "kind", "topics", "last_contacted_on")),
        list(Concern.objects.order_by("id").values_list("topic", "raised_on", "source")),
    ]


def test_every_team_gets_members_interviews_and_contacts(world):
    summary = community_demo_load(seed=7, today=TODAY, progress=lambda message: None)

    per_ward = dict(KinMember.objects.values_list("neighbourhood__code").annotate(n=Count("id")))
    assert set(per_ward) == {ward.code for ward in world.wards.values()}
    assert all(20 <= n <= 60 for n in per_ward.values())
    contacts = dict(Contact.objects.values_list("neighbourhood__code").annotate(n=Count("id")))
    assert all(10 <= n <= 40 for n in contacts.values()) and len(contacts) == len(world.wards)
    assert (
        KinInterview.objects.filter(interviewed_on__lt=date(2024, 12, 1)).count() <= 2 * len(world.wards) * 3
    )
    assert KinInterview.objects.aggregate(last=Max("interviewed_on"))["last"] <= TODAY
    assert "KIN members" in summary and f"{KinInterview.objects.count():,} interviews" in summary


def test_compliance_is_around_the_standard_with_some_teams_behind(world):
    community_demo_load(seed=7, today=TODAY, progress=lambda message: None)

    # Interviews are held by the team's officers: in the test world only the first two wards of each
    # borough have any (the demo force staffs every team).
    staffed = Neighbourhood.objects.filter(team__postings__isnull=False).distinct()
    teams = kin_compliance(staffed, label=("f", "Force"), today=TODAY).teams
    monthly = [count for team in teams for count in team.monthly[:-1]]
    assert len(teams) == 4
    assert 12 <= sum(monthly) / len(monthly) <= 40
    assert not KinInterview.objects.exclude(neighbourhood__in=staffed).exists()


def test_the_demo_is_the_same_for_the_same_seed_and_day(world):
    community_demo_load(seed=11, today=TODAY, progress=lambda message: None)
    first = snapshot()
    for model in (Concern, KinInterview, KinMember, Contact):
        model.objects.all().delete()

    community_demo_load(seed=11, today=TODAY, progress=lambda message: None)

    second = snapshot()
    assert first == second


def test_what_the_demo_writes_keeps_the_services_rules(world):
    community_demo_load(seed=3, today=TODAY, progress=lambda message: None)

    # Every interview by an officer posted to the member's team on the day, after joining, never after
    # a withdrawal, and the member's latest date kept in step.
    for interview in KinInterview.objects.select_related("member"):
        member = interview.member
        assert interview.neighbourhood_id == member.neighbourhood_id
        assert interview.month == interview.interviewed_on.replace(day=1)
        assert member.joined_on <= interview.interviewed_on <= TODAY
        assert member.consent_withdrawn_on is None or interview.interviewed_on <= member.consent_withdrawn_on
        assert Posting.objects.filter(
            officer_id=interview.officer_id,
            team__neighbourhood_id=member.neighbourhood_id,
            start_date__lte=interview.interviewed_on,
        ).exists()
    latest = dict(KinInterview.objects.values_list("member_id").annotate(last=Max("interviewed_on")))
    for member_id, last in KinMember.objects.values_list("id", "last_interviewed_on"):
        assert latest.get(member_id) == last
    # Withdrawn people keep nothing personal; everyone else has their consent.
    withdrawn = KinMember.objects.filter(consent_withdrawn_on__isnull=False)
    assert withdrawn.exists() and not withdrawn.exclude(name="").exists()
    assert not KinInterview.objects.filter(member__in=withdrawn).exclude(notes="").exists()
    assert not KinMember.objects.filter(
        Q(consent_given_on__isnull=True) | Q(consent_given_on__gt=TODAY)
    ).exists()


def test_concerns_name_their_interview_and_some_records_are_due_a_review(world):
    community_demo_load(seed=5, today=TODAY, progress=lambda message: None)

    concern = Concern.objects.filter(channel=Channel.KIN_INTERVIEW).first()
    assert concern is not None and concern.source_type == ContentType.objects.get_for_model(KinInterview)
    interview = KinInterview.objects.get(pk=concern.source_id)
    assert (
        concern.raised_on == interview.interviewed_on
        and concern.neighbourhood_id == interview.neighbourhood_id
    )
    assert f"KIN interview {interview.pk}" in concern.source and interview.member.name not in concern.source
    assert (
        due_for_review(KinMember.objects.all(), today=TODAY).exists()
        or due_for_review(Contact.objects.all(), today=TODAY).exists()
    )


def test_each_table_is_audited_as_a_batch_naming_its_rows(world):
    community_demo_load(seed=5, today=TODAY, progress=lambda message: None)

    for model in (KinMember, KinInterview, Contact):
        event = AuditEvent.objects.get(
            content_type=ContentType.objects.get_for_model(model), action="bulk_create"
        )
        assert event.changes["count"] == model.objects.count()
        assert event.changes["first"] == model.objects.order_by("id").first().pk


def test_the_review_command_counts_without_naming_anyone(world, capsys):
    community_demo_load(seed=5, today=date.today(), progress=lambda message: None)
    name = KinMember.objects.exclude(name="").first().name

    call_command("personal-data-review", "--borough", world.boroughs["a"].code)

    out = capsys.readouterr().out
    assert "due a review" in out and name not in out
    with pytest.raises(SystemExit):
        call_command("personal-data-review", "--check")
