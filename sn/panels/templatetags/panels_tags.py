"""Template helpers of the panel pages: which GOV.UK component renders a form field, and how a
priority's status or a meeting's cadence is shown as a tag."""

from django import forms, template

register = template.Library()


@register.filter
def widget_kind(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, forms.Textarea):
        return "textarea"
    # CheckboxSelectMultiple first: Django makes it a subclass of RadioSelect.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


# GOV.UK tag colours: grey for what is over, yellow for waiting on someone, red for late.
STATUS_TAGS = {
    "active": "govuk-tag--blue",
    "panel_resolved": "govuk-tag--yellow",
    "closed": "govuk-tag--green",
    "withdrawn": "govuk-tag--grey",
    "superseded": "govuk-tag--grey",
    "draft": "govuk-tag--grey",
    "awaiting_approval": "govuk-tag--yellow",
    "approved": "govuk-tag--green",
    "planned": "govuk-tag--blue",
    "held": "govuk-tag--green",
    "cancelled": "govuk-tag--grey",
    "overdue": "govuk-tag--red",
    "due": "govuk-tag--yellow",
    "on time": "govuk-tag--green",
    "no panel": "govuk-tag--grey",
}


@register.filter
def tag_class(status: str) -> str:
    return STATUS_TAGS.get(str(status), "govuk-tag--grey")


@register.filter
def input_value(bound_field) -> str:
    """The field's value as its widget writes it (a date as 2026-03-05, as a date input needs), or ""."""
    value = bound_field.field.widget.format_value(bound_field.value())
    return "" if value is None else str(value)
