"""Abstraction's sums kept between requests, for as long as the duties are unchanged.

A past month's duties rarely change, yet the force's report reads every duty of the trend's twelve
months. The sums are kept in the cache under a version of the duties that any write moves: every write
to a duty is audited (a new audit event; a bulk write is one event), a new duty moves the last id, and
the newest row's time of writing tells apart two sets of rows that reuse ids after a rolled-back
transaction (tests). The version is read from two primary keys and the audit index, so checking it
costs a millisecond where the sums cost a pass over the table. (A COUNT would add a scan of an index,
a tenth of a second on the demo force, and tell nothing the audit event does not.)
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Max

from sn.core.models import AuditEvent
from sn.workforce.models import Duty

# Long enough to serve a day of reading between imports; a write ends it sooner by moving the version.
SECONDS = 6 * 60 * 60


def duties_version() -> str:
    newest = Duty.objects.order_by("-id").values_list("id", "modified_at").first()
    audited = AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(Duty)).aggregate(
        last=Max("id")
    )["last"]
    return f"{newest}:{audited}"


def remembered(parts: tuple, compute):
    """`compute()`, or what it returned before for the same `parts` (which must hold the version)."""
    key = "abstraction:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, SECONDS)
    return found
