"""The change history page: who may open whose history, and what it shows."""

import html
import random
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from faker import Faker

from sn.accounts.services import roles_sync
from sn.accounts.tests.factories import UserFactory
from sn.core.audit import audit_actor
from sn.core.roles import Role
from sn.geography.tests.factories import ClusterFactory, NeighbourhoodFactory
from sn.teams.demo import teams_demo_load
from sn.teams.models import Officer, Posting, Rank, Team
from sn.teams.services import officer_create, posting_create, posting_end
from sn.teams.tests.factories import OfficerFactory, PostingFactory

pytestmark = pytest.mark.django_db


def _history(client, model: str, pk: int):
    return client.get(f"/history/{model}/{pk}/")


def _moved_officer(world, *, now_on: str | None = "b1") -> Officer:
    """An officer who served on ward a1 from 2015 to 2019, and serves on `now_on` today (or nowhere)."""
    # Named plainly: a Faker surname such as O'Connor is escaped in the page, which tests here read raw.
    officer = OfficerFactory(first_name="Mo", last_name="Moved", phone="020 7946 0555")
    PostingFactory(
        officer=officer, team=world.teams["a1"], start_date=date(2015, 1, 1), end_date=date(2019, 12, 31)
    )
    if now_on:
        PostingFactory(officer=officer, team=world.teams[now_on], start_date=date(2020, 1, 1))
    return officer


# --- Who may open an officer's or a posting's history (issue 7, item 4).


def test_a_sergeant_cannot_open_the_history_of_an_officer_who_served_on_their_ward_years_ago(
    client_for, world
):
    officer = _moved_officer(world, now_on="b1")
    response = _history(client_for("sergeant"), "officer", officer.pk)
    assert response.status_code == 404
    assert "020 7946 0555" not in response.content.decode()


def test_an_officer_whose_posting_ended_yesterday_leaves_the_sergeants_reach(client_for, world):
    officer = OfficerFactory()
    posting = PostingFactory(officer=officer, team=world.teams["a1"], start_date=date(2020, 1, 1))
    assert _history(client_for("sergeant"), "officer", officer.pk).status_code == 200
    posting_end(posting=posting, end_date=timezone.localdate() - timedelta(days=1))
    assert _history(client_for("sergeant"), "officer", officer.pk).status_code == 404


def test_the_supervisor_of_where_an_officer_serves_now_opens_their_history(client_for, world):
    officer = _moved_officer(world, now_on="b1")
    assert _history(client_for("central_unit"), "officer", officer.pk).status_code == 200
    officer = _moved_officer(world, now_on="a2")
    assert _history(client_for("sergeant"), "officer", officer.pk).status_code == 200


def test_the_central_unit_opens_the_history_of_an_officer_with_no_posting(client_for, world):
    officer = _moved_officer(world, now_on=None)
    assert _history(client_for("central_unit"), "officer", officer.pk).status_code == 200
    assert _history(client_for("borough_lead"), "officer", officer.pk).status_code == 404


def test_an_inspector_opens_the_history_of_an_officer_serving_in_their_cluster_and_of_themselves(
    client_for, world
):
    officer = _moved_officer(world, now_on="a4")
    assert _history(client_for("inspector"), "officer", officer.pk).status_code == 200
    inspector = world.officers["inspector_a"]
    assert _history(client_for("inspector"), "officer", inspector.pk).status_code == 200
    assert _history(client_for("inspector"), "officer", world.officers["inspector_b"].pk).status_code == 404


def test_an_ended_posting_stays_in_the_wards_history_without_opening_the_officers_later_record(
    client_for, world
):
    officer = _moved_officer(world, now_on="b1")
    old = officer.postings.get(team=world.teams["a1"])
    response = _history(client_for("sergeant"), "posting", old.pk)
    assert response.status_code == 200
    body = response.content.decode()
    assert officer.last_name in body
    assert f"/history/officer/{officer.pk}/" not in body
    later = officer.postings.get(team=world.teams["b1"])
    assert _history(client_for("sergeant"), "posting", later.pk).status_code == 404


# --- What the page shows (issue 7, item 16).


def _cells(body: str) -> str:
    """The page's text with tags and runs of space removed and entities decoded, to read what a person
    would (a Faker surname such as O'Connor arrives as O&#x27;Connor)."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_changes_are_named_by_their_field_labels_not_their_columns(client_for, world):
    officer = world.officers["pc_a"]
    with audit_actor(world.user("sergeant")):
        officer.collar_number = "999XX"
        officer.save()
    body = _history(client_for("sergeant"), "officer", officer.pk).content.decode()
    assert "<dt>Collar number</dt>" in body
    assert "collar_number" not in body


def test_a_foreign_key_shows_the_records_name_linked_to_its_history(client_for, world):
    team = world.teams["a1"]
    body = _history(client_for("sergeant"), "team", team.pk).content.decode()
    ward = world.wards["a1"]
    assert f'<a class="govuk-link" href="/history/neighbourhood/{ward.pk}/">{ward.name}</a>' in body
    assert "neighbourhood_id" not in body


def test_a_record_out_of_reach_shows_its_name_without_a_link(client_for, world):
    officer = _moved_officer(world, now_on="b1")
    body = _history(client_for("sergeant"), "team", world.teams["a1"].pk).content.decode()
    assert str(officer) in body
    assert f"/history/officer/{officer.pk}/" not in body
    assert f"/history/officer/{world.officers['pc_a'].pk}/" in body


def test_an_officers_history_includes_their_postings(client_for, world):
    officer = officer_create(first_name="Ada", last_name="Byron", collar_number="7UX", rank=Rank.PC)
    with audit_actor(world.user("sergeant")):
        posting_create(officer=officer, team=world.teams["a2"], start_date=date(2026, 2, 1))
    text = _cells(_history(client_for("sergeant"), "officer", officer.pk).content.decode())
    assert "Posting" in text
    assert f"Team {world.teams['a2'].name}" in text
    assert "Start date 2026-02-01" in text


def test_a_teams_history_includes_the_postings_to_it_including_ended_ones(client_for, world):
    officer = _moved_officer(world, now_on="b1")
    text = _cells(_history(client_for("sergeant"), "team", world.teams["a1"].pk).content.decode())
    assert f"Officer {officer}" in text
    assert "End date 2019-12-31" in text


def test_who_made_a_change_is_named_and_kept_after_their_account_is_deleted(client_for, world):
    author = UserFactory(role=Role.CENTRAL_UNIT, username="j.bloggs", first_name="Jo", last_name="Bloggs")
    officer = world.officers["pc_a"]
    with audit_actor(author):
        officer.phone = "020 7946 0777"
        officer.save()
    assert "Jo Bloggs" in _history(client_for("sergeant"), "officer", officer.pk).content.decode()
    author.delete()
    body = _history(client_for("sergeant"), "officer", officer.pk).content.decode()
    assert "j.bloggs" in body


def test_a_demo_team_and_officer_show_the_batch_that_created_them(client, db):
    # Not the test world: the demo makes the team of every ward there is.
    roles_sync()
    cluster = ClusterFactory()
    for _ in range(3):
        NeighbourhoodFactory(borough=cluster.borough, cluster=cluster)
    teams_demo_load(rng=random.Random(1), fake=Faker("en_GB"))
    client.force_login(UserFactory(role=Role.CENTRAL_UNIT))
    team = Team.objects.first()
    officer = Posting.objects.filter(team=team).first().officer
    for model, record in (("team", team), ("officer", officer)):
        text = _cells(_history(client, model, record.pk).content.decode())
        assert "No changes have been recorded" not in text
        assert "Bulk created" in text
        assert "seed-demo" in text


def test_a_record_loaded_in_bulk_without_its_batch_shows_when_it_was_created(client_for, world):
    neighbourhood = NeighbourhoodFactory()
    team = Team(neighbourhood=neighbourhood, name="Loaded Before Batches Kept Ids")
    Team.objects.bulk_create([team])
    team = Team.objects.get(pk=team.pk)
    text = _cells(_history(client_for("central_unit"), "team", team.pk).content.decode())
    assert "No changes have been recorded" not in text
    assert f"Created {timezone.localtime(team.created_at):%-d %b %Y}" in text
