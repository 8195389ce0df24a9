from django.apps import AppConfig


class RostersConfig(AppConfig):
    """Shifts against demand (seed 000 paragraphs 47-53): calls for service by hour of week, the cover
    the duties give, when residents want officers, and a planner for a cluster's offset shifts."""

    name = "sn.rosters"
    label = "rosters"

    def ready(self) -> None:
        from sn.rosters import hooks, permissions  # noqa: F401
