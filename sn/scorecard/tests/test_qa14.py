"""Defects found walking through the demo (QA of issue 14): a bad ?month=, links a reader cannot open, a
multi-ward reader's starting area, and the national return's figures."""

import csv
import io

import pytest
from django.urls import reverse

from sn.core.months import add_months, this_month
from sn.core.registries import SCORECARD_MEASURES, MeasureUnit, ScorecardMeasure
from sn.geography.models import Neighbourhood
from sn.geography.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

LAST = add_months(this_month(), -1)
BAD_MONTHS = ["garbage", "2026-13", "2099-01", "1900-01", "%00"]


def _measures(world):
    a1, a2, b1 = (world.wards[k].pk for k in ("a1", "a2", "b1"))

    def ratios(start, end):
        return {a1: (1, 4), a2: (3, 4), b1: (3, 10)}

    return [
        ScorecardMeasure("t_share", "Test share", "Share of things", "Tests", "percent", 1, ratios),
        ScorecardMeasure("t_count", "Test count", "Things counted", "Tests", MeasureUnit.COUNT, 2, ratios),
    ]


@pytest.mark.parametrize("bad", BAD_MONTHS)
def test_a_bad_month_is_a_400_naming_the_parameter_on_every_page(world, client_for, client, bad):
    ward = world.wards["a1"].code
    internal = client_for("central_unit")
    with SCORECARD_MEASURES.isolated(_measures(world)):
        for url, reader in [
            (reverse("scorecard:home"), internal),
            (reverse("scorecard:ward", args=[ward]), internal),
            (reverse("scorecard:borough", args=[world.boroughs["a"].code]), internal),
            (reverse("scorecard:community_force"), internal),
            (reverse("scorecard:community_ward", args=[ward]), internal),
            (reverse("scorecard:public_force"), client),
            (reverse("scorecard:public_ward", args=[ward]), client),
        ]:
            response = reader.get(url, {"month": bad})
            assert response.status_code == 400, url
            assert "month" in response.content.decode(), url


def test_a_good_month_on_the_public_page_is_the_month_shown(world, client):
    asked = add_months(LAST, -2)
    with SCORECARD_MEASURES.isolated(_measures(world)):
        page = client.get(reverse("scorecard:public_force"), {"month": f"{asked:%Y-%m}"})
    assert page.status_code == 200
    assert f"{asked:%B %Y}" in page.content.decode()


def test_the_return_writes_counts_as_integers_and_no_denominator_for_a_count(world, client_for):
    with SCORECARD_MEASURES.isolated(_measures(world)):
        response = client_for("central_unit").get(reverse("scorecard:export_csv"), {"month": f"{LAST:%Y-%m}"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    force_share = next(r for r in rows if r["measure_key"] == "t_share" and not r["borough_code"])
    assert (force_share["numerator"], force_share["denominator"]) == ("7", "18")
    force_count = next(r for r in rows if r["measure_key"] == "t_count" and not r["borough_code"])
    assert (force_count["numerator"], force_count["denominator"], force_count["value"]) == ("7", "", "7")


def test_the_return_marks_non_ward_areas_rows_apart_from_the_ward_rows(world, client_for):
    overlay = NeighbourhoodFactory(
        borough=world.boroughs["a"], code="NW-CPT", kind=Neighbourhood.Kind.NON_WARD
    )
    with SCORECARD_MEASURES.isolated(_measures(world)):
        response = client_for("central_unit").get(reverse("scorecard:export_csv"), {"month": f"{LAST:%Y-%m}"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # An overlay (ADR 0005) has no ONS code: its rows are there, so its borough adds up, but marked, so a
    # consumer taking the ward rows (area_type "ward") never reads its code as a ward's.
    assert overlay.code not in {r["ward_code"] for r in rows if r["area_type"] == "ward"}
    assert {r["area_type"] for r in rows if r["ward_code"] == overlay.code} == {"non_ward_area"}
