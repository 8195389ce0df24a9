"""public_form_post, on a form of its own: a form naming a group, stored by a small service, with a
honeypot. It stores a good post and gives the confirmation, refuses a bad one with 400 without counting
it, turns a honeypot away with the decoy (counted and logged), and past the limit answers 429 with
Retry-After, the form as typed, and the insert undone."""

import logging

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from sn.core.public_forms import public_form_post

pytestmark = pytest.mark.django_db


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)
    website = forms.CharField(required=False)

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get("website", "").strip())


def group_create(*, name: str) -> Group:
    """Writes first and refuses after, as a service finding a problem half way would."""
    group = Group.objects.create(name=name)
    if name == "taken":
        raise ValidationError({"name": "That name is taken"})
    return group


def _show(form, *, status=200, retry_minutes=None):
    errors = " ".join(e for errors in form.errors.values() for e in errors)
    return HttpResponse(
        f"form errors={errors} retry={retry_minutes} name={form['name'].value()}", status=status
    )


def _post(address="192.0.2.10", burst=2, **data):
    request = RequestFactory().post("/groups/new/", {"name": "Ward panel", "website": "", **data})
    request.META["REMOTE_ADDR"] = address
    return public_form_post(
        request,
        NameForm(data=request.POST),
        scope="groups",
        per_hour=1,
        burst=burst,
        save=lambda form: group_create(name=form.cleaned_data["name"]),
        sent=lambda group: HttpResponse(f"sent {group.name}", status=302),
        decoy=lambda form: HttpResponse("sent decoy", status=302),
        show=_show,
    )


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_a_good_post_is_stored_and_confirmed():
    response = _post(name="Ward panel")
    assert response.status_code == 302 and response.content == b"sent Ward panel"
    assert Group.objects.filter(name="Ward panel").exists()


def test_a_bad_post_comes_back_with_400_and_does_not_count():
    for _ in range(3):
        response = _post(name="")
        assert response.status_code == 400
        assert "This field is required" in response.content.decode()
    assert _post().status_code == 302
    assert _post(name="Second").status_code == 302


def test_a_refusal_by_the_service_comes_back_on_its_field_with_nothing_written():
    response = _post(name="taken")
    assert response.status_code == 400
    assert "That name is taken" in response.content.decode()
    assert not Group.objects.exists()


def test_a_filled_honeypot_gets_the_decoy_stores_nothing_and_is_logged(caplog):
    with caplog.at_level(logging.INFO, logger="sn.security"):
        response = _post(website="http://spam.example")
    assert response.content == b"sent decoy"
    assert not Group.objects.exists()
    assert any("groups honeypot filled address=192.0.2.10" in r.getMessage() for r in caplog.records)


def test_honeypot_posts_count_against_the_limit():
    _post(burst=1, website="x")
    assert _post(burst=1).status_code == 429
    assert not Group.objects.exists()


def test_past_the_burst_429_with_retry_after_the_form_as_typed_and_the_insert_undone():
    assert _post(name="One").status_code == 302
    assert _post(name="Two").status_code == 302
    response = _post(name="Three")
    assert response.status_code == 429
    # One an hour: the next is let through in about an hour.
    assert 3500 <= int(response["Retry-After"]) <= 3600
    assert "retry=60" in response.content.decode() and "name=Three" in response.content.decode()
    assert sorted(Group.objects.values_list("name", flat=True)) == ["One", "Two"]


def test_the_limit_is_per_client_address():
    assert _post(address="192.0.2.1", burst=1).status_code == 302
    assert _post(address="192.0.2.1", burst=1, name="Again").status_code == 429
    assert _post(address="192.0.2.2", burst=1, name="Other").status_code == 302
