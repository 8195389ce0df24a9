from django import template
from django.template.loader import get_template

from sn.pages.selectors import Crumb, trail

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, panel) -> str:
    """A registered panel in its own template, with the page's context and the panel's own on top.

    Rendered without the request: the page's context already holds what the context processors give
    (the user, the CSRF token, the navigation), and with the request Django would run every processor
    again for each panel, the navigation's permission checks included."""
    with context.push(**panel.context):
        return get_template(panel.template).render(context.flatten())


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, area=None, *then) -> dict:
    """Home > borough > cluster > ward down to `area` (none: Home alone), then any pages between it and
    this one as label, address pairs: {% breadcrumbs borough "Demand map" demand_url %}."""
    crumbs = trail(context["request"].user, area)
    crumbs += [Crumb(label, href) for label, href in zip(then[::2], then[1::2], strict=True)]
    return {"crumbs": crumbs}
