"""What geography adds to pages and resolvers it does not own (imported in GeographyConfig.ready())."""

from sn.core.registries import HISTORY_RECORDS, WARD_PANELS, HistoryRecord, Panel
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of


def neighbours_panel(user, neighbourhood: Neighbourhood) -> dict:
    scope = scope_of(user)
    neighbours = list(neighbourhood.neighbours.all())  # prefetched, with borough, by the page selector
    return {"neighbours": [(n, scope.covers_neighbourhood(n)) for n in neighbours]}


WARD_PANELS.register(
    Panel(
        key="neighbours",
        title="Neighbouring areas",
        order=80,
        template="geography/panels/neighbours.html",
        build=neighbours_panel,
    )
)
HISTORY_RECORDS.register(HistoryRecord("neighbourhood", Neighbourhood, lambda neighbourhood: [neighbourhood]))
