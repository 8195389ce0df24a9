"""Users, their role and the geographic anchor of their scope."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from sn.accounts.roles import PERMISSIONS, Role
from sn.core.models import AuditedModel


class PartnerOrganisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        HOUSING = "housing", "Housing provider"
        SCHOOLS = "schools", "Schools"
        TRANSPORT = "transport", "Transport"
        YOUTH = "youth", "Youth service"
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
    """Holds no rows: it exists so that the registry's permissions exist as Permission records."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = sorted(PERMISSIONS.items())

    def __str__(self) -> str:
        return "Access policy"
