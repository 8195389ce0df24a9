"""A resident asks their ward team a question on the public form in a real Chromium and gets a reference
and the 72-hour promise; nobody answers, the clock runs out (the sweep is run at a later `now`), the
query is escalated and the resident is e-mailed how to seek recourse; the sergeant's queue shows it
breached and escalated. The pages pass axe at phone and desktop width."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from sn.queries.models import CommunityQuery, Status
from sn.queries.services import queries_sweep
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER
PHONE_375 = {"width": 375, "height": 812}


@pytest.mark.django_db(transaction=True)
def test_a_public_query_breaches_and_escalates(page, live_server):
    cache.clear()
    world = build_world()
    ward = world.wards["a1"]
    page.set_viewport_size(PHONE_375)
    page.goto(live_server.url + reverse("queries:ask", args=[ward.code]))
    assert not screen_problems(page, PHONE_375["width"])
    page.select_option("#id_sender_kind", "resident")
    page.fill("#id_sender_name", "Robin Resident")
    page.fill("#id_sender_email", "robin@example.org")
    page.fill("#id_subject", "Motorbikes in the park")
    page.fill("#id_text", "Motorbikes ride across the park every evening.")
    page.click("button:has-text('Send your question')")
    page.wait_for_selector(".govuk-panel")
    query = CommunityQuery.objects.get()
    assert query.reference in page.content()
    assert "72 hours" in page.content()

    # Time passes: 75 hours, with nobody answering. The sweep at a later `now` escalates it; the page, which
    # reads the real clock, sees it 75 hours later too because the query is moved back by as much.
    later = timezone.now() + timedelta(hours=75)
    summary = queries_sweep(now=later)
    assert summary["escalated"] == 1
    query.refresh_from_db()
    assert query.status == Status.ESCALATED and query.breach_notified_at is not None
    assert [m.to for m in mail.outbox] == [["robin@example.org"]]
    assert "IOPC" in mail.outbox[0].body

    shift = timedelta(hours=75)
    CommunityQuery.objects.filter(pk=query.pk).update(
        received_at=query.received_at - shift,
        due_at=query.due_at - shift,
        escalated_at=query.escalated_at - shift,
        breach_notified_at=query.breach_notified_at - shift,
    )
    sign_in(page, live_server, world.user("sergeant"))
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("queries:queue"))
    row = page.locator(f"tr[data-reference='{query.reference}']")
    assert "Escalated" in row.text_content()
    assert "Breached by 3 hours" in row.text_content()
    for size in (PHONE_375, DESKTOP):
        page.set_viewport_size(size)
        assert not screen_problems(page, size["width"])
