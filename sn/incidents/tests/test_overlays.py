"""Non-ward areas are overlays (issue 8, item 5): an incident counts in its ward and, besides, in the
overlay its point falls in; borough totals add up wards only. Real Met wards, the shipped non-ward areas,
Westminster's real counts and burglary records."""

import csv
from datetime import date

import pytest
from django.db.models import Q, Sum

from sn.crime.demand import force_demand
from sn.crime.profile import borough_profile, ward_profile
from sn.geography.demo import DATA_DIR, met_geography_load
from sn.geography.models import Borough, Neighbourhood
from sn.geography.non_ward import non_ward_areas_import
from sn.geography.services import populations_set
from sn.incidents import demo
from sn.incidents.categories import Category
from sn.incidents.models import Incident, IncidentMonthly
from sn.incidents.tests.helpers import borough_demo_files

pytestmark = pytest.mark.django_db(transaction=True)
WESTMINSTER = "E09000033"
END = date(2023, 11, 1)


@pytest.fixture
def westminster(tmp_path, monkeypatch, settings):
    settings.SN_POLICE_FORCE_NAME = "Metropolitan Police Service"
    met_geography_load()
    with open(DATA_DIR / "ward_populations.csv", newline="", encoding="utf-8") as handle:
        populations_set(rows=list(csv.DictReader(handle)))
    non_ward_areas_import(path=DATA_DIR / "non_ward_areas.geojson")
    borough = Borough.objects.get(code=WESTMINSTER)
    borough_demo_files(tmp_path, borough, months=["2022-10", "2022-11", "2023-10", "2023-11"])
    monkeypatch.setattr(demo, "WARD_COUNTS", tmp_path / "counts.csv.gz")
    monkeypatch.setattr(demo, "BURGLARY", tmp_path / "burglary.csv")
    demo.incidents_seed(seed=3, placed_months=2, progress=lambda _: None)
    return borough


def total(area_filter, **filters) -> int:
    return IncidentMonthly.objects.filter(area_filter, **filters).aggregate(n=Sum("count"))["n"] or 0


def test_an_overlay_counts_every_category_of_the_incidents_inside_it_and_wards_keep_them(westminster):
    oxford_street = Neighbourhood.objects.get(kind="non_ward", name__icontains="Oxford")
    inside = Incident.objects.filter(neighbourhood__borough=westminster, month=END)
    # Every incident belongs to a ward, never to the overlay.
    assert not Incident.objects.filter(neighbourhood__kind="non_ward").exists()
    in_overlay = total(Q(neighbourhood=oxford_street), month=END)
    assert in_overlay > 50
    categories = set(
        IncidentMonthly.objects.filter(neighbourhood=oxford_street, month=END).values_list(
            "category", flat=True
        )
    )
    assert {Category.BURGLARY, Category.ANTI_SOCIAL_BEHAVIOUR, Category.OTHER_THEFT} <= categories
    # The borough's month is its wards' incidents, each counted once.
    assert (
        total(Q(neighbourhood__borough=westminster, neighbourhood__kind="ward"), month=END) == inside.count()
    )
    profile = borough_profile(westminster, end_month=END, months=1)
    assert profile.total.current == inside.count()


def test_an_overlay_ranks_by_all_its_incidents_and_its_people_are_not_added_to_the_borough(westminster):
    ranking = force_demand(end_month=END, months=1)
    oxford_street = next(a for a in ranking.areas if a.kind == "non_ward" and "Oxford" in a.name)
    westminster_areas = ranking.for_borough(westminster.id)
    # Busy: among the top tenth of Westminster's areas, not near the bottom of the force.
    assert oxford_street.asb > 0 and oxford_street.crime > oxford_street.asb
    assert oxford_street.borough_rank <= 5 < len(westminster_areas)
    wards = Neighbourhood.objects.filter(borough=westminster, kind="ward")
    profile = borough_profile(westminster, end_month=END, months=1)
    assert profile.population == sum(w.population for w in wards) > 200_000
    overlay = Neighbourhood.objects.get(pk=oxford_street.neighbourhood_id)
    assert "overlay" in overlay.population_source.lower() or "lsoa" in overlay.population_source.lower()


def test_an_overlays_comparison_over_count_only_months_is_not_tested(westminster):
    oxford_street = Neighbourhood.objects.get(kind="non_ward", name__icontains="Oxford")
    # October and November 2023 are placed points; a year earlier only ward counts exist, which give an
    # overlay no share: its comparison is incomplete, while a ward's is not.
    overlay = ward_profile(oxford_street, end_month=END, months=2)
    ward = ward_profile(
        Neighbourhood.objects.get(borough=westminster, name="West End"), end_month=END, months=2
    )
    assert not overlay.crime.complete and not overlay.crime.significant
    assert ward.gaps == [] and ward.crime.complete
