"""Imported in PoliceApiConfig.ready(): the police.uk API's operations' access rules, for the generated
permissions table (every operation is public, sn.core.access.api_access(public=True), and so are the
OpenAPI document and the bare root, which serves nothing: 404); and the signals that make its cached
answers old."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from sn.core.access import AccessRule
from sn.core.registries import ROUTE_RULES, RouteRule
from sn.engagement.models import Event
from sn.geography.models import Borough, Force, Neighbourhood
from sn.panels.models import Meeting, Panel, Priority, Statement
from sn.policeapi.api import api
from sn.policeapi.middleware import bump_version
from sn.teams.models import Officer, Posting, Team

for url_name in ("openapi-json", "api-root"):
    ROUTE_RULES.register(RouteRule(f"policeapi:{url_name}", AccessRule(public=True)))
for _prefix, router in api._routers:
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            rule = getattr(operation.view_func, "access_rule", None)
            if operation.url_name and rule is not None:
                ROUTE_RULES.register(RouteRule(f"policeapi:{operation.url_name}", rule))


# --- What makes the stored answers old (sn.policeapi.middleware): a change to anything the neighbourhood
# side shows, now and again once committed (as the public pages do: sn/public/hooks.py). The published
# crimes are rebuilt in bulk, which sends no signals: the middleware also matches the published layer's
# own version, which every rebuild moves (sn.incidents.disclosure.PUBLISHED_VERSION_KEY).
SHOWN = (Force, Borough, Neighbourhood, Team, Officer, Posting, Panel, Meeting, Priority, Statement, Event)


def _changed(sender, **kwargs) -> None:
    bump_version()
    transaction.on_commit(bump_version)


for model in SHOWN:
    post_save.connect(_changed, sender=model, dispatch_uid=f"policeapi-{model._meta.label}-save")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"policeapi-{model._meta.label}-delete")
