from django.apps import AppConfig


class GuaranteeConfig(AppConfig):
    """The Neighbourhood Policing Guarantee's named officers and fresh priorities (issue 14, parts 1
    and 3)."""

    name = "sn.guarantee"
    label = "guarantee"

    def ready(self) -> None:
        from sn.guarantee import hooks, permissions  # noqa: F401
