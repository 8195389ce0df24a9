"""Who may write: the services' own check of the actor, so that a rule holds however a service is
called (a page, the API, a command), not only where a view guards it.

An actor that is a signed-in user must hold the permission and have the ward in their scope; a panel
member recording the panel's decisions must be its chair. An actor that is not a user (None for the
system, a command's operator as a name) is trusted: it runs outside any one person's scope.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.core.access import has_permission
from sn.core.roles import Role
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of
from sn.panels.models import Panel, PanelMember
from sn.teams.models import Officer, Rank
from sn.teams.selectors import active_postings


def is_user(actor) -> bool:
    return actor is not None and not isinstance(actor, str) and getattr(actor, "is_authenticated", False)


def check_actor(actor, *, permission: str, neighbourhood: Neighbourhood, field: str, doing: str) -> None:
    """Refuse a user who may not do `doing` ("record the panel's decisions") on this ward."""
    if not is_user(actor):
        return
    if actor.role == Role.PANEL_MEMBER and actor.neighbourhood_id != neighbourhood.pk:
        home = actor.neighbourhood.name if actor.neighbourhood_id else "no ward"
        raise ValidationError(
            {
                field: f"You are a panel member for {home}, so you cannot {doing} for {neighbourhood.name}: "
                "a panel member acts only for their own ward."
            }
        )
    if not has_permission(actor, permission):
        raise ValidationError({field: f"Your role cannot {doing}."})
    if not scope_of(actor).covers_neighbourhood(neighbourhood):
        raise ValidationError(
            {field: f"{neighbourhood.name} is outside your area, so you cannot {doing} there."}
        )


def check_decision_maker(actor, *, panel: Panel, field: str) -> None:
    """A panel member records the panel's decisions only as its current chair."""
    if not is_user(actor) or actor.role != Role.PANEL_MEMBER:
        return
    chair = PanelMember.objects.live().filter(
        panel=panel, user_id=actor.pk, is_chair=True, left_on__isnull=True
    )
    if not chair.exists():
        raise ValidationError(
            {field: "Only the panel's chair records its decisions; ask the chair or the team to record this."}
        )


def team_sergeant_check(actor, *, neighbourhood: Neighbourhood, field: str, doing: str) -> None:
    """`actor` must be a sergeant posted today to the ward's team: the one whose endorsement the seed's
    process asks for (seed 003), not any sergeant, and not an inspector in their place."""
    if not is_user(actor):
        raise ValidationError({field: f"Only the team's sergeant can {doing}: say who is doing it."})
    officer: Officer | None = actor.officer if actor.officer_id else None
    if actor.role != Role.SERGEANT or officer is None or officer.rank != Rank.SERGEANT:
        raise ValidationError({field: f"Only the sergeant of {neighbourhood.name}'s team can {doing}."})
    posted = active_postings(on=timezone.localdate()).filter(
        officer=officer, team__neighbourhood=neighbourhood
    )
    if not posted.exists():
        raise ValidationError(
            {
                field: f"{officer.full_name} is not a sergeant of {neighbourhood.name}'s team, "
                f"so cannot {doing}: the ward's own sergeant does."
            }
        )


def officer_of_team_check(officer: Officer, *, neighbourhood: Neighbourhood, field: str) -> None:
    """A priority's owner works on the ward's team today."""
    if (
        not active_postings(on=timezone.localdate())
        .filter(officer=officer, team__neighbourhood=neighbourhood)
        .exists()
    ):
        raise ValidationError({field: f"{officer.full_name} is not posted to {neighbourhood.name}'s team."})
