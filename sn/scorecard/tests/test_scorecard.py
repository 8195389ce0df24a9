"""The scorecard: sums (never averages of ratios) to borough and force, the three units, history,
snapshots against live figures, the export, the public pages, and a figure without a definition."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sn.core.audit import AuditEvent
from sn.core.months import add_months, this_month
from sn.core.registries import SCORECARD_MEASURES, MeasureUnit, ScorecardMeasure
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.scorecard.models import ScorecardSnapshot
from sn.scorecard.selectors import Area, UnknownMeasure, area_figures, figure, scorecard
from sn.scorecard.services import scorecard_snapshot_build
from sn.scorecard.work_items import measures_below_target_items

pytestmark = pytest.mark.django_db

LAST = add_months(this_month(), -1)


def measures_for(world, *, public_count: bool = True):
    """Three test measures with fixed figures: a1 1/1 (100%), a2 1/9, b1 3/10 (and a COUNT, a MEAN)."""
    a1, a2, b1 = (world.wards[k].pk for k in ("a1", "a2", "b1"))

    def ratios(start, end):
        return {a1: (1, 1), a2: (1, 9), b1: (3, 10)}

    return [
        ScorecardMeasure("t_percent", "Test share", "Share of things", "Tests", "percent", 1, ratios),
        ScorecardMeasure(
            "t_count", "Test count", "Things counted", "Tests", "count", 2, ratios, public=public_count
        ),
        ScorecardMeasure(
            "t_mean", "Test mean", "Hours per thing", "Tests", MeasureUnit.MEAN, 3, ratios, unit_label="hours"
        ),
    ]


def _figures(world, area, month=LAST):
    found = area_figures(area, [month])
    return {key: found[(key, month)] for key in SCORECARD_MEASURES.keys()}


def test_borough_and_force_sum_numerators_and_denominators(world):
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        ward = _figures(world, Area.of_ward(world.wards["a2"]))
        borough = _figures(world, Area.of_borough(world.boroughs["a"]))
        force = _figures(world, Area.force())
    assert ward["t_percent"].value == pytest.approx(100 / 9)
    # Borough A: (1 + 1) / (1 + 9) = 20%, not the mean of 100% and 11.1%.
    assert borough["t_percent"].value == pytest.approx(20.0)
    assert force["t_percent"].value == pytest.approx(100 * 5 / 20)
    assert force["t_count"].value == 5 and force["t_count"].shown == "5"
    assert force["t_mean"].value == pytest.approx(0.25) and force["t_mean"].shown == "0.2 hours"


def test_no_denominator_is_no_data_not_zero(world):
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        empty = _figures(world, Area.of_ward(world.wards["a3"]))
    assert empty["t_percent"].value is None and empty["t_percent"].shown == "No data"
    assert empty["t_count"].value == 0


def test_a_figure_of_an_unknown_measure_is_refused(world):
    with SCORECARD_MEASURES.isolated([]), pytest.raises(UnknownMeasure, match="needs a definition"):
        figure("nobody_defined_this", LAST, 1, 2)


def test_a_measure_without_a_definition_cannot_be_registered():
    with pytest.raises(ValueError, match="needs a definition"):
        ScorecardMeasure("x", "X", "  ", "Tests", MeasureUnit.COUNT, 1, lambda s, e: {})


def test_every_registered_measure_has_a_definition_and_a_known_unit():
    assert len(SCORECARD_MEASURES) >= 2  # time in the community, at least
    for entry in SCORECARD_MEASURES:
        assert entry.definition_text, entry.key
        assert entry.unit in (MeasureUnit.PERCENT, MeasureUnit.COUNT, MeasureUnit.MEAN), entry.key


def test_history_is_twelve_months_oldest_first(world):
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        parts = scorecard(Area.force(), LAST)
    line = parts[0].lines[0]
    assert [f.month for f in line.history] == [add_months(LAST, -i) for i in range(11, -1, -1)]
    assert line.figure.month == LAST


def test_a_built_month_is_read_from_its_snapshots_and_audited(world):
    calls = []
    a1 = world.wards["a1"].pk

    def counted(start, end):
        calls.append(start)
        return {a1: (2, 4)}

    entry = ScorecardMeasure("t_live", "Live", "Counted live", "Tests", MeasureUnit.PERCENT, 1, counted)
    with SCORECARD_MEASURES.isolated([entry]):
        built = scorecard_snapshot_build(month=LAST)
        assert ScorecardSnapshot.objects.filter(month=built).count() == 1
        assert AuditEvent.objects.filter(changes__source="service").exists()
        calls.clear()
        found = _figures(world, Area.of_borough(world.boroughs["a"]))
        assert found["t_live"].value == 50.0 and calls == []
        # Built again: replaced, not doubled.
        scorecard_snapshot_build(month=LAST)
        assert ScorecardSnapshot.objects.filter(month__month=LAST).count() == 1


def test_the_current_month_cannot_be_stored():
    with pytest.raises(ValidationError) as refused:
        scorecard_snapshot_build(month=this_month())
    assert "month" in refused.value.message_dict
    with pytest.raises(ValidationError):
        scorecard_snapshot_build(month=date(2025, 3, 2))


def test_export_has_a_row_per_area_per_measure_and_is_formula_safe(world, client_for):
    a1 = world.wards["a1"].pk
    entry = ScorecardMeasure(
        "t_csv", "=HYPERLINK(1)", "Counted", "Tests", MeasureUnit.PERCENT, 1, lambda s, e: {a1: (1, 4)}
    )
    with SCORECARD_MEASURES.isolated([entry]):
        response = client_for("central_unit").get(reverse("scorecard:export_csv") + f"?month={LAST:%Y-%m}")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        # The force, two boroughs and every ward of the world.
        assert len(rows) == 1 + 2 + len(world.wards)
        assert rows[0]["label"] == "'=HYPERLINK(1)"
        ward_row = next(r for r in rows if r["ward_code"] == world.wards["a1"].code)
        assert float(ward_row["value"]) == 25.0 and ward_row["period_start"] == f"{LAST:%Y-%m-%d}"
        data = json.loads(client_for("sergeant").get(reverse("scorecard:export_json")).content)
    # A sergeant's return is their wards only, no borough or force rows.
    assert {row["ward_code"] for row in data} == {world.wards["a1"].code, world.wards["a2"].code}
    assert set(data[0]) >= {"force", "measure_key", "definition", "numerator", "denominator", "unit"}


def test_public_pages_show_only_public_measures(world, client):
    with SCORECARD_MEASURES.isolated(measures_for(world, public_count=False)):
        page = client.get(reverse("scorecard:public_ward", args=[world.wards["a1"].code]))
        force = client.get(reverse("scorecard:public_force"))
    assert page.status_code == 200 and "public" in page["Cache-Control"]
    text = page.content.decode()
    assert "Test share" in text and "Share of things" in text and "Test count" not in text
    assert "Test count" not in force.content.decode()


def test_internal_page_shows_definitions_and_starts_at_the_readers_area(world, client_for):
    with SCORECARD_MEASURES.isolated(measures_for(world)):
        sergeant = client_for("sergeant").get(reverse("scorecard:home")).content.decode()
        lead = client_for("borough_lead").get(reverse("scorecard:home")).content.decode()
        central = client_for("central_unit").get(reverse("scorecard:home")).content.decode()
    assert world.wards["a1"].name in sergeant and "Hours per thing" in sergeant
    assert "Borough A: the Guarantee scorecard" in lead
    assert "The force: the Guarantee scorecard" in central


def test_a_supervisor_is_told_of_measures_below_target_once_the_month_is_built(world):
    a1 = world.wards["a1"].pk
    entry = ScorecardMeasure(
        "t_target",
        "Target thing",
        "Counted",
        "Tests",
        MeasureUnit.PERCENT,
        1,
        lambda s, e: {a1: (1, 4)},
        target=50,
    )
    sergeant = world.user("sergeant")
    with SCORECARD_MEASURES.isolated([entry]):
        assert measures_below_target_items(sergeant) == []
        scorecard_snapshot_build(month=LAST)
        items = measures_below_target_items(sergeant)
    assert [item.title for item in items] == [f"Target thing: 25.0% in {LAST:%B %Y}"]
    assert items[0].area == world.wards["a1"].name


def test_the_returns_borough_and_force_totals_are_the_pages_when_an_overlay_area_has_figures(
    world, client_for
):
    # A town-centre team's queries or duties are its own area's (docs/adr/0005): not in any ward's
    # row, but part of its borough and the force, as on the scorecard pages.
    overlay = NeighbourhoodFactory(
        borough=world.boroughs["a"], cluster=None, kind="non_ward", code="NW-TC-1", name="Town centre"
    )
    a1 = world.wards["a1"].pk
    entry = ScorecardMeasure(
        "t_overlay",
        "Overlay",
        "Counted",
        "Tests",
        MeasureUnit.PERCENT,
        1,
        lambda s, e: {a1: (1, 4), overlay.pk: (3, 4)},
    )
    with SCORECARD_MEASURES.isolated([entry]):
        page_borough = _figures(world, Area.of_borough(world.boroughs["a"]))["t_overlay"]
        page_force = _figures(world, Area.force())["t_overlay"]
        response = client_for("central_unit").get(reverse("scorecard:export_csv") + f"?month={LAST:%Y-%m}")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    force = next(r for r in rows if not r["borough_code"])
    borough = next(r for r in rows if r["borough_code"] == world.boroughs["a"].code and not r["ward_code"])
    assert float(borough["value"]) == pytest.approx(page_borough.value) == pytest.approx(50.0)
    assert float(force["value"]) == pytest.approx(page_force.value)
    # The overlay has its own row, marked as such, so the borough's row is the sum of its area rows.
    town = next(r for r in rows if r["ward_code"] == "NW-TC-1")
    assert town["area_type"] == "non_ward_area" and float(town["value"]) == pytest.approx(75.0)


def test_a_count_that_needs_data_is_no_data_not_zero_on_the_page_and_in_the_return(world, client_for):
    # QA: town-centre crime read 0 everywhere for months police.uk had not published yet.
    b1 = world.wards["b1"].pk
    entry = ScorecardMeasure(
        "t_late",
        "Late count",
        "Counted when published",
        "Tests",
        MeasureUnit.COUNT,
        1,
        lambda s, e: {b1: (4, 1)},
        count_needs_data=True,
    )
    with SCORECARD_MEASURES.isolated([entry]):
        a = _figures(world, Area.of_borough(world.boroughs["a"]))["t_late"]
        b = _figures(world, Area.of_borough(world.boroughs["b"]))["t_late"]
        response = client_for("central_unit").get(reverse("scorecard:export_csv") + f"?month={LAST:%Y-%m}")
    assert a.value is None and a.shown == "No data" and b.value == 4
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    ward_a1 = next(r for r in rows if r["ward_code"] == world.wards["a1"].code)
    assert ward_a1["numerator"] == "" and ward_a1["value"] == ""
    assert next(r for r in rows if r["ward_code"] == world.wards["b1"].code)["numerator"] == "4"
