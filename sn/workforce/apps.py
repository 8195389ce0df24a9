from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    """Where the neighbourhood officers actually are: their duties (on their own ward, lent to another,
    or abstracted), the duty codes and abstraction policy the central unit keeps, the teams' shift
    patterns, and the monthly abstraction monitoring that seed 003's submissions were."""

    name = "sn.workforce"
    label = "workforce"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.workforce import hooks, jobs, permissions  # noqa: F401
