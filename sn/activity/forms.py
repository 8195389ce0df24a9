"""The form to record or correct activity: what, when, which stage and who, then a count per kind,
grouped by family. It checks formats only; the rules are the services', whose refusals come back on the
field they name (a count's field is its kind)."""

from django import forms

from sn.accounts.models import PartnerOrganisation
from sn.activity.kinds import KINDS, DeliveredBy, Family, Stage
from sn.activity.services import Activity
from sn.panels.forms import DateInput, ServiceForm
from sn.panels.models import Priority
from sn.problemsolving.models import Case


class ActivityForm(ServiceForm):
    on = forms.DateField(label="Date", widget=DateInput(), help_text="The day the work was done")
    summary = forms.CharField(max_length=300, help_text="What was done, in a line")
    stage = forms.TypedChoiceField(
        label="Stage of the seven-stage model",
        choices=Stage.choices,
        coerce=int,
        initial=Stage.ACT,
    )
    delivered_by = forms.ChoiceField(
        label="Delivered by",
        choices=DeliveredBy.choices,
        widget=forms.RadioSelect,
        initial=DeliveredBy.POLICE,
    )
    organisation = forms.ModelChoiceField(
        label="Partner organisation",
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        help_text="Only when a partner delivered it",
    )
    priority = forms.ModelChoiceField(
        label="Priority it worked", queryset=Priority.objects.none(), required=False
    )
    case = forms.ModelChoiceField(label="Problem-solving case", queryset=Case.objects.none(), required=False)

    def __init__(self, *args, neighbourhood, fixed_case: Case | None = None, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = PartnerOrganisation.objects.filter(
            boroughs=neighbourhood.borough_id
        ).order_by("name")
        self.fields["priority"].queryset = Priority.objects.filter(neighbourhood=neighbourhood).order_by(
            "-selected_on"
        )
        self.fields["case"].queryset = Case.objects.filter(neighbourhood=neighbourhood).order_by("-id")
        self.fields["case"].label_from_instance = lambda case: f"{case.reference} {case.title}"
        self.fixed_case, self.partner = fixed_case, partner
        if fixed_case is not None:
            del self.fields["case"], self.fields["priority"]
        if partner is not None:
            del self.fields["delivered_by"], self.fields["organisation"]
        for kind in KINDS:
            self.fields[kind.key] = forms.IntegerField(label=kind.label, required=False, help_text=kind.hint)

    def count_groups(self) -> list[tuple[str, list]]:
        """The count fields by family, for the template's fieldsets."""
        return [(family.label, [self[k.key] for k in KINDS if k.family == family]) for family in Family]

    def main_fields(self) -> list:
        return [self[name] for name in self.fields if name not in {k.key for k in KINDS}]

    def activity(self) -> Activity:
        data = self.cleaned_data
        return Activity(
            on=data["on"],
            summary=data["summary"],
            counts={k.key: data.get(k.key) for k in KINDS},
            stage=data["stage"],
            delivered_by=DeliveredBy.PARTNER if self.partner else data["delivered_by"],
            organisation=self.partner.partner_organisation if self.partner else data.get("organisation"),
            priority=None if self.fixed_case else data.get("priority"),
            case=self.fixed_case or data.get("case"),
        )


def initial_of(record) -> dict:
    """A record's values as the form's initial data, for a correction."""
    initial = {
        "on": record.on,
        "summary": record.summary,
        "stage": record.stage,
        "delivered_by": record.delivered_by,
        "organisation": record.organisation_id,
        "priority": record.priority_id,
        "case": record.case_id,
    }
    initial.update({c.kind: c.count for c in record.counts.all()})
    return initial
