"""Panels' make-up as counts that cannot identify anyone: under 10 shows as "fewer than 10", on the page
and in every download, and one hidden count never stands alone."""

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from sn.panels.diversity import NOT_ANSWERED, diversity_aggregate, suppressed
from sn.panels.models import DiversityAnswers, PanelMember
from sn.panels.tests.factories import PanelFactory, PanelMemberFactory, days_ago
from sn.testing.access import download_text

pytestmark = pytest.mark.django_db


def members_with(panel, n: int, **answers):
    for member in PanelMemberFactory.create_batch(n, panel=panel):
        DiversityAnswers.objects.create(member=member, consent_given_on=days_ago(10), **answers)


def question(aggregate, label):
    return {cell.label: cell.text for cell in next(q for q in aggregate.questions if q.label == label).cells}


def test_counts_under_ten_show_as_fewer_than_ten(world):
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    members_with(panel, 12, sex="female")
    members_with(panel, 4, sex="male")
    members_with(panel, 3)

    sex = question(diversity_aggregate(PanelMember.objects.all()), "Sex")

    assert sex == {"Female": "12", "Male": "fewer than 10", NOT_ANSWERED: "fewer than 10"}


def test_one_hidden_count_never_stands_alone(world):
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    members_with(panel, 15, sex="female")
    members_with(panel, 11, sex="male")
    members_with(panel, 2)

    sex = question(diversity_aggregate(PanelMember.objects.all()), "Sex")

    # 2 not answered alone would be 28 - 15 - 11: the next smallest is hidden with it.
    assert sex == {"Female": "15", "Male": "fewer than 10", NOT_ANSWERED: "fewer than 10"}


def test_withdrawn_consent_former_members_and_archived_records_do_not_count(world):
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    members_with(panel, 10, disability="yes")
    DiversityAnswers.objects.filter(member__in=PanelMember.objects.all()[:1]).update(
        consent_withdrawn_on=days_ago(1), disability=""
    )
    PanelMemberFactory(panel=panel, left_on=days_ago(1), joined_on=days_ago(100))

    aggregate = diversity_aggregate(PanelMember.objects.all())

    assert aggregate.members == 10
    disability = question(aggregate, "Disability")
    assert disability["Disabled under the Equality Act"] == "fewer than 10"


@override_settings(SN_SMALL_NUMBER_SUPPRESSION=3)
def test_the_threshold_is_a_setting(world):
    members_with(PanelFactory(neighbourhood=world.wards["a1"]), 4, sex="male")
    assert question(diversity_aggregate(PanelMember.objects.all()), "Sex")["Male"] == "4"


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=8))
def test_no_hidden_count_can_be_worked_out_from_the_total(counts):
    cells = suppressed([(f"answer {i}", n) for i, n in enumerate(counts)])
    hidden = [c for c in cells if c.count is None]
    assert all(c.count is None for c, n in zip(cells, counts, strict=True) if n < 10)
    assert len(hidden) != 1


def test_the_panel_page_and_its_download_show_only_suppressed_counts(client_for, world):
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    members_with(panel, 4, ethnic_group="asian", age_band="16-24")
    url = f"/panels/wards/{world.wards['a1'].code}/"

    page = client_for("team_officer").get(url).content.decode()
    download = download_text(client_for("team_officer").get(url + "?format=csv"), "csv")

    assert "fewer than 10" in page and "Asian or Asian British | fewer than 10" in download
    answers = [line for line in download.splitlines()[1:] if not line.startswith("Current members")]
    assert answers and all(line.endswith("| fewer than 10") for line in answers)
