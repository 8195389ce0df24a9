"""API tokens: made for a user, shown once, kept only as a hash, listed and revoked by their owner or the
central unit, and read back into their owner when the API is called (docs/adr/0009-api-tokens.md).

A token is `sn_` + 8 hex characters (the public prefix, shown in lists and used to find the row) + `_` +
`secrets.token_urlsafe(32)` (256 random bits). Only the SHA-256 hash of the whole token is stored, and it
is compared in constant time. A slow password hash (argon2) would add nothing against guessing 256 random
bits and would cost every API call tens of milliseconds of CPU.
"""

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from sn.accounts.models import ApiToken, User
from sn.accounts.permissions import MANAGE_API_TOKENS
from sn.core.access import has_permission
from sn.core.audit import audit_actor

SCHEME = "sn_"
MAX_EXPIRY_DAYS = 3650
NAME_LENGTH = ApiToken._meta.get_field("name").max_length
# last_used_at is written at most this often per token, so a busy integration is not a write per call.
LAST_USED_RESOLUTION = timedelta(minutes=1)
_SHAPE = re.compile(r"sn_([0-9a-f]{8})_([A-Za-z0-9_-]{43})")
# Compared against when no token has the prefix, so that a miss costs the same as a wrong secret.
_NO_HASH = hashlib.sha256(b"no such token").hexdigest()


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _new_secret() -> tuple[str, str]:
    while True:
        prefix = f"{SCHEME}{secrets.token_hex(4)}"
        if not ApiToken.objects.filter(prefix=prefix).exists():
            return prefix, f"{prefix}_{secrets.token_urlsafe(32)}"


def api_token_create(
    *, owner: User, name: str, expires_in_days: int | None = None, actor: User | str | None = None
) -> tuple[ApiToken, str]:
    """A new token for `owner`, and the token itself: the only time it is ever shown. Any user with a
    role may hold one (staff and partners alike); it reaches what its owner reaches, no more."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Say what the token is for, such as the system that will use it."})
    if len(name) > NAME_LENGTH:
        raise ValidationError({"name": f"Keep the name to {NAME_LENGTH} characters or fewer."})
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
        raise ValidationError(
            {"expires_in_days": f"A token expires after 1 to {MAX_EXPIRY_DAYS} days, or never."}
        )
    if not owner.is_active or not owner.role:
        raise ValidationError({"owner": f"{owner.get_username()} has no active role to act with."})
    with transaction.atomic(), audit_actor(actor):
        prefix, raw = _new_secret()
        token = ApiToken.objects.create(
            owner=owner,
            name=name,
            prefix=prefix,
            secret_hash=_hash(raw),
            expires_at=timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None,
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: User | str | None = None) -> ApiToken:
    """Stop a token working, for good. Refused for a token already revoked, so the trail records only
    real revocations."""
    if token.revoked_at is not None:
        raise ValidationError({"token": f"{token.prefix} was already revoked."})
    with transaction.atomic(), audit_actor(actor):
        token.revoked_at = timezone.now()
        token.revoked_by = actor if isinstance(actor, User) else None
        token.save(update_fields=["revoked_at", "revoked_by", "modified_at", "modified_by"])
    return token


# --- Reads.


def tokens_for(user) -> QuerySet[ApiToken]:
    """The tokens a user may list and revoke: their own; every user's for the central unit."""
    tokens = ApiToken.objects.select_related("owner", "revoked_by").order_by("-created_at", "-id")
    return tokens if has_permission(user, MANAGE_API_TOKENS) else tokens.filter(owner=user)


def get_token_for_user(user, pk) -> ApiToken:
    """A token the user may revoke; 404 for anyone else's (a token is not confirmed to exist)."""
    token = tokens_for(user).filter(pk=pk).first()
    if token is None:
        raise Http404("No such API token of yours")
    return token


def user_for_token(raw: str) -> User | None:
    """The owner a token acts as, or None for a token that is malformed, unknown, wrong, revoked or
    expired, or whose owner is deactivated or has lost their role. Notes when it was last used."""
    match = _SHAPE.fullmatch(raw)
    token = None
    if match:
        token = ApiToken.objects.select_related("owner").filter(prefix=f"{SCHEME}{match.group(1)}").first()
    stored = token.secret_hash if token is not None else _NO_HASH
    if not hmac.compare_digest(stored, _hash(raw)) or token is None:
        return None
    now = timezone.now()
    if token.state(now) != "active" or not token.owner.is_active or not token.owner.role:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A plain UPDATE: bookkeeping, not a change for the audit trail (no row per call).
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.owner
