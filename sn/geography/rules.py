"""Record-level access: one rule per record type that both trims lists and checks single objects, so a
list and a detail page can never disagree (data-hub-api's "all" versus "associated").

A rule knows the permissions of its two tiers and how a record reaches its neighbourhood(s). A user
holding the "all" permission sees every record; one holding the "associated" permission sees the
records whose neighbourhood is in their scope, plus any record granted to them by name; anyone else
sees none. `get_for_user` raises 404 for a record the user may not see and 403 for one they may see
but not change, so that a record outside someone's area is never confirmed to exist.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from sn.core.access import has_permission
from sn.geography.models import Neighbourhood
from sn.geography.scope import Scope, scope_of


@dataclass(frozen=True)
class Tier:
    all: str | None = None  # permission to reach every record of the type
    associated: str | None = None  # permission to reach the records in one's scope


@dataclass(frozen=True)
class RecordRule:
    model: type[Model]
    # ORM path from the record to its neighbourhood ("" when the record is a Neighbourhood). A record
    # with several neighbourhoods (an officer with postings on two wards) names the many-valued path.
    neighbourhood_path: str
    view: Tier
    change: Tier = field(default_factory=Tier)
    # Extra, non-geographic reach for a user (a partner organisation invited to a case): `extra` for
    # reading, `extra_change` for changing; a reach to read never implies a reach to change.
    extra: Callable[[object], Q] | None = None
    extra_change: Callable[[object], Q] | None = None
    # The related manager or attribute chain to the record's neighbourhoods, for single objects.
    neighbourhoods_of: Callable[[Model], Iterable[Neighbourhood]] | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def _tier_q(self, user, tier: Tier, scope: Scope, extra: Callable[[object], Q] | None) -> Q | None:
        """None: nothing at all; Q(): everything; otherwise the records within reach."""
        if tier.all and has_permission(user, tier.all):
            return Q()
        reach = Q(pk__in=[])
        if tier.associated and has_permission(user, tier.associated):
            if scope.everything:
                return Q()
            reach = scope.neighbourhood_q(self.neighbourhood_path)
        granted = scope.granted_ids(self.label)
        if granted:
            reach |= Q(pk__in=granted)
        if extra is not None:
            reach |= extra(user)
        return reach

    def filter_for(self, user, queryset: QuerySet | None = None, *, for_write: bool = False) -> QuerySet:
        queryset = self.model._default_manager.all() if queryset is None else queryset
        scope = scope_of(user)
        if for_write:
            reach = self._tier_q(user, self.change, scope, self.extra_change)
        else:
            reach = self._tier_q(user, self.view, scope, self.extra)
        if reach is None:
            return queryset.none()
        if reach == Q():
            return queryset
        # Many-valued paths can repeat a record once per neighbourhood.
        return (
            queryset.filter(reach).distinct() if "__" in self.neighbourhood_path else queryset.filter(reach)
        )

    def can_see(self, user, obj: Model) -> bool:
        return self.filter_for(user, self.model._default_manager.filter(pk=obj.pk)).exists()

    def get_for_user(
        self, user, queryset: QuerySet | None = None, *, for_write: bool = False, **lookup
    ) -> Model:
        """The record matching `lookup`: 404 when it is not there or not within the user's reach, 403
        when they may read it but not change it."""
        base = self.model._default_manager.all() if queryset is None else queryset
        obj = self.filter_for(user, base).filter(**lookup).first()
        if obj is None:
            raise Http404(f"No such {self.model._meta.verbose_name} in your area")
        if for_write and not self.filter_for(user, base.filter(pk=obj.pk), for_write=True).exists():
            raise PermissionDenied
        return obj

    def neighbourhoods(self, obj: Model) -> list[Neighbourhood]:
        if self.neighbourhoods_of is not None:
            return list(self.neighbourhoods_of(obj))
        if not self.neighbourhood_path:
            return [obj]
        ids = self.model._default_manager.filter(pk=obj.pk).values_list(
            f"{self.neighbourhood_path}__id", flat=True
        )
        return list(Neighbourhood.objects.filter(id__in=[i for i in ids if i is not None]))
