"""Issue 10's cycle end to end in a real Chromium, by the real roles, each signing in through the sign-in
page as themselves: the ward's PC opens a case for the panel's priority from the ward page and works it
through scanning, analysis (with the ward's incident data on the page) and the response; the sergeant
invites the borough council and gives interventions to the PC and to a council officer; the partner sees
only that case (and the resident's concern behind it by topic and date only), adds updates and completes
their work (and cannot complete the PC's); the PC completes
theirs and records the assessment from the data (previewed, then saved, the figures beside the
judgement); the panel's chair, refused while the case was unassessed, now signs the priority off; the
sergeant endorses; the "You said, we did" statement is approved and published, and the chair sees it on
the priority's page. The pages are checked at phone width (375 px) and by axe on the way, and no script
fails and no file the pages load is missing."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from sn.concerns.taxonomy import Topic
from sn.concerns.tests.factories import ConcernFactory
from sn.core.months import add_months, month_span
from sn.incidents.categories import Category
from sn.incidents.rollup import counts_load
from sn.incidents.tests.factories import IncidentFactory
from sn.panels.models import Priority
from sn.panels.selectors import published_statements
from sn.panels.tests.factories import MeetingFactory, at_seven_pm
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.models import Assessment, Case, CaseInvitation, Intervention
from sn.problemsolving.tests.factories import CaseFactory
from sn.testing.axe import DESKTOP, axe_violations, page_width
from sn.testing.browser import BROWSER
from sn.testing.world import PASSWORD, build_world

pytestmark = BROWSER

PHONE = {"width": 375, "height": 812}
BURGLARY = Category.BURGLARY.value
# The ward's burglaries each month before the response and after it; every other ward stays level.
WARD_BEFORE, WARD_AFTER, ELSEWHERE = 20, 8, 30
# The response starts six months ago: six complete months each side, and a year before for the series.
RESPONSE_MONTHS_AGO = 6
DATA_MONTHS = 24


def open_menu(page) -> None:
    """At phone width the header's links sit behind its Menu button."""
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
        menu.click()


def sign_in_as(page, live_server, user) -> None:
    """Sign the previous user out and this one in, through the header and the sign-in page."""
    page.goto(f"{live_server.url}/")
    if page.locator(".sn-signed-in").count():
        open_menu(page)
        submit(page, "Sign out")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")
    assert f"Signed in as {user.get_full_name()}" in page.locator(".sn-signed-in").inner_text()


def submit(page, name: str = "Save") -> None:
    """Post the form and wait for the page that answers, so that what the test reads next is written.
    Every form of the cycle is filled on a phone: it must fit one and pass axe, filled in as it is."""
    assert fits_a_phone(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def status_of(page, path: str, live_server) -> int:
    return page.goto(f"{live_server.url}{path}").status


def fits_a_phone(page) -> list[str]:
    problems = axe_violations(page)
    if (width := page_width(page)) > PHONE["width"]:
        problems.append(f"{page.url} is {width} px wide on a {PHONE['width']} px phone")
    return problems


def watch_for_errors(page) -> list[str]:
    """What goes wrong in the page's scripts and resources while the test runs. A script the content
    security policy blocks is only a console error, a missing file a failed response; the pages refused
    on purpose are documents, and Chromium's console line for them is not counted."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def console(message) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def response(response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            errors.append(f"{response.status} {response.url}")

    page.on("console", console)
    page.on("response", response)
    return errors


def ward_incident_data(world, this_month) -> None:
    """Two years of ward counts of burglary in borough A (and b1 across the boundary), loaded as the
    incidents app loads a counts table, with a few police.uk points in the problem period for the map."""
    response_month = add_months(this_month, -RESPONSE_MONTHS_AGO)
    months = month_span(add_months(this_month, -1), DATA_MONTHS)
    counts = []
    for month in months:
        for key in ("a1", "a2", "a3", "a4", "b1"):
            if key == "a1":
                n = WARD_AFTER if month >= response_month else WARD_BEFORE
            else:
                n = ELSEWHERE
            counts.append((world.wards[key].pk, month, BURGLARY, n))
    counts_load(counts=counts, cells={(m, BURGLARY) for m in months}, label="Test ward counts")
    for i in range(3):
        IncidentFactory(
            neighbourhood=world.wards["a1"],
            day=add_months(this_month, -2 - i),
            category=BURGLARY,
            street="Elm Road",
        )


@pytest.mark.django_db(transaction=True)
def test_a_priority_is_worked_as_a_case_with_a_partner_assessed_signed_off_and_published(page, live_server):
    world = build_world()
    ward = world.wards["a1"]
    setup = ward_panel_setup(world, "a1")  # the panel, its chair (the panel member user), a priority
    priority = setup.priority
    today = timezone.localdate()
    this_month = today.replace(day=1)
    ward_incident_data(world, this_month)
    # What a resident told the police, behind the priority: the case links it, a partner never reads it.
    concern = ConcernFactory(
        neighbourhood=ward,
        topic=Topic.BURGLARY,
        description="Mrs Patel at 14 Elm Road says her shed was broken into twice",
        location="14 Elm Road",
    )
    priority.concerns.add(concern)
    # The panel's latest meeting, held last night, is where it reviews the priority.
    review_meeting = MeetingFactory(panel=setup.panel, starts_at=at_seven_pm(today - timedelta(days=1)))
    # Another case of the ward, to which no partner is invited.
    other_case = CaseFactory(neighbourhood=ward, owner=world.officers["pc_a"], title="Graffiti on the parade")
    pc, sergeant = world.user("team_officer"), world.user("sergeant")
    partner, chair = world.user("partner"), world.user("panel_member")
    council = partner.partner_organisation
    errors = watch_for_errors(page)
    page.set_viewport_size(PHONE)

    # The PC opens the priority's case from the ward page.
    sign_in_as(page, live_server, pc)
    page.goto(f"{live_server.url}/wards/{ward.code}/")
    page.get_by_role("link", name=re.compile(rf"Open its case\W+{re.escape(priority.wording)}")).click()
    page.wait_for_load_state()
    assert page.get_by_label("The priority it works").input_value() == str(priority.pk)
    page.get_by_label("Problem statement").fill("Sheds and rear doors broken into at night on the estate.")
    submit(page)
    case = Case.objects.get(priority=priority)
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert list(case.concerns.all()) == [concern]
    assert case.owner == world.officers["pc_a"] and case.stage == Case.Stage.SCANNING

    # Scanning: the statement, the place, the period and the categories.
    page.get_by_role("link", name="Change the scanning").click()
    page.get_by_label("Title").fill("Burglary on the Elm estate")
    page.get_by_label("Problem statement").fill(
        "Sheds and rear doors on the Elm estate are broken into at night, mostly through the alleys."
    )
    page.get_by_label("The whole ward").check()
    page.get_by_label("Problem period: first month").fill(add_months(this_month, -12).isoformat())
    page.get_by_label("Problem period: last month").fill(add_months(this_month, -1).isoformat())
    page.get_by_label("Burglary", exact=True).check()
    submit(page)
    page.wait_for_selector("text=Scanning saved")
    case.refresh_from_db()
    assert (case.title, case.place, case.categories) == ("Burglary on the Elm estate", "ward", [BURGLARY])
    assert case.period_start == add_months(this_month, -12)

    # Analysis: the problem-analysis triangle; the ward's incident data shows beside it.
    page.get_by_role("link", name="Change the analysis").click()
    page.get_by_label("Victim or target").fill("Households backing onto the alleys")
    page.get_by_label("Offender").fill("A small group of local teenagers")
    page.get_by_label("Location", exact=True).fill("The unlit alleys behind Elm Road")
    page.get_by_label("Guardian").fill("Neighbours and Neighbourhood Watch")
    page.get_by_label("Handler").fill("Parents and the youth service")
    page.get_by_label("Manager").fill("The council, which owns the alleys")
    page.get_by_label("What the analysis found").fill("Open, dark alleys give easy access to the gardens.")
    submit(page)
    page.wait_for_selector("text=Analysis saved")
    case.refresh_from_db()
    assert case.manager == "The council, which owns the alleys"
    data = page.locator("#section-analysis-data")
    assert "from the ward's monthly figures" in data.inner_text()
    assert "On or near Elm Road" in data.inner_text()  # the top location of the problem period
    page.wait_for_selector("#analysis-data-chart[data-drawn]")

    # Response: two options weighed, one chosen, and the response started six months ago.
    page.get_by_role("link", name="Add a response option").click()
    page.get_by_label("Option", exact=True).fill("Alley gates and lighting")
    page.get_by_label("Chosen for the response").check()
    page.get_by_label("Reason").fill("Most entries were from the alleys; gating them closes the route.")
    submit(page)
    page.get_by_role("link", name="Add a response option").click()
    page.get_by_label("Option", exact=True).fill("Plain-clothes patrols every night")
    page.get_by_label("Reason").fill("Not chosen: the team cannot sustain it and it moves the problem on.")
    submit(page)
    started = add_months(this_month, -RESPONSE_MONTHS_AGO) + timedelta(days=4)
    page.get_by_role("link", name="Start the response").click()
    page.get_by_label("The response started on").fill(started.isoformat())
    submit(page, "Start the response")
    page.wait_for_selector("text=The response has started")
    case.refresh_from_db()
    assert case.response_started_on == started
    assert list(case.options.values_list("description", "chosen")) == [
        ("Alley gates and lighting", True),
        ("Plain-clothes patrols every night", False),
    ]

    # The sergeant invites the council and gives out the interventions: one to the PC, one to the council.
    sign_in_as(page, live_server, sergeant)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Invite a partner organisation").click()
    page.get_by_label("Organisation").select_option(label=council.name)
    submit(page, "Invite")
    page.wait_for_selector(f"text={council.name} invited")
    assert CaseInvitation.objects.filter(case=case, organisation=council, removed_at=None).exists()
    due = today + timedelta(days=28)
    page.get_by_role("link", name="Add an intervention").click()
    page.get_by_label("What is to be done").fill(
        "Visit every household on Elm Road with crime prevention advice"
    )
    page.get_by_label("Police", exact=True).check()
    page.get_by_label("Police: the officer who owns it").select_option(str(world.officers["pc_a"].pk))
    page.get_by_label("Due by").fill(due.isoformat())
    submit(page)
    page.get_by_role("link", name="Add an intervention").click()
    page.get_by_label("What is to be done").fill("Fit gates and lights to the alleys behind Elm Road")
    page.get_by_label("Partner organisation", exact=True).check()
    page.get_by_label("Partner: the organisation").select_option(label=council.name)
    page.get_by_label("Partner: the person who owns it").select_option(str(partner.pk))
    page.get_by_label("Due by").fill(due.isoformat())
    submit(page)
    police = Intervention.objects.get(case=case, delivered_by=Intervention.DeliveredBy.POLICE)
    works = Intervention.objects.get(case=case, delivered_by=Intervention.DeliveredBy.PARTNER)
    assert (police.owner_officer, works.organisation, works.owner_user) == (
        world.officers["pc_a"],
        council,
        partner,
    )
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert fits_a_phone(page) == []

    # The partner sees that case and no other of the ward, adds an update and completes their work.
    sign_in_as(page, live_server, partner)
    open_menu(page)
    page.get_by_role("link", name="Cases", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/partners/cases/")
    listed = page.locator("main").inner_text()
    assert case.reference in listed and other_case.reference not in listed
    assert fits_a_phone(page) == []
    page.get_by_role("link", name=f"{case.reference} Burglary on the Elm estate").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/partners/cases/{case.pk}/")
    assert fits_a_phone(page) == []
    on_the_page = page.locator("main").inner_text()
    assert "Burglary, raised" in on_the_page  # the concern by its topic and date only
    assert "Patel" not in on_the_page and "14 Elm Road" not in on_the_page
    # The ward's other case is not theirs to see: not found at their address, forbidden at the police's.
    assert status_of(page, f"/partners/cases/{other_case.pk}/", live_server) == 404
    assert status_of(page, f"/cases/{other_case.pk}/", live_server) == 403
    page.goto(f"{live_server.url}/partners/cases/{case.pk}/")
    page.locator("#section-updates").get_by_role("link", name="Add an update").click()
    page.get_by_label("Update").fill("Survey of the alleys done; gates ordered for four of them.")
    submit(page)
    page.wait_for_selector("text=Update added")
    assert "Survey of the alleys done" in page.locator("#section-updates").inner_text()
    assert council.name in page.locator("#section-updates").inner_text()
    page.get_by_role("link", name=re.compile(rf"Add an update\W+{re.escape(works.description)}")).click()
    page.get_by_label("Update").fill("Gates arrive next week; the lighting contractor is booked.")
    submit(page)
    assert works.updates.get().author == partner
    page.get_by_role("link", name=re.compile(rf"Mark done\W+{re.escape(works.description)}")).click()
    page.get_by_label("What was done and what came of it").fill("Gates fitted to four alleys; six lights.")
    submit(page, "Mark done")
    works.refresh_from_db()
    assert works.status == Intervention.Status.DONE and works.completed_by == partner
    # Bad input: the PC's intervention is not theirs to complete, whichever address they try.
    assert status_of(page, f"/partners/interventions/{police.pk}/done/", live_server) == 404
    assert status_of(page, f"/cases/interventions/{police.pk}/done/", live_server) == 403
    police.refresh_from_db()
    assert police.status == Intervention.Status.PLANNED

    # The PC completes theirs.
    sign_in_as(page, live_server, pc)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name=re.compile(rf"Mark done\W+{re.escape(police.description)}")).click()
    page.get_by_label("What was done and what came of it").fill("All 64 households visited; 12 bought locks.")
    submit(page, "Mark done")
    police.refresh_from_db()
    assert police.status == Intervention.Status.DONE and police.completed_by == pc

    # The panel's chair tries to sign the priority off before the case is assessed: refused by the gate.
    sign_in_as(page, live_server, chair)
    review_url = f"{live_server.url}/panels/meetings/{review_meeting.pk}/reviews/{priority.pk}/"
    page.goto(review_url)
    page.get_by_label("The panel judges it resolved").check()
    page.get_by_label("The panel's review").fill("Residents say the alleys are quiet now.")
    submit(page)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "It cannot be signed off yet" in summary
    assert "has no assessment of its impact yet" in summary
    assert fits_a_phone(page) == []
    priority.refresh_from_db()
    assert priority.status == Priority.Status.ACTIVE

    # The PC records the assessment: the months compared, previewed, then saved with the judgement.
    sign_in_as(page, live_server, pc)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Record the assessment").click()
    before = month_span(add_months(this_month, -RESPONSE_MONTHS_AGO - 1), 6)
    after = month_span(add_months(this_month, -1), 6)
    page.get_by_label("First month before the response").fill(f"{before[0]:%Y-%m}")
    page.get_by_label("Last month before the response").fill(f"{before[-1]:%Y-%m}")
    page.get_by_label("First month after the response began").fill(f"{after[0]:%Y-%m}")
    page.get_by_label("Last month after the response began").fill(f"{after[-1]:%Y-%m}")
    page.get_by_role("button", name="Compute the figures").click()
    page.wait_for_selector("text=What these months show")
    sentence = f"fell by 60% more than in the rest of {ward.borough.name}"
    assert sentence in page.inner_text("#assessment-preview")
    assert not Assessment.objects.exists()
    assert fits_a_phone(page) == []
    page.get_by_label("Reduced").check()
    page.get_by_label("Evidence").fill(
        "Burglary fell by more than half once the gates went in; residents agree."
    )
    submit(page, "Record the assessment")
    page.wait_for_selector("#section-assessment")
    assessment = Assessment.objects.get(case=case)
    assert (assessment.before_start, assessment.after_end) == (before[0], after[-1])
    assert (assessment.figures["area_before"], assessment.figures["area_after"]) == (120, 48)
    assert assessment.outcome == Assessment.Outcome.REDUCED and assessment.recorded_by == pc
    section = page.locator("#section-assessment").inner_text()
    assert "Reduced" in section and sentence in section and "once the gates went in" in section
    assert fits_a_phone(page) == []
    # On a desktop the figures stand beside the judgement, not below it.
    page.set_viewport_size(DESKTOP)
    judgement = page.get_by_role("heading", name="The team's judgement").bounding_box()
    figures = page.get_by_role("heading", name="The figures").bounding_box()
    assert figures["x"] > judgement["x"] + judgement["width"] and abs(figures["y"] - judgement["y"]) < 5
    page.set_viewport_size(PHONE)

    # The panel's chair signs it off at last night's meeting; the sergeant endorses and it closes.
    sign_in_as(page, live_server, chair)
    page.goto(review_url)
    page.get_by_label("The panel judges it resolved").check()
    page.get_by_label("The panel's review").fill("Residents say the alleys are quiet now.")
    submit(page)
    priority.refresh_from_db()
    assert priority.status == Priority.Status.PANEL_RESOLVED
    sign_in_as(page, live_server, sergeant)
    page.goto(f"{live_server.url}/panels/priorities/{priority.pk}/endorse/")
    page.get_by_label("Endorse the panel's sign-off: close the priority").check()
    submit(page)
    priority.refresh_from_db()
    assert priority.status == Priority.Status.CLOSED and priority.endorsed_by == sergeant

    # "You said, we did": drafted by the PC, approved by the sergeant, published by the PC.
    sign_in_as(page, live_server, pc)
    page.goto(f"{live_server.url}/panels/priorities/{priority.pk}/statement/")
    page.get_by_label("You said").fill("Sheds and homes on the Elm estate were being broken into.")
    page.get_by_label("We did").fill("The council gated and lit the alleys; we visited every household.")
    page.get_by_label("Send it to the sergeant for approval").check()
    submit(page)
    sign_in_as(page, live_server, sergeant)
    page.goto(f"{live_server.url}/panels/priorities/{priority.pk}/statement/approve/")
    page.get_by_label("Approve it for publication").check()
    submit(page)
    assert not list(published_statements(ward))
    sign_in_as(page, live_server, pc)
    page.goto(f"{live_server.url}/panels/priorities/{priority.pk}/statement/publish/")
    submit(page, "Publish")
    (statement,) = published_statements(ward)
    assert statement.priority == priority

    # It is where published statements are read: the priority's page, which the panel's chair reaches
    # from the ward's page through its priorities past and present.
    sign_in_as(page, live_server, chair)
    page.goto(f"{live_server.url}/wards/{ward.code}/")
    page.get_by_role("link", name="Priorities past and present").click()
    page.get_by_role("link", name=priority.wording).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/panels/priorities/{priority.pk}/")
    shown = page.locator("main").inner_text()
    assert "Published" in shown and "gated and lit the alleys" in shown
    assert fits_a_phone(page) == []
    assert errors == []
