from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "sn.profiles"
    label = "profiles"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.profiles import hooks, permissions  # noqa: F401
