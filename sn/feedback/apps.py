from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """ "Your Voice Counts": residents' praise, complaints and suggestions about a ward or team, the
    borough's queue that triages, replies and closes them, and the erasure of senders' details."""

    name = "sn.feedback"
    label = "feedback"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.feedback import hooks, permissions  # noqa: F401
