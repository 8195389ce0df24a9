"""Rendering a form field of any widget in GOV.UK Frontend markup (templates/community/_field.html)."""

from django import forms, template

register = template.Library()

_KINDS = (
    (forms.RadioSelect, "radios"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Select, "select"),
    (forms.Textarea, "textarea"),
)


@register.filter
def widget_kind(field) -> str:
    """Which GOV.UK component a bound field is drawn as: radios, checkboxes, checkbox, select, textarea
    or input (text, email, date, number...)."""
    widget = field.field.widget
    return next((kind for cls, kind in _KINDS if isinstance(widget, cls)), "input")


@register.filter
def is_checked(value, choice) -> bool:
    """Whether `choice` is among a field's current value(s), compared as text (a bound form holds text,
    an initial value may be a number)."""
    if value is None:
        return False
    values = value if isinstance(value, list | tuple) else [value]
    return str(choice) in {str(v) for v in values}
