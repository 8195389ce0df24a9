from django.apps import AppConfig


class QueriesConfig(AppConfig):
    """Community queries (issue 14, part 2): every query from a resident or business is a ticket on a
    72-hour clock that only a substantive reply stops."""

    name = "sn.queries"
    label = "queries"

    def ready(self) -> None:
        from sn.queries import hooks, permissions  # noqa: F401
