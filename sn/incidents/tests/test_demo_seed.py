import gzip

import numpy as np
import pytest
import shapely
from django.db.models import Count, Sum
from shapely.geometry import Polygon

from sn.incidents import demo
from sn.incidents.models import Incident, IncidentMonthly
from sn.incidents.tests.helpers import FIXTURES

pytestmark = pytest.mark.django_db
MONTHS = ["2023-09", "2023-10", "2023-11"]


@pytest.fixture
def demo_data(world, lsoa_ids, tmp_path, monkeypatch):
    """The seed's inputs for the test force: the street fixture as 'burglary', counts for two wards."""
    counts = tmp_path / "ward_crime_counts.csv.gz"
    a1, b4 = world.wards["a1"].code, world.wards["b4"].code
    header = f"ward_code,category,{','.join(MONTHS)}\n"
    text = header + f"{a1},robbery,2,0,3\n{a1},drugs,1,1,1\n{b4},shoplifting,0,4,5\n"
    counts.write_bytes(gzip.compress(text.encode()))
    monkeypatch.setattr(demo, "WARD_COUNTS", counts)
    monkeypatch.setattr(demo, "BURGLARY", FIXTURES / "street.csv")
    return world


def placed_points():
    return sorted(
        Incident.objects.filter(placed=True).values_list("source_key", "longitude", "latitude", "location")
    )


def test_the_seed_places_each_counted_crime_inside_its_ward_and_is_deterministic(demo_data):
    demo.incidents_seed(seed=7, placed_months=2, progress=lambda _: None)
    first = placed_points()

    a1 = shapely.from_geojson(demo_data.wards["a1"].boundary)
    a1_points = Incident.objects.filter(placed=True, neighbourhood=demo_data.wards["a1"])
    assert all(
        shapely.contains_xy(a1, lng, lat) for lng, lat in a1_points.values_list("longitude", "latitude")
    )
    # Placed: the last two months only (robbery 0+3, drugs 1+1, shoplifting 4+5, plus the ASB drawn).
    by_category = dict(
        Incident.objects.filter(placed=True)
        .exclude(category="anti-social-behaviour")
        .values_list("category")
        .annotate(n=Count("id"))
    )
    assert by_category == {"robbery": 3, "drugs": 2, "shoplifting": 9}
    # A street name is given only where the ward has real streets (a1 has, b4 has none).
    assert set(a1_points.values_list("location", flat=True)) <= {"On or near High Street"}
    assert set(
        Incident.objects.filter(placed=True, neighbourhood=demo_data.wards["b4"]).values_list(
            "location", flat=True
        )
    ) == {""}

    Incident.objects.all().delete()
    IncidentMonthly.objects.all().delete()
    demo.incidents_seed(seed=7, placed_months=2, progress=lambda _: None)
    assert placed_points() == first


def test_the_rollup_keeps_the_real_counts_of_months_without_placed_points(demo_data):
    demo.incidents_seed(seed=7, placed_months=2, progress=lambda _: None)

    september = IncidentMonthly.objects.filter(month="2023-09-01").exclude(category="anti-social-behaviour")
    assert dict(september.values_list("category").annotate(n=Sum("count"))) == {"robbery": 2, "drugs": 1}
    assert not Incident.objects.filter(placed=True, month="2023-09-01").exists()


def test_sampled_points_fall_inside_an_awkward_polygon():
    crescent = Polygon([(0, 0), (4, 0), (4, 4), (0, 4), (0, 3), (3, 3), (3, 1), (0, 1)])

    xs, ys = demo.sample_in(crescent, 500, np.random.default_rng(1))

    assert len(xs) == 500
    assert shapely.contains_xy(crescent, xs, ys).all()
