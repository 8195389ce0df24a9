"""The Key Individual Network and community contacts (stage 2): people who agreed to be contacted,
the words they agreed to, and the team's interviews with KIN members.

Personal data lives only in each record's `PERSONAL_FIELDS`. Those fields are summarised in the audit
trail (it records that they changed, never their values), so erasing a person (withdrawal, or a
retention review) leaves their details nowhere: the record keeps its ward, its kind and its dates as
anonymous counts (sn.community.services).
"""

from typing import ClassVar

from django.db import models
from django.urls import reverse

from sn.core.models import ArchivableModel, AuditedModel


class AgeBand(models.TextChoices):
    """Census 2021's six bands of usual residents by age, so that whom a team reaches compares with
    whom the ward holds."""

    UNDER_16 = "0-15", "15 and under"
    FROM_16 = "16-24", "16 to 24"
    FROM_25 = "25-34", "25 to 34"
    FROM_35 = "35-49", "35 to 49"
    FROM_50 = "50-64", "50 to 64"
    FROM_65 = "65+", "65 and over"


class ConsentMethod(models.TextChoices):
    SIGNED = "signed", "Signed the consent form"
    VERBAL = "verbal", "Agreed in person or by phone (recorded by the officer)"
    EMAIL = "email", "Agreed by email"
    ONLINE = "online", "Agreed on an online form"


class ConsentWording(AuditedModel):
    """The words a person is shown when they agree to be on the network or the contacts list. Versions
    are never edited once written, so every record shows exactly what its person agreed to."""

    class Purpose(models.TextChoices):
        KIN = "kin", "Key Individual Network"
        CONTACT = "contact", "Community contacts"

    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    version = models.PositiveSmallIntegerField()
    text = models.TextField()
    in_use_from = models.DateField()

    class Meta:
        ordering = ["purpose", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "version"], name="consent_wording_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} consent, version {self.version}"


class ErasureReason(models.TextChoices):
    WITHDRAWN = "withdrawn", "Consent withdrawn"
    RETENTION = "retention", "Erased after a retention review"


class PersonalRecord(ArchivableModel):
    """What a KIN member and a contact share: the ward, the person's details, their consent and what
    became of it. A record without consent cannot be saved through the services."""

    name = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=300, blank=True)
    street = models.CharField(max_length=200, blank=True, help_text="Street or area, in words")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True)
    consent_wording = models.ForeignKey(ConsentWording, on_delete=models.PROTECT, related_name="+")
    consent_given_on = models.DateField()
    consent_method = models.CharField(max_length=10, choices=ConsentMethod.choices)
    consent_withdrawn_on = models.DateField(null=True, blank=True)
    # When a retention review last decided to keep the record: it restarts the review period.
    reviewed_on = models.DateField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    erased_reason = models.CharField(max_length=10, choices=ErasureReason.choices, blank=True)

    PERSONAL_FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "phone",
        "email",
        "address",
        "street",
        "latitude",
        "longitude",
        "age_band",
    )

    class Meta:
        abstract = True

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def is_active(self) -> bool:
        """Still on the list: consent stands, details held, not archived."""
        return not (self.is_erased or self.is_archived or self.consent_withdrawn_on)

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class KinMember(PersonalRecord):
    """A key individual: someone well connected in the ward whom the team interviews regularly."""

    class Role(models.TextChoices):
        BUSINESS = "business", "Shopkeeper or business owner"
        CARETAKER = "caretaker", "Caretaker, concierge or estate staff"
        FAITH = "faith", "Faith leader"
        YOUTH = "youth", "Youth worker"
        RESIDENTS = "residents", "Residents' or tenants' association"
        SCHOOL = "school", "School or college staff"
        HEALTH = "health", "Health or care worker"
        COMMUNITY = "community", "Community group organiser"
        TRANSPORT = "transport", "Transport staff"
        RESIDENT = "resident", "Active resident"
        OTHER = "other", "Other"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="kin_members"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    role_detail = models.CharField(
        max_length=200, blank=True, help_text="What they do, in words: 'Manager, the Co-op on Lordship Lane'"
    )
    joined_on = models.DateField()
    # The latest interview's date, kept in step by the interview services, so that due lists and
    # force-wide compliance are one aggregate query rather than one per member.
    last_interviewed_on = models.DateField(null=True, blank=True)

    PERSONAL_FIELDS = (*PersonalRecord.PERSONAL_FIELDS, "role_detail")
    audit_summarised_fields = frozenset(PERSONAL_FIELDS)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "KIN member"
        indexes = [models.Index(fields=["neighbourhood", "erased_at"], name="kin_member_ward_idx")]

    def __str__(self) -> str:
        # What the trail and history pages show: never the person's name.
        return f"KIN member {self.pk} ({self.get_role_display().lower()})"


class KinInterview(AuditedModel):
    """One interview with a KIN member, by an officer of the team. Concerns raised at it are Concern
    records (sn.concerns) linked back to it as their source."""

    class Method(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "By phone"
        ONLINE = "online", "Online (video or message)"

    member = models.ForeignKey(KinMember, on_delete=models.PROTECT, related_name="interviews")
    # The member's ward when interviewed: compliance counts a team's interviews without a join. Its
    # lookups are served by the (neighbourhood, interviewed_on) index below; the officer is never
    # looked up by (officers are archived, not deleted). Half a million rows in the demo: every index
    # is paid for on every insert.
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    interviewed_on = models.DateField()
    # The first day of the interview's month, set with it: force-wide compliance counts interviews by
    # team and month from an index of (month, ward) alone, with no date arithmetic on 500,000 rows.
    month = models.DateField(editable=False)
    officer = models.ForeignKey("teams.Officer", on_delete=models.PROTECT, related_name="+", db_index=False)
    method = models.CharField(max_length=10, choices=Method.choices)
    # May name people; blanked when the member's details are erased.
    notes = models.TextField(max_length=4000, blank=True)

    audit_summarised_fields = frozenset({"notes"})

    class Meta:
        ordering = ["-interviewed_on", "-id"]
        verbose_name = "KIN interview"
        indexes = [
            models.Index(fields=["neighbourhood", "interviewed_on"], name="kin_interview_ward_idx"),
            models.Index(fields=["month", "neighbourhood"], name="kin_interview_month_idx"),
        ]

    def __str__(self) -> str:
        day = self.interviewed_on
        return f"KIN interview {self.pk} on {day.day} {day:%b %Y}"

    def get_absolute_url(self) -> str:
        # Where a concern raised at the interview leads back to (sn.concerns' source_record).
        return reverse("community:kin_member", args=[self.member_id]) + f"#interview-{self.pk}"


class Contact(PersonalRecord):
    """A person or a group the team can reach on the community contacts list, with what they care about."""

    class Kind(models.TextChoices):
        PERSON = "person", "A person"
        GROUP = "group", "A group or organisation"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="community_contacts"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    organisation = models.CharField(max_length=200, blank=True)
    # Topics of sn.concerns.taxonomy they care about, as its codes, and anything else in words.
    topics = models.JSONField(default=list, blank=True)
    interests = models.CharField(max_length=300, blank=True)
    # The last time the team was in touch: what keeps the record from the retention review.
    last_contacted_on = models.DateField(null=True, blank=True)

    PERSONAL_FIELDS = (*PersonalRecord.PERSONAL_FIELDS, "organisation", "topics", "interests")
    audit_summarised_fields = frozenset(PERSONAL_FIELDS)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "community contact"
        indexes = [models.Index(fields=["neighbourhood", "erased_at"], name="contact_ward_idx")]

    def __str__(self) -> str:
        return f"Community contact {self.pk} ({self.get_kind_display().lower()})"
