"""Template helpers of the concerns and engagement pages: GOV.UK form fields whatever their widget, and a
small trend line drawn on the server."""

from django import forms, template
from django.utils.html import format_html

from sn.concerns import analysis

register = template.Library()


@register.filter
def widget_kind(field) -> str:
    widget = field.field.widget
    # CheckboxSelectMultiple first: Django makes it a subclass of RadioSelect.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.filter
def is_checked(value, choice) -> bool:
    """Whether a choice is the field's value (or among its values)."""
    if isinstance(value, list | tuple | set | frozenset):
        return str(choice) in {str(v) for v in value}
    return value is not None and str(value) == str(choice)


@register.filter
def topic_words(topic: str) -> str:
    """A topic as a sentence names it: "burglary", "litter and fly-tipping (ASB)"."""
    return analysis.topic_words(topic)


SPARK_WIDTH, SPARK_HEIGHT = 96, 24


@register.simple_tag
def sparkline(values, label: str = "") -> str:
    """A monthly series as a small line, for a table cell. The numbers themselves are in the table or the
    download; the line's label says what it shows, so a screen reader hears a sentence, not a shape."""
    values = list(values)
    if not values:
        return ""
    top = max(values) or 1
    step = SPARK_WIDTH / max(len(values) - 1, 1)
    points = " ".join(
        f"{i * step:.1f},{SPARK_HEIGHT - 2 - (v / top) * (SPARK_HEIGHT - 4):.1f}"
        for i, v in enumerate(values)
    )
    return format_html(
        '<svg class="sn-spark" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{}"/></svg>',
        SPARK_WIDTH,
        SPARK_HEIGHT,
        SPARK_WIDTH,
        SPARK_HEIGHT,
        label or f"Monthly counts: {', '.join(str(v) for v in values)}",
        points,
    )
