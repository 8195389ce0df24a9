"""Shared reads of accounts: whose accounts a user looks after, and which of them are locked out."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sn.accounts.lockout import locked_usernames
from sn.accounts.models import User
from sn.core.roles import ROLES
from sn.geography.scope import scope_of
from sn.teams.selectors import active_postings


def _roles_anchored_by(field: str) -> list[str]:
    return [role.value for role, spec in ROLES.items() if spec.anchor == field]


def users_looked_after_by(user) -> QuerySet[User]:
    """Everyone for a force-wide scope; otherwise the users whose role is anchored in the user's area:
    by a borough or ward in it, an organisation working in it, or an officer posted to it or
    commanding a cluster in it."""
    scope = scope_of(user)
    if scope.everything:
        return User.objects.all()
    boroughs = scope.boroughs()
    neighbourhoods = scope.neighbourhoods()
    posted = active_postings(on=timezone.localdate()).filter(team__neighbourhood__in=neighbourhoods)
    officer_q = Q(officer__in=posted.values("officer")) | Q(officer__clusters_commanded__in=scope.clusters())
    return User.objects.filter(
        Q(role__in=_roles_anchored_by("borough"), borough__in=boroughs)
        | Q(role__in=_roles_anchored_by("neighbourhood"), neighbourhood__in=neighbourhoods)
        | Q(role__in=_roles_anchored_by("partner_organisation"), partner_organisation__boroughs__in=boroughs)
        | Q(officer_q, role__in=_roles_anchored_by("officer"))
    ).distinct()


@dataclass(frozen=True)
class LockedAccount:
    user: User
    until: datetime


def locked_accounts_for(user) -> list[LockedAccount]:
    """The accounts the user looks after that are locked out now, soonest unlocked first."""
    locked = locked_usernames()
    users = users_looked_after_by(user).filter(username__in=list(locked)).order_by("username")
    return sorted((LockedAccount(u, locked[u.username]) for u in users), key=lambda a: a.until)


def get_user_looked_after_by(user, pk: int) -> User:
    """One user whose account `user` looks after; 404 for anyone else."""
    found = users_looked_after_by(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such account in your area")
    return found
