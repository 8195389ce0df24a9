from django.apps import AppConfig


class PatrolsConfig(AppConfig):
    """Town-centre and hotspot patrols (issue 14, part 6): plans from demand, patrols delivered, and
    the town-centre crime categories."""

    name = "sn.patrols"
    label = "patrols"

    def ready(self) -> None:
        from sn.patrols import hooks, permissions  # noqa: F401
