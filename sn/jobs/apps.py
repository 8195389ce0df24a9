from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background jobs: long imports and documents run by `sn worker` beside the web server, with their
    progress, summary and errors kept on a Job record that the page polls."""

    name = "sn.jobs"
    label = "jobs"

    def ready(self) -> None:
        from sn.jobs import hooks, permissions  # noqa: F401
