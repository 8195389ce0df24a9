from datetime import date

import pytest

from sn.accounts.tests.factories import UserFactory
from sn.core.audit import audit_actor, history_for, record_bulk_create
from sn.core.models import AuditEvent
from sn.core.roles import Role
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.teams.models import Officer, Rank, Team
from sn.teams.services import officer_create, posting_create

pytestmark = pytest.mark.django_db


def test_creating_a_record_keeps_who_and_the_new_values(world):
    actor = world.user("borough_lead")
    officer = officer_create(
        first_name="Ada", last_name="Lovelace", collar_number="1UX", rank=Rank.PC, actor=actor
    )
    event = history_for(officer).get()
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor == actor
    assert event.actor_label == "borough_lead"
    assert event.changes["last_name"] == [None, "Lovelace"]
    assert event.changes["rank"] == [None, "pc"]


def test_updating_a_record_keeps_only_the_changed_fields_old_and_new(world):
    officer = Officer.objects.get(pk=world.officers["pc_a"].pk)
    with audit_actor(world.user("sergeant")):
        officer.phone = "020 7946 0999"
        officer.save()
    event = history_for(officer).first()
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes == {"phone": ["020 7946 0000", "020 7946 0999"]}
    assert event.actor == world.user("sergeant")


def test_saving_without_a_change_writes_no_event(world):
    officer = Officer.objects.get(pk=world.officers["pc_a"].pk)
    before = AuditEvent.objects.count()
    officer.save()
    assert AuditEvent.objects.count() == before


def test_deleting_a_record_keeps_its_last_values(world):
    officer = officer_create(first_name="Temp", last_name="Record", collar_number="2UX", rank=Rank.PCSO)
    officer_id = officer.pk
    officer.delete()
    event = AuditEvent.objects.filter(object_id=str(officer_id), action=AuditEvent.Action.DELETE).get()
    assert event.changes["last_name"] == ["Record", None]


def test_a_write_outside_a_request_is_attributed_to_the_system(world):
    officer = officer_create(first_name="Sys", last_name="Tem", collar_number="3UX", rank=Rank.PC)
    assert history_for(officer).get().actor_label == "system"


def test_changes_to_neighbours_are_recorded_as_links(world):
    ward = world.wards["a1"]
    ward.neighbours.add(world.wards["b4"])
    event = history_for(ward).filter(action=AuditEvent.Action.LINK).first()
    assert event.changes == {"neighbours": {"ids": [world.wards["b4"].pk]}}


def test_a_boundary_change_is_recorded_without_copying_the_geometry(world):
    ward = world.wards["a1"]
    ward.boundary = world.wards["a2"].boundary
    ward.save()
    assert history_for(ward).first().changes == {"boundary": ["(not recorded)", "(changed)"]}


def test_a_password_hash_never_enters_the_trail(world):
    user = world.user("analyst")
    user.set_password("a-brand-new-passphrase")
    user.save()
    assert history_for(user).first().changes["password"] == ["(not recorded)", "(changed)"]


def test_the_trail_is_append_only(world):
    event = AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(actor_label="someone else")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_a_web_request_attributes_writes_to_the_signed_in_user(client, world):
    # Posting through a service inside a request: the middleware names the user.
    from django.test import RequestFactory

    from sn.core.middleware import AuditActorMiddleware

    def view(request):
        posting_create(
            officer=world.officers["sergeant_a"], team=world.teams["a4"], start_date=date(2025, 1, 1)
        )
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = RequestFactory().post("/somewhere/")
    request.user = world.user("inspector")
    AuditActorMiddleware(view)(request)
    event = AuditEvent.objects.filter(content_type__model="posting").first()
    assert event.actor == world.user("inspector")
    assert event.context == "POST /somewhere/"


def test_a_supervisor_opens_the_history_of_a_ward_in_scope(client_for, world):
    ward = world.wards["a1"]
    ward.name = "Renamed Ward"
    ward.save()
    response = client_for("sergeant").get(f"/history/neighbourhood/{ward.pk}/")
    assert response.status_code == 200
    assert "Renamed Ward" in response.content.decode()
    assert client_for("sergeant").get(f"/history/team/{world.teams['b1'].pk}/").status_code == 404
    assert client_for("sergeant").get("/history/user/1/").status_code == 404


def test_a_sergeant_opens_the_history_of_an_officer_on_their_team(client_for, world):
    officer = world.officers["pc_a"]
    body = client_for("sergeant").get(f"/wards/{world.wards['a1'].code}/").content.decode()
    assert f"/history/officer/{officer.pk}/" in body
    assert client_for("sergeant").get(f"/history/officer/{officer.pk}/").status_code == 200
    assert client_for("sergeant").get(f"/history/officer/{world.officers['pc_b'].pk}/").status_code == 404


def test_a_batch_event_names_the_records_it_created_so_each_records_history_finds_it(world):
    neighbourhoods = [NeighbourhoodFactory() for _ in range(3)]
    teams = Team.objects.bulk_create([Team(neighbourhood=n, name=n.name) for n in neighbourhoods])
    with audit_actor(world.user("central_unit")):
        record_bulk_create(Team, teams, "a test batch")
    for team in teams:
        event = history_for(team).get()
        assert (event.action, event.actor_label) == (AuditEvent.Action.BULK_CREATE, "central_unit")
        assert event.changes["source"] == "a test batch"
        assert event.changes["count"] == 3
    assert not history_for(world.teams["a1"]).filter(action=AuditEvent.Action.BULK_CREATE).exists()


def test_a_batch_can_keep_the_values_of_each_record_it_created(world):
    neighbourhoods = [NeighbourhoodFactory() for _ in range(2)]
    teams = Team.objects.bulk_create([Team(neighbourhood=n, name=f"Team {n.code}") for n in neighbourhoods])
    record_bulk_create(Team, teams, "a test batch", fields=("name", "neighbourhood"))
    event = history_for(teams[0]).get()
    assert event.changes["rows"][str(teams[0].pk)] == {
        "name": f"Team {neighbourhoods[0].code}",
        "neighbourhood_id": neighbourhoods[0].pk,
    }


def test_a_write_by_someone_named_on_the_command_line_is_labelled_with_their_name(world):
    with audit_actor("ops.person"):
        officer = officer_create(first_name="Cli", last_name="Ent", collar_number="4UX", rank=Rank.PC)
    event = history_for(officer).get()
    assert (event.actor, event.actor_label) == (None, "ops.person")
    assert officer.created_by is None


def test_deleting_a_user_keeps_their_name_on_the_changes_they_made(world):
    author = UserFactory(role=Role.ANALYST, username="leaving.analyst")
    with audit_actor(author):
        officer = officer_create(first_name="Kept", last_name="Label", collar_number="5UX", rank=Rank.PC)
    author.delete()
    event = history_for(officer).get()
    assert (event.actor, event.actor_label) == (None, "leaving.analyst")
