"""Defects found by the QA walk of the demo, each pinned by the test that failed before its fix."""

import pytest
from django import forms

from sn.concerns.templatetags.concerns_tags import widget_kind as concerns_widget_kind
from sn.panels.templatetags.panels_tags import widget_kind


class _Form(forms.Form):
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


@pytest.mark.parametrize("kind_of", [widget_kind, concerns_widget_kind])
def test_a_field_of_several_choices_is_drawn_as_checkboxes_not_radios(kind_of):
    # Django's CheckboxSelectMultiple is a subclass of RadioSelect, so it was drawn as radios: the meeting
    # forms took one attendee and a case one police.uk category.
    form = _Form()
    assert kind_of(form["several"]) == "checkboxes"
    assert kind_of(form["one"]) == "radios"
