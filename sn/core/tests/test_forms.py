"""The error summary's links, shared by every form page (sn.core.forms, includes/form_errors.html)."""

from django import forms
from django.template.loader import render_to_string

from sn.core.forms import FORM_PROBLEM_ANCHOR, ErrorLinks


class Example(ErrorLinks, forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    def clean(self):
        raise forms.ValidationError("The dates overlap another booking.")


class Plain(forms.Form):
    name = forms.CharField(label="Your name")


def test_links_follow_the_page_order_with_radios_by_their_first_radio_and_the_form_wide_problem_first():
    form = Example(data={})
    assert form.error_links == [
        (FORM_PROBLEM_ANCHOR, "The dates overlap another booking."),
        ("id_name", "This field is required."),
        ("id_kind_0", "This field is required."),
    ]


def test_the_summary_links_each_problem_and_shows_the_form_wide_one_where_it_links():
    html = render_to_string("includes/form_errors.html", {"form": Example(data={})})
    assert 'href="#form-problem"' in html and 'id="form-problem"' in html
    assert 'href="#id_kind_0"' in html


def test_a_form_may_send_its_form_wide_problem_to_its_own_place():
    class Elsewhere(Example):
        non_field_anchor = "cover"

    html = render_to_string("includes/form_errors.html", {"form": Elsewhere(data={})})
    assert 'href="#cover"' in html and 'id="form-problem"' not in html


def test_a_plain_form_still_gets_labelled_links_to_its_fields():
    html = render_to_string("includes/form_errors.html", {"form": Plain(data={})})
    assert 'href="#id_name"' in html and "Your name: This field is required." in html
    assert render_to_string("includes/form_errors.html", {"form": Plain(data={"name": "x"})}).strip() == ""


def test_a_group_of_radios_with_nothing_to_choose_is_linked_by_the_group():
    form = Example(data={})
    form.fields["kind"].choices = []
    assert ("id_kind", "This field is required.") in form.error_links
