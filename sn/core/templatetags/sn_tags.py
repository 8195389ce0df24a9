from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_text_script(text: str, element_id: str) -> str:
    """Embed JSON that is already text (e.g. GeoJSON built by a selector) in a data script block,
    escaped so that it cannot close the tag; json_script would encode it a second time."""
    return mark_safe(  # noqa: S308 - the text is escaped for a script context above
        f'<script id="{element_id}" type="application/json">{text.translate(_SCRIPT_ESCAPES)}</script>'
    )
