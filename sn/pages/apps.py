from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The composed internal pages: home, the ward, cluster, borough and force pages, record history
    and the header navigation. They show what lower apps register; nothing below imports this app."""

    name = "sn.pages"
    label = "pages"

    def ready(self) -> None:
        # Importing fills the registries lower apps own (the header links to these pages).
        from sn.pages import hooks  # noqa: F401
