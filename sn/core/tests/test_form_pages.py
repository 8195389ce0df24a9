"""form_page, on a page of its own: a form naming a group, saved by a small service."""

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import path

from sn.core.form_pages import form_page
from sn.core.tests.helpers import WHOLE_FORM, form_errors, post_form

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

PAGE = "{% for error in form.non_field_errors %}<p>{{ error }}</p>{% endfor %}{{ form.as_div }}"


class GroupForm(forms.Form):
    name = forms.CharField(max_length=20)


def group_create(*, name: str) -> Group:
    """Writes first and refuses after, as a service finding a problem half way would."""
    group = Group.objects.create(name=name)
    if name == "taken":
        raise ValidationError({"name": "That name is taken"})
    if name == "closed":
        raise ValidationError("Groups cannot be added today")
    if name == "archived":
        # Keyed by the service's own name for something the form does not show.
        raise ValidationError({"panel": "The panel is archived"})
    return group


def group_page(request):
    return form_page(
        request,
        form_class=GroupForm,
        template="group.html",
        save=lambda form: group_create(name=form.cleaned_data["name"]),
        success_url=lambda group: f"/groups/{group.pk}/",
        success_message=lambda group: f"{group.name} added",
        form_kwargs={"initial": {"name": "Ward panel"}},
    )


urlpatterns = [path("groups/new/", group_page)]


@pytest.fixture(autouse=True)
def page_template(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"group.html": PAGE})]},
        }
    ]


def test_the_form_is_shown_with_its_initial_values(client):
    response = client.get("/groups/new/")
    assert response.status_code == 200
    assert 'value="Ward panel"' in response.content.decode()
    assert form_errors(response) == {}


def test_a_valid_form_is_saved_and_redirects_with_a_message(client):
    response = post_form(client, "/groups/new/", {"name": "Panel"})
    group = Group.objects.get()
    assert response["Location"] == f"/groups/{group.pk}/"
    assert [m.message for m in get_messages(response.wsgi_request)] == ["Panel added"]


def test_a_form_error_comes_back_on_the_page_with_400(client):
    post_form(client, "/groups/new/", {"name": ""}, errors={"name": ["This field is required"]})
    post_form(client, "/groups/new/", {"name": "x" * 21}, errors={"name": ["at most 20 characters"]})
    assert not Group.objects.exists()


def test_a_service_refusing_a_field_puts_the_error_on_it_and_writes_nothing(client):
    response = post_form(client, "/groups/new/", {"name": "taken"}, errors={"name": ["That name is taken"]})
    assert 'value="taken"' in response.content.decode()  # what was typed is kept for correcting
    assert not Group.objects.exists()
    assert not list(get_messages(response.wsgi_request))


def test_a_service_refusing_the_whole_form_says_so_and_writes_nothing(client):
    post_form(client, "/groups/new/", {"name": "closed"}, errors={WHOLE_FORM: ["cannot be added today"]})
    assert not Group.objects.exists()


def test_the_helper_fails_a_test_expecting_other_errors(client):
    with pytest.raises(AssertionError, match="fields in error"):
        post_form(client, "/groups/new/", {"name": "taken"}, errors={WHOLE_FORM: ["taken"]})
    with pytest.raises(AssertionError, match="not saved"):
        post_form(client, "/groups/new/", {"name": "taken"})


def test_a_service_refusing_by_a_name_the_form_does_not_have_says_so_on_the_whole_form(client):
    # Every app wrapped its services to re-key such refusals (add_error raised ValueError on them).
    post_form(client, "/groups/new/", {"name": "archived"}, errors={WHOLE_FORM: ["The panel is archived"]})
    assert not Group.objects.exists()
