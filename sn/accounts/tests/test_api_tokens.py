"""API tokens: stored hashed, shown once, expiring, revoked by their owner or the central unit only, audited,
made by `sn api-token`, and listed and revoked on /accounts/api-tokens/."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.http import Http404
from django.utils import timezone

from sn.accounts.models import ApiToken
from sn.accounts.tokens import (
    api_token_create,
    api_token_revoke,
    get_token_for_user,
    tokens_for,
    user_for_token,
)
from sn.core.models import AuditEvent

URL = "/accounts/api-tokens/"


def _events(token):
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(ApiToken), object_id=str(token.pk)
    ).order_by("id")


def test_only_a_hash_of_the_token_is_stored(world):
    token, raw = api_token_create(owner=world.user("sergeant"), name="Dashboard")
    assert raw.startswith(token.prefix + "_") and len(raw) > 50
    assert token.secret_hash == hashlib.sha256(raw.encode()).hexdigest()
    row = ApiToken.objects.values().get(pk=token.pk)
    assert raw not in str(row) and raw.split("_", 2)[2] not in str(row)
    # Nor in the trail: the hash is summarised, not copied.
    assert raw not in str(list(AuditEvent.objects.values_list("changes", flat=True)))
    assert token.secret_hash not in str(list(AuditEvent.objects.values_list("changes", flat=True)))


def test_a_token_acts_as_its_owner_until_revoked_or_expired(world):
    owner = world.user("sergeant")
    token, raw = api_token_create(owner=owner, name="Dashboard", expires_in_days=30)
    assert user_for_token(raw) == owner
    assert user_for_token(raw[:-1] + ("A" if raw[-1] != "A" else "B")) is None  # one character wrong
    assert user_for_token(token.prefix) is None
    assert user_for_token("") is None
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert user_for_token(raw) is None
    other, other_raw = api_token_create(owner=owner, name="Script")
    api_token_revoke(token=other, actor=owner)
    assert user_for_token(other_raw) is None


def test_a_deactivated_owner_or_one_without_a_role_makes_the_token_useless(world):
    owner = world.user("analyst")
    _, raw = api_token_create(owner=owner, name="Dashboard")
    owner.is_active = False
    owner.save()
    assert user_for_token(raw) is None
    owner.is_active = True
    owner.role = ""
    owner.save()
    assert user_for_token(raw) is None


def test_last_used_is_noted_without_an_audit_row_per_call(world):
    token, raw = api_token_create(owner=world.user("sergeant"), name="Dashboard")
    before = AuditEvent.objects.count()
    for _ in range(5):
        user_for_token(raw)
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert AuditEvent.objects.count() == before


def test_creating_and_revoking_are_audited_with_who_did_it(world):
    owner, central = world.user("sergeant"), world.user("central_unit")
    token, _ = api_token_create(owner=owner, name="Dashboard", actor=owner)
    api_token_revoke(token=token, actor=central)
    create, revoke = _events(token)
    assert create.action == AuditEvent.Action.CREATE and create.actor == owner
    assert create.changes["secret_hash"] == ["(not recorded)", "(set)"]
    assert revoke.action == AuditEvent.Action.UPDATE and revoke.actor == central
    assert set(revoke.changes) >= {"revoked_at", "revoked_by_id"}
    with pytest.raises(ValidationError) as error:
        api_token_revoke(token=token, actor=central)
    assert "token" in error.value.message_dict


@pytest.mark.parametrize(
    ("name", "days", "field"),
    [
        ("", None, "name"),
        ("   ", None, "name"),
        ("x" * 101, None, "name"),
        ("ok", 0, "expires_in_days"),
        ("ok", 3651, "expires_in_days"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_writes_nothing(world, name, days, field):
    with pytest.raises(ValidationError) as error:
        api_token_create(owner=world.user("sergeant"), name=name, expires_in_days=days)
    assert field in error.value.message_dict
    assert not ApiToken.objects.exists()


def test_the_owner_and_the_central_unit_may_revoke_a_token_and_nobody_else(world):
    token, _ = api_token_create(owner=world.user("sergeant"), name="Dashboard")
    assert get_token_for_user(world.user("sergeant"), token.pk) == token
    assert get_token_for_user(world.user("central_unit"), token.pk) == token
    for role in ("borough_lead", "inspector", "team_officer", "partner"):
        with pytest.raises(Http404):
            get_token_for_user(world.user(role), token.pk)
    assert list(tokens_for(world.user("inspector"))) == []
    assert list(tokens_for(world.user("central_unit"))) == [token]


def test_the_command_prints_the_token_once_and_keeps_only_its_hash(world):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "api-token", "sergeant", "--expires", "30", "--name", "Council dashboard", stdout=out, stderr=err
    )
    raw = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.name == "Council dashboard" and token.owner == world.user("sergeant")
    assert token.secret_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert 29 <= (token.expires_at - timezone.now()).days <= 30
    assert token.prefix in err.getvalue() and raw not in err.getvalue()
    assert user_for_token(raw) == world.user("sergeant")
    with pytest.raises(CommandError, match="nobody"):
        call_command("api-token", "nobody", stdout=io.StringIO())
    with pytest.raises(CommandError, match="1 to 3650"):
        call_command("api-token", "sergeant", "--expires", "0", stdout=io.StringIO())


def test_the_page_makes_a_token_and_shows_it_once_after_redirecting(client_for, world):
    """Post, then redirect: reloading the page that shows the token must not post the form again and
    make a second token (found in the QA walk), and the token is shown on one answer only."""
    client = client_for("partner")
    response = client.post(URL, {"action": "create", "name": "Housing dashboard", "expires_in_days": "90"})
    assert response.status_code == 302 and response["Location"] == URL
    token = ApiToken.objects.get()
    shown = client.get(URL)
    raw = shown.context["created"][1]
    assert raw.startswith("sn_") and raw in shown.content.decode() and token.owner == world.user("partner")
    assert token.prefix in raw and shown["Cache-Control"] == "no-store"
    again = client.get(URL)
    assert raw not in again.content.decode() and token.prefix in again.content.decode()
    assert ApiToken.objects.count() == 1
    assert all(raw not in str(value) for value in client.session.values())


def test_the_page_refuses_bad_input_naming_the_field(client_for, world):
    response = client_for("sergeant").post(URL, {"action": "create", "name": "", "expires_in_days": "abc"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_name"' in body and 'href="#id_expires_in_days"' in body
    assert not ApiToken.objects.exists()


def test_the_page_revokes_for_the_owner_and_the_central_unit_only(client_for, world):
    token, _ = api_token_create(owner=world.user("sergeant"), name="Dashboard")
    assert client_for("inspector").post(URL, {"action": "revoke", "token": token.pk}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    central = client_for("central_unit")
    assert "Dashboard" in central.get(URL).content.decode()
    assert central.post(URL, {"action": "revoke", "token": token.pk}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == world.user("central_unit")
    assert "Revoked" in client_for("sergeant").get(URL).content.decode()
