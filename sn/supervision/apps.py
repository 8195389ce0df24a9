from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """The supervision model (seed 000 paragraphs 38-44): which adjacent quieter wards of a cluster can
    share a sergeant, solved for a target number of sergeants, and adopted through the postings."""

    name = "sn.supervision"
    label = "supervision"

    def ready(self) -> None:
        from sn.supervision import hooks, permissions  # noqa: F401
