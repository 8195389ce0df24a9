"""The pack is stored as text (sn.tasking.pack.serial); on the page a case's reference in it becomes the
link to the case, for the readers of the pack (police roles of the borough, who may open its cases)."""

import re

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()

CASE_REFERENCE = re.compile(r"PS-(\d{5,})")


@register.filter
def case_reference_link(value):
    """A cell that is exactly a case reference ("PS-00042") as a link to the case; anything else as it is
    (escaped as usual)."""
    match = CASE_REFERENCE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return value
    url = reverse("problemsolving:case", args=[int(match.group(1))])
    return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)
