from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "sn.teams"
    label = "teams"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.teams import hooks, permissions  # noqa: F401
