"""The forms of the case pages. Each checks formats only; the rules are the services', whose refusals
come back on the field they name (sn.panels.forms.ServiceForm)."""

from django import forms
from django.utils import timezone

from sn.concerns.taxonomy import Topic
from sn.incidents.categories import Category
from sn.panels.forms import DateInput, ServiceForm
from sn.problemsolving.models import Case, Intervention

STAGE_FILTER = [("", "Any stage"), ("open", "Any open stage"), *Case.Stage.choices]
REVIEW_FILTER = [("", "Any"), ("overdue", "Review overdue"), ("stalled", "Stalled (no recent activity)")]


class CaseFilterForm(forms.Form):
    """The filters of a list of cases (GET)."""

    stage = forms.ChoiceField(choices=STAGE_FILTER, required=False)
    review = forms.ChoiceField(label="Review and activity", choices=REVIEW_FILTER, required=False)
    category = forms.ChoiceField(choices=[("", "Any category"), *Category.choices], required=False)


class CaseOpenForm(ServiceForm):
    aliases = {"neighbourhood": "priority"}

    priority = forms.TypedChoiceField(
        label="The priority it works",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Leave as 'None' for a problem the team found that the panel has not made a priority",
    )
    owner = forms.ModelChoiceField(queryset=None, help_text="An officer of the ward's team")
    title = forms.CharField(max_length=200, required=False, help_text="Left empty: the priority's wording")
    problem_statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False
    )
    topic = forms.ChoiceField(choices=[("", "From the priority"), *Topic.choices], required=False)

    def __init__(self, *args, priorities, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = [("", "None"), *[(p.pk, p.wording) for p in priorities]]
        self.fields["owner"].queryset = officers
        self.priorities = {p.pk: p for p in priorities}

    def clean_priority(self):
        pk = self.cleaned_data.get("priority")
        return self.priorities.get(pk) if pk else None


class ScanningForm(ServiceForm):
    title = forms.CharField(max_length=200)
    problem_statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)
    place = forms.ChoiceField(choices=Case.Place.choices, widget=forms.RadioSelect)
    streets = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For named streets: one street a line, as police.uk names them",
    )
    area = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="The area (GeoJSON)",
        help_text="Click points on the map to draw the area; it is written here as a GeoJSON polygon",
    )
    period_start = forms.DateField(label="Problem period: first month", widget=DateInput())
    period_end = forms.DateField(label="Problem period: last month", widget=DateInput())
    categories = forms.MultipleChoiceField(
        label="Police.uk categories", choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )


class AnalysisForm(ServiceForm):
    victim = forms.CharField(
        label="Victim or target", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    offender = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    location = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    guardian = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="Who can protect the victim"
    )
    handler = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Who has influence on the offender",
    )
    manager = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="Who is responsible for the place"
    )
    summary = forms.CharField(
        label="What the analysis found", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class OptionForm(ServiceForm):
    description = forms.CharField(label="Option", max_length=300)
    chosen = forms.BooleanField(label="Chosen for the response", required=False)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="Why it was chosen, or why not"
    )


class ResponseStartForm(ServiceForm):
    started_on = forms.DateField(
        label="The response started on", widget=DateInput(), initial=timezone.localdate
    )


class InterventionForm(ServiceForm):
    description = forms.CharField(label="What is to be done", max_length=300)
    delivered_by = forms.ChoiceField(
        label="Delivered by", choices=Intervention.DeliveredBy.choices, widget=forms.RadioSelect
    )
    owner_officer = forms.ModelChoiceField(
        label="Police: the officer who owns it", queryset=None, required=False
    )
    organisation = forms.ModelChoiceField(
        label="Partner: the organisation",
        queryset=None,
        required=False,
        help_text="Only invited organisations",
    )
    owner_user = forms.ModelChoiceField(
        label="Partner: the person who owns it", queryset=None, required=False
    )
    owner_name = forms.CharField(
        label="Public: the group or person",
        max_length=200,
        required=False,
        help_text="A residents' association",
    )
    due_on = forms.DateField(label="Due by", widget=DateInput())

    def __init__(self, *args, officers, organisations, partner_users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_officer"].queryset = officers
        self.fields["organisation"].queryset = organisations
        self.fields["owner_user"].queryset = partner_users
        self.fields["owner_user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.partner_organisation})"
        )


class StatusForm(ServiceForm):
    status = forms.ChoiceField(
        choices=[
            (Intervention.Status.PLANNED, "Planned"),
            (Intervention.Status.IN_PROGRESS, "In progress"),
            (Intervention.Status.CANCELLED, "Cancelled: it will not happen"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="When cancelling, say why"
    )
    on = forms.DateField(label="Date", widget=DateInput(), initial=timezone.localdate)


class CompleteForm(ServiceForm):
    outcome_note = forms.CharField(
        label="What was done and what came of it", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    on = forms.DateField(label="Done on", widget=DateInput(), initial=timezone.localdate)
    aliases = {"status": "outcome_note", "completed_on": "on"}


class UpdateForm(ServiceForm):
    text = forms.CharField(label="Update", widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)
    on = forms.DateField(label="Date", widget=DateInput(), initial=timezone.localdate)


class ReviewForm(ServiceForm):
    note = forms.CharField(
        label="Review",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text="How the case is going, and what should happen before the next review",
    )
    on = forms.DateField(label="Reviewed on", widget=DateInput(), initial=timezone.localdate)


class InviteForm(ServiceForm):
    organisation = forms.ModelChoiceField(
        queryset=None, help_text="Partner organisations working in the borough"
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RemoveForm(ServiceForm):
    aliases = {"organisation": "confirm"}

    confirm = forms.BooleanField(
        label="Remove the organisation: its users stop seeing the case at once", required=True
    )


class CloseForm(ServiceForm):
    closing_note = forms.CharField(
        label="Why the case is closed", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    on = forms.DateField(label="Closed on", widget=DateInput(), initial=timezone.localdate)
