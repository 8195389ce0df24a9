from django.apps import AppConfig


class AsbConfig(AppConfig):
    """Anti-social behaviour (issue 14, parts 4 and 5): reports linked to people and addresses, risk at
    first contact, the ASB Case Review threshold, orders, the force's ASB lead and action plan."""

    name = "sn.asb"
    label = "asb"

    def ready(self) -> None:
        from sn.asb import hooks, permissions  # noqa: F401
