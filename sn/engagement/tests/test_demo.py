"""The demo loader against the small test world: every team gets two years of engagement, of every kind
the loader makes, with concerns from every channel it feeds, the same for the same seed."""

from collections import Counter
from datetime import date

import pytest

from sn.concerns.models import Channel, Concern
from sn.concerns.places import point_problem
from sn.engagement.demo import KIND_RATES, engagement_demo_load
from sn.engagement.models import Event, EventKind, Finding, SurveyResponse

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


def _load(seed: int = 7) -> str:
    return engagement_demo_load(seed=seed, today=TODAY, progress=lambda message: None)


def test_every_team_gets_engagement_of_every_kind_but_panel_meetings(world):
    summary = _load()
    assert "Engagement ready" in summary and "Direct concerns ready" in summary
    per_ward = Counter(Event.objects.values_list("neighbourhood_id", flat=True))
    assert set(per_ward) == {ward.id for ward in world.wards.values()}
    assert all(24 * 2 <= n <= 24 * 9 for n in per_ward.values()), per_ward
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert kinds == set(KIND_RATES) and EventKind.PANEL_MEETING not in kinds
    assert Event.objects.filter(starts_at__date__gt=TODAY).exists()
    past_unwritten = Event.objects.filter(starts_at__date__lt=TODAY, written_up_at__isnull=True)
    assert 0 < past_unwritten.count() < Event.objects.filter(starts_at__date__lt=TODAY).count() / 5
    assert not Event.objects.filter(starts_at__date__gt=TODAY, written_up_at__isnull=False).exists()


def test_concerns_come_from_every_channel_the_loader_feeds_with_youth_asb_the_most_common(world):
    _load()
    channels = set(Concern.objects.values_list("channel", flat=True))
    assert channels == {
        Channel.ENGAGEMENT_EVENT, Channel.VISUAL_AUDIT, Channel.SURVEY, Channel.REPRESENTATIVE,
        Channel.COMPLAINT, Channel.MEDIA, Channel.FEEDBACK, Channel.OTHER,
    }  # fmt: skip
    topics = Counter(
        Concern.objects.exclude(channel=Channel.VISUAL_AUDIT).values_list("topic", flat=True)
    ).most_common()
    assert topics[0][0] == "asb-rowdy-youths"
    assert {t for t, _ in topics[:6]} >= {"burglary", "asb-general", "vehicle-crime", "drug-dealing"}
    assert not Concern.objects.filter(raised_on__gt=TODAY).exists()


def test_findings_and_responses_are_linked_to_their_concerns_and_placed_in_the_ward(world):
    _load()
    finding = Finding.objects.select_related("concern", "event__neighbourhood").first()
    assert finding.concern.channel == Channel.VISUAL_AUDIT and finding.concern.source_record == finding.event
    for finding in Finding.objects.select_related("event__neighbourhood")[:50]:
        assert point_problem(finding.event.neighbourhood, finding.latitude, finding.longitude) is None
    named = SurveyResponse.objects.exclude(worry="").select_related("concern")
    assert named.exists() and all(r.concern.topic == r.worry for r in named[:50])
    assert SurveyResponse.objects.filter(worry="", concern__isnull=True).exists()
    for event in Event.objects.exclude(latitude=None)[:50]:
        assert point_problem(event.neighbourhood, event.latitude, event.longitude) is None


def test_the_same_seed_builds_the_same_engagement(world):
    _load(seed=11)
    first = list(Event.objects.order_by("id").values_list("kind", "title", "starts_at", "attendance"))
    concerns = list(Concern.objects.order_by("id").values_list("topic", "raised_on", "description"))
    Finding.objects.all().delete()
    SurveyResponse.objects.all().delete()
    Concern.objects.all().delete()
    Event.objects.all().delete()
    _load(seed=11)
    assert list(Event.objects.order_by("id").values_list("kind", "title", "starts_at", "attendance")) == first
    assert list(Concern.objects.order_by("id").values_list("topic", "raised_on", "description")) == concerns
