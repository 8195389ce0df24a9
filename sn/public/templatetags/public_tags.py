"""Template tags for the public pages: the force's name in the header, and a person's initials."""

from django import template
from django.conf import settings

from sn.geography.models import Force

register = template.Library()


@register.simple_tag
def public_force_name() -> str:
    """The force the service belongs to, named from the data (as the accessibility statement is), then
    from the settings."""
    force = Force.objects.order_by("pk").only("name").first()
    return force.name if force else settings.SN_POLICE_FORCE_NAME


@register.filter
def initials(name: str) -> str:
    """'Jo Smith-Jones' -> 'JS': the avatar of an officer with no photo."""
    parts = [part for part in str(name or "").replace("-", " ").split() if part[:1].isalpha()]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][0].upper()
    return (parts[0][0] + parts[-1][0]).upper()
