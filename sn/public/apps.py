from django.apps import AppConfig


class PublicConfig(AppConfig):
    """What residents see without signing in: ward and borough pages, "you said, we did", finding your
    ward and the crime map with disclosure control. Nothing below imports this app."""

    name = "sn.public"
    label = "public"

    def ready(self) -> None:
        # Importing connects the signals that make stored public pages old when what they show changes.
        from sn.public import hooks  # noqa: F401
