from django.apps import AppConfig


class PoliceApiConfig(AppConfig):
    """The police.uk-compatible public API under /api/ (../shared/reference/police-uk-api.md): the same
    paths, parameters, JSON shapes, errors and limits, so existing clients work by changing the base URL."""

    name = "sn.policeapi"
    label = "policeapi"

    def ready(self) -> None:
        # Importing registers the operations' access rules.
        from sn.policeapi import hooks  # noqa: F401
