"""Issue 14 follow-ups: the national return has a row for every area a borough's total counts (wards and
non-ward areas, docs/adr/0005) so it adds up; a non-ward area is not called a ward; the figures' details
are readable (thousands separators, time in hours); a target is shown in its measure's unit."""

import csv
import io
import json

import pytest
from django.urls import reverse

from sn.core.registries import SCORECARD_MEASURES, MeasureUnit, ScorecardMeasure
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.scorecard.services import scorecard_snapshot_build
from sn.scorecard.tests.test_community import MONTH, days, duty, policy  # noqa: F401 (fixture)
from sn.scorecard.tests.test_scorecard import LAST
from sn.scorecard.views.export import EXPORT_HEADERS
from sn.scorecard.work_items import measures_below_target_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def overlay(world):
    return NeighbourhoodFactory(
        borough=world.boroughs["a"], cluster=None, kind="non_ward", code="NW-TC-1", name="Town centre"
    )


def _measures(world, overlay):
    a1, a2, b1 = (world.wards[k].pk for k in ("a1", "a2", "b1"))

    def ratios(start, end):
        return {a1: (1, 4), a2: (2, 5), b1: (3, 10), overlay.pk: (3, 4)}

    return [
        ScorecardMeasure("t_percent", "Share", "Counted", "Tests", MeasureUnit.PERCENT, 1, ratios),
        ScorecardMeasure("t_count", "Count", "Counted", "Tests", MeasureUnit.COUNT, 2, ratios),
        ScorecardMeasure(
            "t_mean", "Mean", "Counted", "Tests", MeasureUnit.MEAN, 3, ratios, unit_label="days"
        ),
    ]


def _sum(rows, column):
    return sum(float(r[column]) for r in rows)


def test_each_borough_row_of_the_return_is_the_sum_of_its_area_rows(world, overlay, client_for):
    with SCORECARD_MEASURES.isolated(_measures(world, overlay)):
        url = reverse("scorecard:export_csv") + f"?month={LAST:%Y-%m}"
        rows = list(
            csv.DictReader(io.StringIO(client_for("central_unit").get(url).content.decode("utf-8-sig")))
        )
        data = json.loads(
            client_for("central_unit").get(reverse("scorecard:export_json") + f"?month={LAST:%Y-%m}").content
        )
    # Existing consumers read the columns they know, in their places; the new one is last.
    assert EXPORT_HEADERS[:3] == ("force", "borough_code", "ward_code") and EXPORT_HEADERS[-1] == "area_type"
    assert set(data[0]) == set(EXPORT_HEADERS)
    town = [r for r in rows if r["ward_code"] == "NW-TC-1"]
    assert {r["area_type"] for r in town} == {"non_ward_area"} and len(town) == 3
    assert {r["area_type"] for r in rows if r["ward_code"] == world.wards["a1"].code} == {"ward"}
    for key in ("t_percent", "t_count", "t_mean"):
        mine = [r for r in rows if r["measure_key"] == key]
        force = [r for r in mine if r["area_type"] == "force"]
        boroughs = [r for r in mine if r["area_type"] == "borough"]
        assert len(force) == 1 and {b["borough_code"] for b in boroughs} == {
            b.code for b in world.boroughs.values()
        }
        for borough in boroughs:
            areas = [
                r
                for r in mine
                if r["borough_code"] == borough["borough_code"]
                and r["area_type"] in ("ward", "non_ward_area")
            ]
            assert float(borough["numerator"]) == _sum(areas, "numerator")
            if key != "t_count":
                assert float(borough["denominator"]) == _sum(areas, "denominator")
        assert float(force[0]["numerator"]) == _sum(boroughs, "numerator") == 9
    page = client_for("central_unit").get(reverse("scorecard:home")).content.decode()
    assert "adds up its wards' counts" not in page and "town-centre" in page


def test_a_non_ward_areas_scorecard_is_not_called_a_ward(world, overlay, client_for):
    with SCORECARD_MEASURES.isolated(_measures(world, overlay)):
        page = client_for("central_unit").get(reverse("scorecard:ward", args=["NW-TC-1"])).content.decode()
        ward = client_for("central_unit").get(reverse("scorecard:ward", args=[world.wards["a1"].code]))
    assert "Town centre ward" not in page and "Town centre area: the Guarantee scorecard" in page
    assert f"{world.wards['a1'].name} ward: the Guarantee scorecard" in ward.content.decode()


def test_details_have_separators_and_time_in_the_community_is_in_hours(world, client_for):
    a1 = world.wards["a1"].pk
    minutes = SCORECARD_MEASURES.get("community_time_share")
    entries = [
        ScorecardMeasure(
            "community_time_share",
            "Time in the community",
            "Minutes",
            "Time",
            MeasureUnit.PERCENT,
            1,
            lambda s, e: {a1: (40662240, 41443680)},
            target=minutes.target,
        ),
        ScorecardMeasure(
            "t_big", "Big", "Counted", "Tests", MeasureUnit.PERCENT, 2, lambda s, e: {a1: (1234, 5678)}
        ),
    ]
    with SCORECARD_MEASURES.isolated(entries):
        internal = client_for("central_unit").get(reverse("scorecard:home")).content.decode()
        public = client_for(None).get(reverse("scorecard:public_force")).content.decode()
    for page in (internal, public):
        assert "677,704 of 690,728 hours" in page and "40662240" not in page
        assert "(1,234 of 5,678)" in page


def test_community_time_pages_show_hours_with_separators(world, policy, client_for):  # noqa: F811
    for officer in ("pc_a", "pcso_a"):
        for day in days(31):
            duty(world, "a1", "SN", day, officer=world.officers[officer], hours=20)
    ward = reverse("scorecard:community_ward", args=[world.wards["a1"].code]) + f"?month={MONTH:%Y-%m}"
    borough = (
        reverse("scorecard:community_borough", args=[world.boroughs["a"].code]) + f"?month={MONTH:%Y-%m}"
    )
    # Each officer 620 hours on duty, all working time; the team (and its borough) 1,240.
    assert "620" in client_for("sergeant").get(ward).content.decode()
    assert "1,240" in client_for("central_unit").get(borough).content.decode()


def test_a_percent_targets_work_item_says_percent(world):
    a1 = world.wards["a1"].pk
    entry = ScorecardMeasure(
        "t_target",
        "Target thing",
        "Counted",
        "Tests",
        MeasureUnit.PERCENT,
        1,
        lambda s, e: {a1: (1, 4)},
        target=100,
    )
    with SCORECARD_MEASURES.isolated([entry]):
        scorecard_snapshot_build(month=LAST)
        items = measures_below_target_items(world.user("sergeant"))
    assert [item.detail for item in items] == ["Target 100%"]
