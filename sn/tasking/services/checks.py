"""Who may write: each service checks its actor, so a rule holds however it is called. A signed-in user
must hold the permission and reach the borough (or, raising a bid, the ward); an actor that is no user
(None for the system, a command's operator by name) is trusted, as in sn.panels.services.checks."""

from django.core.exceptions import ValidationError

from sn.core.access import has_permission
from sn.geography.models import Borough, Neighbourhood
from sn.geography.scope import scope_of
from sn.panels.services.checks import is_user


def check_borough_actor(actor, *, permission: str, borough: Borough, field: str, doing: str) -> None:
    if not is_user(actor):
        return
    if not has_permission(actor, permission):
        raise ValidationError({field: f"Your role cannot {doing}."})
    scope = scope_of(actor)
    if not (scope.everything or borough.pk in scope.borough_ids):
        raise ValidationError({field: f"{borough.name} is not your borough, so you cannot {doing} there."})


def check_ward_actor(actor, *, permission: str, neighbourhood: Neighbourhood, field: str, doing: str) -> None:
    if not is_user(actor):
        return
    if not has_permission(actor, permission):
        raise ValidationError({field: f"Your role cannot {doing}."})
    if not scope_of(actor).covers_neighbourhood(neighbourhood):
        raise ValidationError(
            {field: f"{neighbourhood.name} is outside your area, so you cannot {doing} there."}
        )


def refuse(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)
