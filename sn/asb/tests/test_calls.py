"""Imported ASB calls become ASB reports at import when their location matches a victim or place the
ward already knows (the point of a call already linked to them); the Case Review threshold runs on
them; calls that match nothing, or more than one place, are left for staff to link; importing the
same file again makes no second report."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sn.asb.models import AsbCase, AsbReport
from sn.asb.services import asb_calls_link, asb_report_record
from sn.asb.tests.factories import ANSWERS_LOW
from sn.core.models import AuditEvent
from sn.rosters.importing import calls_import
from sn.rosters.models import CallForService

pytestmark = pytest.mark.django_db

# Ward a1 is the square of the grid from (-0.20, 51.50) to (-0.19, 51.51) (sn.testing.world).
HOME = (51.505, -0.195)
NEXT_DOOR = (51.50505, -0.19505)  # about 7 m away: the same place as the control room geocodes it
ACROSS_THE_WARD = (51.508, -0.192)


def _call(world, point, *, hours_ago: float, reference: str, kind="Anti-social behaviour", ward="a1"):
    return CallForService.objects.create(
        received_at=timezone.now() - timedelta(hours=hours_ago),
        neighbourhood=world.wards[ward],
        latitude=point[0],
        longitude=point[1],
        call_type=kind,
        source_reference=reference,
    )


def _linked_by_hand(world, point=HOME, *, name="Ann Victim", address="12 High Street", days_ago=20):
    """A victim whose first report staff linked to the call it came from: the place's point is known."""
    call = _call(world, point, hours_ago=24 * days_ago, reference=f"ref:HAND-{name}")
    return asb_report_record(
        actor=world.user("sergeant"),
        neighbourhood=world.wards["a1"],
        incident_date=timezone.localdate(call.received_at),
        reported_at=call.received_at,
        description="Stones thrown at the window",
        person_name=name,
        address_text=address,
        channel=AsbReport.Channel.CALL,
        call=call,
        answers=ANSWERS_LOW,
    )


def _file(tmp_path, rows: list[tuple], name="calls.csv"):
    lines = ["time,location,type,reference"]
    for when, point, kind, reference in rows:
        lines.append(f'{timezone.localtime(when):%Y-%m-%d %H:%M},"{point[0]},{point[1]}",{kind},{reference}')
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def test_imported_asb_calls_at_a_known_place_become_reports_and_flag_the_case(
    world, tmp_path, django_capture_on_commit_callbacks
):
    first = _linked_by_hand(world)
    now = timezone.now()
    path = _file(
        tmp_path,
        [
            (now - timedelta(days=9), NEXT_DOOR, "Anti-social behaviour", "CAD-2"),
            (now - timedelta(days=2), HOME, "Noise nuisance", "CAD-3"),
            (now - timedelta(days=1), HOME, "Road traffic", "CAD-4"),  # not ASB
            (now - timedelta(days=1), ACROSS_THE_WARD, "Anti-social behaviour", "CAD-5"),  # unknown place
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        calls_import(path=path)
    case = AsbCase.objects.get()
    reports = list(case.reports.order_by("reported_at"))
    assert [r.call.source_reference for r in reports[1:]] == ["ref:CAD-2", "ref:CAD-3"]
    assert all(r.channel == "call" and r.person_id == first.person_id for r in reports[1:])
    assert all(r.address_id == first.address_id for r in reports[1:])
    assert reports[1].incident_date == timezone.localdate(reports[1].call.received_at)
    # The third report across channels meets the threshold, before the victim asked.
    assert case.case_review_flagged_at is not None and case.reviews.count() == 1
    made = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(AsbReport),
        object_id__in=[str(r.pk) for r in reports[1:]],
        action=AuditEvent.Action.CREATE,
    )
    assert made.count() == 2 and all(e.context.startswith("import-calls") for e in made)
    assert AsbReport.objects.filter(call__source_reference="ref:CAD-5").count() == 0


def test_importing_the_same_file_again_makes_no_second_report(
    world, tmp_path, django_capture_on_commit_callbacks
):
    _linked_by_hand(world)
    path = _file(tmp_path, [(timezone.now() - timedelta(days=3), HOME, "Anti-social behaviour", "CAD-7")])
    with django_capture_on_commit_callbacks(execute=True):
        calls_import(path=path)
        calls_import(path=_file(tmp_path, [], "empty.csv"))
    with django_capture_on_commit_callbacks(execute=True):
        calls_import(path=path)
    assert AsbReport.objects.filter(call__source_reference="ref:CAD-7").count() == 1
    assert asb_calls_link(calls=CallForService.objects.all()).linked == 0


def test_a_place_with_two_addresses_at_one_point_is_left_for_staff(world):
    _linked_by_hand(world, name="Flat 1 Victim", address="Flat 1, Kings Court")
    _linked_by_hand(world, name="Flat 2 Victim", address="Flat 2, Kings Court")
    call = _call(world, HOME, hours_ago=5, reference="ref:CAD-8")
    result = asb_calls_link(calls=CallForService.objects.filter(pk=call.pk))
    assert (result.linked, result.unmatched) == (0, 1)
    assert not call.asb_reports.exists()


def test_two_victims_at_one_address_join_the_address_only(world):
    first = _linked_by_hand(world, name="Ann Victim", address="3 Mill Lane")
    _linked_by_hand(world, name="Bob Victim", address="3 Mill Lane", days_ago=15)
    call = _call(world, HOME, hours_ago=5, reference="ref:CAD-9")
    assert asb_calls_link(calls=CallForService.objects.filter(pk=call.pk)).linked == 1
    report = call.asb_reports.get()
    assert report.person_id is None and report.address_id == first.address_id
    assert report.case_id == first.case_id  # the address's open case


def test_a_closed_case_leaves_the_call_to_a_new_case_with_the_same_owner(world):
    first = _linked_by_hand(world)
    AsbCase.objects.filter(pk=first.case_id).update(status=AsbCase.Status.CLOSED)
    call = _call(world, HOME, hours_ago=5, reference="ref:CAD-10")
    asb_calls_link(calls=CallForService.objects.filter(pk=call.pk))
    report = call.asb_reports.get()
    assert report.case_id != first.case_id and report.case.status == AsbCase.Status.OPEN
    assert report.case.owner == first.case.owner


def test_an_erased_victim_is_not_matched(world):
    from sn.asb.services import asb_person_erase

    first = _linked_by_hand(world)
    asb_person_erase(person=first.person)
    call = _call(world, HOME, hours_ago=5, reference="ref:CAD-11")
    assert asb_calls_link(calls=CallForService.objects.filter(pk=call.pk)).unmatched == 1


def test_calls_in_the_future_wait_for_their_time(world):
    _linked_by_hand(world)
    call = _call(world, HOME, hours_ago=-3, reference="ref:CAD-12")
    assert asb_calls_link(calls=CallForService.objects.filter(pk=call.pk)).linked == 0


def test_the_command_links_calls_imported_before(world, capsys):
    _linked_by_hand(world)
    _call(world, HOME, hours_ago=30, reference="ref:CAD-13")
    call_command("asb-link-calls")
    assert "1 ASB call became a report" in capsys.readouterr().out
    assert AsbReport.objects.filter(call__source_reference="ref:CAD-13").exists()


def test_calls_left_to_link_are_listed_for_staff_in_scope(client_for, world):
    _call(world, ACROSS_THE_WARD, hours_ago=5, reference="ref:CAD-14")
    _call(world, (None, None), hours_ago=5, reference="ref:CAD-15", ward="b1")
    linked = _linked_by_hand(world)
    page = client_for("sergeant").get(reverse("asb:calls")).content.decode()
    assert "CAD-14" in page and linked.call.source_reference.removeprefix("ref:") not in page
    url = reverse("asb:report_new") + f"?ward={world.wards['a1'].code}&amp;call="
    assert url in page and "CAD-15" not in page  # another borough's call


def test_the_report_form_starts_from_the_call_to_link(client_for, world):
    call = _call(world, ACROSS_THE_WARD, hours_ago=5, reference="ref:CAD-16")
    client = client_for("team_officer")
    url = reverse("asb:report_new") + f"?ward={world.wards['a1'].code}"
    page = client.get(f"{url}&call={call.pk}").content.decode()
    assert f'<option value="{call.pk}" selected>' in page
    assert timezone.localtime(call.received_at).strftime("%Y-%m-%dT%H:%M") in page
    response = client.get(f"{url}&call=999999")
    assert response.status_code == 400 and "call" in response.content.decode()
