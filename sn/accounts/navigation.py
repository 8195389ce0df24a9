"""The header links a user sees, from their role and scope."""

from django.urls import reverse

from sn.core.access import has_permission


def navigation_for(user, current_path: str) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = [("Home", reverse("core:home"))]
    if has_permission(user, "view_force_overview"):
        items.append(("Force", reverse("geography:force")))
        items.append(("Staffing", reverse("teams:force_staffing")))
        items.append(("Performance", reverse("performance:force")))
        items.append(("Demand", reverse("crime:force_demand")))
    elif has_permission(user, "view_borough_overview") and user.borough_id:
        code = user.borough.code
        items.append(("Borough", reverse("geography:borough", args=[code])))
        items.append(("Staffing", reverse("teams:borough_staffing", args=[code])))
        items.append(("Performance", reverse("performance:borough", args=[code])))
        items.append(("Crime", reverse("crime:borough_profile", args=[code])))
    if has_permission(user, "use_admin"):
        items.append(("Admin", reverse("admin:index")))
    items.append(("Change password", reverse("accounts:password_change")))
    return [{"label": label, "href": href, "active": current_path == href} for label, href in items]
