"""The duties pages: the sergeant records and corrects with refusals on the form; the central unit
sets the policy."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.workforce.models import AbstractionPolicy, Duty
from sn.workforce.tests.factories import abstraction_policy_seed, duty_codes_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def codes(db):
    return duty_codes_seed()


def form_data(world, codes, **overrides):
    return {
        "officer": world.officers["pc_a"].pk,
        "day": "2024-03-04",
        "start": "07:00",
        "end": "15:00",
        "code": codes["SN"].pk,
        "ward": "",
        "note": "",
        **overrides,
    }


def test_the_sergeant_records_a_duty_and_sees_it_in_the_week(world, codes, client_for):
    client = client_for("sergeant")
    url = reverse("workforce:duty_new", args=[world.wards["a1"].code])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(world, codes))
    assert response.status_code == 302 and response["Location"].endswith("?week=2024-03-04")
    duty = Duty.objects.get()
    assert duty.neighbourhood == world.wards["a1"]
    page = client.get(response["Location"]).content.decode()
    assert "07:00–15:00" in page and world.officers["pc_a"].full_name in page


def test_an_overlap_is_refused_on_the_form_naming_the_start(world, codes, client_for):
    client = client_for("sergeant")
    url = reverse("workforce:duty_new", args=[world.wards["a1"].code])
    client.post(url, form_data(world, codes))
    response = client.post(url, form_data(world, codes, start="10:00", end="18:00"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "duties may not overlap" in page
    assert 'href="#id_start"' in page
    assert Duty.objects.count() == 1


def test_an_abstraction_with_a_ward_is_refused_naming_the_ward(world, codes, client_for):
    client = client_for("sergeant")
    url = reverse("workforce:duty_new", args=[world.wards["a1"].code])
    response = client.post(url, form_data(world, codes, code=codes["AL"].pk, ward=world.wards["a1"].pk))
    assert 'href="#id_ward"' in response.content.decode()
    assert not Duty.objects.exists()


def test_the_sergeant_corrects_and_deletes_a_duty(world, codes, client_for):
    client = client_for("sergeant")
    client.post(reverse("workforce:duty_new", args=[world.wards["a1"].code]), form_data(world, codes))
    duty = Duty.objects.get()
    edit = reverse("workforce:duty_edit", args=[duty.pk])
    assert 'value="07:00"' in client.get(edit).content.decode()
    response = client.post(edit, form_data(world, codes, end="17:00", code=codes["TRG"].pk))
    assert response.status_code == 302
    duty.refresh_from_db()
    assert duty.minutes == 600 and duty.neighbourhood is None
    delete = reverse("workforce:duty_delete", args=[duty.pk])
    assert "Delete" in client.get(delete).content.decode()
    client.post(delete)
    assert not Duty.objects.exists()


def test_a_bad_week_is_a_clear_400(world, client_for):
    response = client_for("sergeant").get(
        reverse("workforce:team_duties", args=[world.wards["a1"].code]) + "?week=soon"
    )
    assert response.status_code == 400 and "2026-03-30" in response.content.decode()


def test_the_central_unit_sets_a_new_policy_and_the_history_stays(world, client_for):
    first = abstraction_policy_seed()
    client = client_for("central_unit")
    url = reverse("workforce:abstraction_policy")
    page = client.get(url).content.decode()
    assert "In force since 1 January 2006" in page and "2.00%" in page
    start = timezone.localdate() + timedelta(days=30)
    exempt = list(first.exempt_reasons.values_list("pk", flat=True))
    response = client.post(
        url,
        {
            "effective_from": start.isoformat(),
            "target_rate": "1.50",
            "exempt_reasons": exempt,
            "note": "Tighter",
        },
    )
    assert response.status_code == 302
    assert AbstractionPolicy.objects.count() == 2
    first.refresh_from_db()
    assert first.target_rate == Decimal("2.00")
    new = AbstractionPolicy.objects.get(effective_from=start)
    assert new.target_rate == Decimal("1.50") and new.exempt_reasons.count() == 3
    page = client.get(url).content.decode()
    assert "Planned" in page


def test_a_policy_in_the_past_or_on_a_taken_date_is_refused(world, client_for):
    abstraction_policy_seed()
    client = client_for("central_unit")
    url = reverse("workforce:abstraction_policy")
    response = client.post(url, {"effective_from": "2006-01-01", "target_rate": "1.00"})
    assert "cannot start in the past" in response.content.decode()
    assert AbstractionPolicy.objects.count() == 1


def test_the_code_table_lists_the_codes(world, codes, client_for):
    page = client_for("central_unit").get(reverse("workforce:duty_codes")).content.decode()
    for code in ("SN", "AL", "TRG", "PO", "AB"):
        assert f">{code}<" in page


def test_the_ward_panel_and_the_header_link(world, codes, client_for):
    from sn.workforce.hooks_duties import _duties_link, duties_panel

    assert _duties_link(world.user("sergeant")) == reverse(
        "workforce:team_duties", args=[world.wards["a1"].code]
    )
    assert _duties_link(world.user("central_unit")) == reverse("workforce:abstraction_policy")
    assert _duties_link(world.user("panel_member")) is None
    panel = duties_panel(world.user("sergeant"), world.wards["a1"])
    assert panel["rostered_hours"] == 0 and panel["team"] == world.teams["a1"]
    assert duties_panel(world.user("sergeant"), world.wards["b1"]) is None
    assert date.today()
