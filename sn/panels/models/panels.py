"""A ward's panel and its members, with their contact details and optional diversity answers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from sn.core.models import ArchivableModel, AuditedModel


class Panel(AuditedModel):
    """The ward panel of one neighbourhood: residents, business people and councillors who choose the
    team's priorities and review them (seed 002, paragraphs 3-9). A ward has one panel at a time; a
    panel that folds (seed 001 names three) is dissolved, and a new one may be formed."""

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="panels"
    )
    name = models.CharField(max_length=200)
    formed_on = models.DateField()
    dissolved_on = models.DateField(null=True, blank=True)
    usual_venue = models.CharField(max_length=255, blank=True, help_text="Where the panel usually meets")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood"],
                condition=Q(dissolved_on__isnull=True),
                name="panels_one_active_panel_per_ward",
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("formed_on")),
                name="panels_panel_dissolved_after_formed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None


class MemberType(models.TextChoices):
    RESIDENT = "resident", "Resident"
    BUSINESS = "business", "Business"
    COUNCILLOR = "councillor", "Councillor"
    YOUTH = "youth", "Youth representative"
    FAITH_COMMUNITY = "faith_community", "Faith or community group"
    OTHER = "other", "Other"


CONTACT_FIELDS = ("email", "phone", "address")


class PanelMember(ArchivableModel):
    """Someone on a ward panel. Names and member types are shown to everyone who may open the panel;
    contact details only to the team, its sergeant and inspector, and only with the member's consent
    (sn.panels.permissions.VIEW_PANEL_MEMBER_CONTACTS). A member who leaves keeps their record with its
    left date; archiving (sn.core.archive) takes it out of every page."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(max_length=200)
    member_type = models.CharField(max_length=20, choices=MemberType.choices)
    organisation = models.CharField(
        max_length=200, blank=True, help_text="The business, group or party they represent, if any"
    )
    is_chair = models.BooleanField("chair", default=False)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.CharField(max_length=255, blank=True)
    contact_consent_on = models.DateField(
        "contact consent given on",
        null=True,
        blank=True,
        help_text="When the member agreed that the team may keep their contact details",
    )
    # The member's sign-in, when they have one: it lets a chair record the panel's decisions.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="panel_memberships",
    )

    # Contact details are personal data: the trail says they changed, not what they were.
    audit_summarised_fields = frozenset(CONTACT_FIELDS)

    class Meta:
        ordering = ["-is_chair", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="panels_member_left_after_joined",
            ),
            models.UniqueConstraint(
                fields=["panel"],
                condition=Q(is_chair=True, left_on__isnull=True, archived_at__isnull=True),
                name="panels_one_chair_per_panel",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.left_on is None and not self.is_archived

    @property
    def has_contact_details(self) -> bool:
        return any(getattr(self, name) for name in CONTACT_FIELDS)


# Census 2021 categories, so that a panel can be set beside its ward's population.
class AgeBand(models.TextChoices):
    UNDER_25 = "16-24", "16 to 24"
    FROM_25 = "25-34", "25 to 34"
    FROM_35 = "35-44", "35 to 44"
    FROM_45 = "45-54", "45 to 54"
    FROM_55 = "55-64", "55 to 64"
    FROM_65 = "65-74", "65 to 74"
    OVER_75 = "75+", "75 and over"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class EthnicGroup(models.TextChoices):
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"


class Disability(models.TextChoices):
    YES = "yes", "Disabled under the Equality Act"
    NO = "no", "Not disabled"


DIVERSITY_QUESTIONS = (
    ("age_band", "Age", AgeBand),
    ("sex", "Sex", Sex),
    ("ethnic_group", "Ethnic group", EthnicGroup),
    ("disability", "Disability", Disability),
)
CONSENT_WORDING = (
    "I agree that the Safer Neighbourhoods team may keep the answers I give here, to monitor how well "
    "the ward panel represents the ward. They are shown only as counts for whole panels, boroughs and "
    "the force, never as mine, and counts under 10 are not shown. I may withdraw at any time, and my "
    "answers will then be erased."
)


class DiversityAnswers(ArchivableModel):
    """A panel member's optional answers for monitoring the panel's make-up (seed 001, paragraphs 97-101),
    given with explicit consent: special-category data under the Data Protection Act. Every question
    may be left unanswered. Shown only as counts with small numbers suppressed
    (sn.panels.diversity); withdrawal erases the answers and keeps only the date."""

    member = models.OneToOneField(PanelMember, on_delete=models.PROTECT, related_name="diversity")
    consent_given_on = models.DateField()
    consent_wording = models.TextField(default=CONSENT_WORDING)
    consent_withdrawn_on = models.DateField(null=True, blank=True)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True)
    ethnic_group = models.CharField(max_length=10, choices=EthnicGroup.choices, blank=True)
    disability = models.CharField(max_length=10, choices=Disability.choices, blank=True)

    # The answers never enter the trail, which supervisors can read record by record.
    audit_summarised_fields = frozenset(name for name, _, _ in DIVERSITY_QUESTIONS)

    class Meta:
        verbose_name_plural = "diversity answers"

    def __str__(self) -> str:
        return f"Diversity answers of panel member {self.member_id}"
