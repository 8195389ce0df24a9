"""Officers, Safer Neighbourhoods teams, postings and the establishment model."""

from django.db import models
from django.db.models import Q

from sn.core.models import ArchivableModel, AuditedModel


class Rank(models.TextChoices):
    INSPECTOR = "inspector", "Inspector"
    SERGEANT = "sergeant", "Sergeant"
    PC = "pc", "Police constable"
    PCSO = "pcso", "PCSO"
    SPECIAL = "special", "Special constable"
    VOLUNTEER = "volunteer", "Volunteer"


# The ranks an establishment model counts; specials and volunteers add to a team but fill no post.
ESTABLISHED_RANKS = (Rank.SERGEANT, Rank.PC, Rank.PCSO)
TEAM_RANKS = (Rank.SERGEANT, Rank.PC, Rank.PCSO, Rank.SPECIAL, Rank.VOLUNTEER)


class Officer(ArchivableModel):
    """A member of a team. Officers hold personal data (names, contacts, photos), so they are archived
    when they leave, never deleted."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    collar_number = models.CharField(max_length=20, unique=True)
    rank = models.CharField(max_length=20, choices=Rank.choices)
    email = models.EmailField(blank=True, help_text="Work address")
    phone = models.CharField(max_length=30, blank=True, help_text="Work number")
    photo = models.ImageField(upload_to="officers/", blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.get_rank_display()} {self.first_name} {self.last_name} ({self.collar_number})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def initials(self) -> str:
        return f"{self.first_name[:1]}{self.last_name[:1]}".upper()


class Team(AuditedModel):
    """The Safer Neighbourhoods team of one neighbourhood."""

    neighbourhood = models.OneToOneField(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="team"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Posting(AuditedModel):
    """An officer's posting to a team. A sergeant leading several teams has one posting to each."""

    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="postings")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="postings")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team", "start_date"]
        indexes = [models.Index(fields=["team", "end_date"]), models.Index(fields=["officer", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="posting_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer} to {self.team} from {self.start_date}"


class EstablishmentPolicy(AuditedModel):
    """The establishment model in force from a date. Rows are never edited in place once in force:
    a change is a new row, so the history of the policy is the table itself."""

    effective_from = models.DateField(unique=True)
    population_threshold = models.PositiveIntegerField(default=14000)
    standard_sergeants = models.PositiveSmallIntegerField(default=1)
    standard_pcs = models.PositiveSmallIntegerField(default=2)
    standard_pcsos = models.PositiveSmallIntegerField(default=3)
    enhanced_sergeants = models.PositiveSmallIntegerField(default=1)
    enhanced_pcs = models.PositiveSmallIntegerField(default=2)
    enhanced_pcsos = models.PositiveSmallIntegerField(default=6)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "establishment policies"

    def __str__(self) -> str:
        return (
            f"{self.standard_sergeants}-{self.standard_pcs}-{self.standard_pcsos}, "
            f"{self.enhanced_sergeants}-{self.enhanced_pcs}-{self.enhanced_pcsos} from "
            f"{self.population_threshold:,} people, from {self.effective_from}"
        )

    def posts_for(self, population: int | None) -> dict[str, int]:
        if population is not None and population >= self.population_threshold:
            return {
                Rank.SERGEANT: self.enhanced_sergeants,
                Rank.PC: self.enhanced_pcs,
                Rank.PCSO: self.enhanced_pcsos,
            }
        return {
            Rank.SERGEANT: self.standard_sergeants,
            Rank.PC: self.standard_pcs,
            Rank.PCSO: self.standard_pcsos,
        }

    @property
    def standard_name(self) -> str:
        return f"{self.standard_sergeants}-{self.standard_pcs}-{self.standard_pcsos}"

    @property
    def enhanced_name(self) -> str:
        return f"{self.enhanced_sergeants}-{self.enhanced_pcs}-{self.enhanced_pcsos}"

    def model_name_for(self, population: int | None) -> str:
        posts = self.posts_for(population)
        return f"{posts[Rank.SERGEANT]}-{posts[Rank.PC]}-{posts[Rank.PCSO]}"
