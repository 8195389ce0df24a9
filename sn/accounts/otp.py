"""The second factor: who must give a time-based code after their password, and the writes that enrol,
renew recovery codes and reset (django-otp's TOTP and static devices; docs/how-to/second-factor.md).

Panel members are exempt: they are residents who volunteer, and see what their own ward's panel sees.
Partners are not: an invited partner reaches case records that name victims and offenders, the personal
data the second factor is there to protect. A user with no role yet is treated as staff, so that a
mistake in the admin fails closed."""

import logging
import secrets
import time
from base64 import b32encode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sn.accounts.models import User
from sn.core.audit import audit_actor, record_change
from sn.core.roles import Role

log = logging.getLogger("sn.security")

EXEMPT_ROLES = frozenset({Role.PANEL_MEMBER})
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
# One step either side of now: phones whose clocks drift by up to 30 seconds still work.
TOLERANCE = 1


def is_exempt(user: User) -> bool:
    return user.role in EXEMPT_ROLES


def is_enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required(user: User) -> bool:
    """Whether the user must enrol (and then give a code) at all: staff, when the setting says so."""
    return settings.SN_REQUIRE_SECOND_FACTOR and not is_exempt(user)


def second_factor_due(user: User) -> bool:
    """Whether this user's sign-in needs a code: everyone enrolled (where the setting leaves it optional,
    enrolling is the choice to be asked), and every staff member when the setting requires it."""
    return is_required(user) or is_enrolled(user)


def code_still_due(user) -> bool:
    """A signed-in user who has not yet passed the code step that their sign-in needs."""
    if not getattr(user, "is_authenticated", False):
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    return second_factor_due(user)


def new_key() -> str:
    """A fresh TOTP secret, as the hex django-otp stores (20 bytes: RFC 4226's recommended length)."""
    return secrets.token_hex(20)


def key_for_people(key: str) -> str:
    """The secret as authenticator apps ask for it when typed in: base32, in groups of four."""
    text = b32encode(bytes.fromhex(key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def unsaved_device(user: User, key: str) -> TOTPDevice:
    """The device a key would make, to draw its QR code before anything is saved."""
    return TOTPDevice(user=user, key=key, name=DEVICE_NAME, confirmed=False)


def clean_code(code: str) -> str:
    """A code as typed: spaces and hyphens dropped (apps show "123 456"), recovery codes in lower case."""
    return "".join(code.split()).replace("-", "").lower()


def _recovery_codes_make(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def totp_device_confirm(*, user: User, key: str, code: str, actor: User) -> tuple[TOTPDevice, list[str]]:
    """Save the authenticator app whose `key` the user was shown, once `code` proves the app holds it,
    with a first set of recovery codes (returned, to be shown once). Replaces any device the user had,
    so enrolling again on a new phone leaves the old phone useless."""
    device = unsaved_device(user, key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time()  # one instant for the check and the step saved below
    cleaned = clean_code(code)
    if not (cleaned.isdigit() and totp.verify(int(cleaned), tolerance=TOLERANCE)):
        raise ValidationError(
            {"code": "Enter the 6-digit code your authenticator app shows now for Safer Neighbourhoods."}
        )
    with transaction.atomic(), audit_actor(actor):
        replaced = TOTPDevice.objects.filter(user=user).delete()[0] > 0
        device.confirmed = True
        # The code just used cannot be used again to sign in.
        device.last_t = totp.t()
        device.drift = totp.drift
        device.save()
        codes = _recovery_codes_make(user)
        record_change(user, {"second_factor": ["replaced" if replaced else "none", "enrolled"]})
    log.info("second factor enrolled user=%s replaced=%s", user.pk, replaced)
    return device, codes


def recovery_codes_renew(*, user: User, actor: User) -> list[str]:
    """A new set of recovery codes; the old set stops working."""
    if not is_enrolled(user):
        raise ValidationError("Set up an authenticator app before making recovery codes.")
    with transaction.atomic(), audit_actor(actor):
        codes = _recovery_codes_make(user)
        record_change(user, {"recovery_codes": ["old set", "new set"]})
    log.info("recovery codes renewed user=%s", user.pk)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def code_check(*, user: User, code: str):
    """The device that accepts `code` (the app's code, or a recovery code, which is used up), or None.
    Counting wrong codes is the lockout's job (the code step's view), not the devices'."""
    cleaned = clean_code(code)
    if not cleaned:
        return None
    with transaction.atomic():
        if cleaned.isdigit():
            for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if device.verify_token(cleaned):
                    return device
        for device in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(cleaned):
                return device
    return None


def second_factor_reset(*, user: User, actor: User, address: str = "") -> User:
    """Remove a user's authenticator app and recovery codes (they lost their phone and their codes), so
    that they enrol again at their next sign-in. Refused when there is nothing to remove, so the trail
    records only real resets."""
    if (
        not TOTPDevice.objects.filter(user=user).exists()
        and not StaticDevice.objects.filter(user=user).exists()
    ):
        raise ValidationError({"user": f"{user.get_username()} has no second factor to reset."})
    with transaction.atomic(), audit_actor(actor):
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        record_change(user, {"second_factor": ["enrolled", "reset"]})
    log.warning(
        "second factor reset user=%s username=%r by=%s address=%s",
        user.pk,
        user.get_username(),
        getattr(actor, "pk", None),
        address,
    )
    return user
