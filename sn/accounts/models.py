"""Users, their role and the geographic anchor of their scope."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from sn.core.models import AuditedModel
from sn.core.roles import Role


class PartnerOrganisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        HOUSING = "housing", "Housing provider"
        SCHOOLS = "schools", "Schools"
        TRANSPORT = "transport", "Transport"
        YOUTH = "youth", "Youth service"
        HEALTH = "health", "Health"
        FIRE = "fire", "Fire and rescue"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    boroughs = models.ManyToManyField("geography.Borough", related_name="partner_organisations", blank=True)

    def __str__(self) -> str:
        return self.name


class User(AuditedModel, AbstractUser):
    """A person who signs in. Role decides what they may do; the anchors below decide where.

    Team officers and sergeants are anchored by their officer record's postings, inspectors by the
    clusters they command, analysts and borough leads by `borough`, panel members by `neighbourhood`,
    partners by their organisation's boroughs (and, later, the cases they are invited to).
    """

    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    officer = models.OneToOneField(
        "teams.Officer", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    borough = models.ForeignKey(
        "geography.Borough", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    partner_organisation = models.ForeignKey(
        PartnerOrganisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )

    audit_summarised_fields = frozenset({"password"})
    audit_ignored_fields = frozenset({"last_login"})

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AccessPolicy(models.Model):
    """Holds no rows: the permissions each app declares (sn.core.permissions) are Permission records
    of this model, created by `sn setup-roles`, so that every permission lives under `accounts.`."""

    class Meta:
        managed = False
        default_permissions = ()

    def __str__(self) -> str:
        return "Access policy"


class AccessGrantQuerySet(models.QuerySet):
    def active(self, on):
        return self.filter(starts_on__lte=on, revoked_at__isnull=True).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on)
        )


class AccessGrant(AuditedModel):
    """Reach beyond a user's role: a ward they are lent to for a period, or one record they are
    invited to (a case, say). Grants are never deleted, only revoked, so the trail shows who could
    see what and when."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_grants")
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    record_label = models.CharField(
        max_length=100, blank=True, help_text="app_label.model of a granted record"
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AccessGrantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="access_grant_names_one_thing",
                condition=(
                    models.Q(neighbourhood__isnull=False, record_label="", record_id__isnull=True)
                    | models.Q(neighbourhood__isnull=True, record_id__isnull=False)
                    & ~models.Q(record_label="")
                ),
            ),
            models.CheckConstraint(
                name="access_grant_ends_after_it_starts",
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        what = self.neighbourhood or f"{self.record_label} {self.record_id}"
        return f"{self.user} may reach {what} from {self.starts_on}"


class ApiToken(AuditedModel):
    """A key to the platform's API (/api/v1/) that acts exactly as its owner: same role, same scope,
    same permission checks as the pages. Only a SHA-256 hash of the secret is kept (docs/adr/0009): the
    token is shown once, when it is made. A token is never deleted, only revoked, so the trail keeps
    who could reach the API with what, and when."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, in a few words")
    # The public part of the token ("sn_" + 8 hex characters), shown in lists to tell tokens apart and
    # used to find the row; the secret after it is never stored.
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    audit_summarised_fields = frozenset({"secret_hash"})
    # Bookkeeping written on use (at most once a minute), not a change anyone made.
    audit_ignored_fields = frozenset({"last_used_at"})

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    def state(self, now=None) -> str:
        """ "active", "expired" or "revoked"."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return "expired"
        return "active"
