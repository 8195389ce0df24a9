"""The header links a user sees: every registered item whose link is theirs, in order."""

from sn.core.registries import NAVIGATION


def navigation_for(user, current_path: str) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = [(item.label, href) for item in NAVIGATION if (href := item.href(user))]
    return [{"label": label, "href": href, "active": current_path == href} for label, href in items]
