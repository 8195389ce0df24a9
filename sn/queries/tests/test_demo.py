from datetime import date

import pytest

from sn.queries.demo import queries_demo_load
from sn.queries.models import CommunityQuery, QueryReply, Status

pytestmark = pytest.mark.django_db


def test_demo_is_deterministic_and_realistic(world):
    summary = queries_demo_load(seed=3, today=date(2026, 6, 15), progress=lambda s: None)
    assert "community queries in 8 wards" in summary
    queries = list(
        CommunityQuery.objects.order_by("reference").values_list("reference", "received_at", "status")
    )
    assert len(queries) >= 8 * 6
    assert (
        QueryReply.objects.filter(kind="substantive").count()
        == CommunityQuery.objects.filter(answered_at__isnull=False).count()
    )
    # Every answered query's clock stopped at its substantive reply.
    for query in CommunityQuery.objects.filter(answered_at__isnull=False)[:20]:
        assert query.replies.get(kind="substantive").sent_at == query.answered_at
    assert not CommunityQuery.objects.filter(status=Status.ESCALATED, escalated_at__isnull=True).exists()
    QueryReply.objects.all().delete()
    CommunityQuery.objects.all().delete()
    queries_demo_load(seed=3, today=date(2026, 6, 15), progress=lambda s: None)
    again = list(
        CommunityQuery.objects.order_by("reference").values_list("reference", "received_at", "status")
    )
    assert again == queries
