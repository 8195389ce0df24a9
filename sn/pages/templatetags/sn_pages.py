from django import template
from django.template.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, panel) -> str:
    """A registered panel in its own template, with the page's context and the panel's own on top."""
    with context.push(**panel.context):
        return get_template(panel.template).render(context.flatten(), context.get("request"))
