from django.apps import AppConfig


class CrimeConfig(AppConfig):
    """Crime and ASB demand rankings and ward/borough crime profiles, read from the incident rollup."""

    name = "sn.crime"
    label = "crime"
    verbose_name = "Crime demand and profiles"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.crime import hooks, permissions  # noqa: F401
