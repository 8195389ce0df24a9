"""What makes the stored public pages old (sn.public.cache): a change to anything they show. When the
change is saved, and again once it is committed, the cache's version moves, so the next visit to any
public page renders it afresh. Bulk loads that send no signals (the demo build) are covered by the
pages' lifetime, SN_PUBLIC_CACHE_SECONDS."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from sn.engagement.models import Event
from sn.geography.models import Borough, Cluster, Force, Neighbourhood
from sn.panels.models import Meeting, Panel, Priority, Statement
from sn.panels.models.priorities import Milestone, ProgressUpdate
from sn.public.cache import bump_version
from sn.teams.models import Officer, Posting, Team

SHOWN = (
    Force,
    Borough,
    Cluster,
    Neighbourhood,
    Team,
    Officer,
    Posting,
    Panel,
    Meeting,
    Priority,
    Milestone,
    ProgressUpdate,
    Statement,
    Event,
)


def _changed(sender, **kwargs) -> None:
    # Now, and again once committed: a page rendered from the old rows between the two (another worker
    # reading before the commit) is stored under the first new version and made old by the second.
    bump_version()
    transaction.on_commit(bump_version)


for model in SHOWN:
    post_save.connect(_changed, sender=model, dispatch_uid=f"public-pages-{model._meta.label}-save")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"public-pages-{model._meta.label}-delete")
m2m_changed.connect(_changed, sender=Neighbourhood.neighbours.through, dispatch_uid="public-pages-neighbours")
