"""The sergeant's duty form and the central unit's abstraction policy form.

The rules live in the services; a form turns the page's fields into the service's arguments and shows
the service's refusals beside the field they name."""

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.core.forms import ErrorLinks as CoreErrorLinks
from sn.workforce.models import AbstractionReason, Duty, DutyCode

# The service's field names, and the form field each refusal is shown against.
SERVICE_FIELDS = {"starts_at": "start", "ends_at": "end", "neighbourhood": "ward", "actor": None}


class ErrorLinks(CoreErrorLinks):
    def add_service_errors(self, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            target = SERVICE_FIELDS.get(name, name)
            self.add_error(target if target in self.fields else None, messages)


class DutyForm(ErrorLinks, forms.Form):
    officer = forms.TypedChoiceField(label="Officer", coerce=int)
    day = forms.DateField(
        label="Date", help_text="For example, 2026-03-31", widget=forms.DateInput(attrs={"type": "date"})
    )
    start = forms.TimeField(
        label="Start", help_text="24-hour clock, for example 07:00", widget=forms.TimeInput(format="%H:%M")
    )
    end = forms.TimeField(
        label="End",
        help_text="An end before the start runs past midnight",
        widget=forms.TimeInput(format="%H:%M"),
    )
    code = forms.ModelChoiceField(label="Duty code", queryset=DutyCode.objects.none(), empty_label=None)
    ward = forms.TypedChoiceField(
        label="Ward worked",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Leave as the team's ward for duty on it; empty for an abstraction",
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=255)

    def __init__(self, *args, officers, wards, codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = [(o.pk, str(o)) for o in officers]
        self.fields["ward"].choices = [("", "The team's ward, or none for an abstraction")] + [
            (w.pk, w.name) for w in wards
        ]
        self.fields["code"].queryset = codes
        self.fields["code"].label_from_instance = lambda code: f"{code.code}: {code.label}"

    @classmethod
    def initial_for(cls, duty: Duty) -> dict:
        starts, ends = timezone.localtime(duty.starts_at), timezone.localtime(duty.ends_at)
        return {
            "officer": duty.officer_id,
            "day": starts.date().isoformat(),
            "start": f"{starts:%H:%M}",
            "end": f"{ends:%H:%M}",
            "code": duty.code_id,
            "ward": duty.neighbourhood_id if duty.neighbourhood_id != duty.team.neighbourhood_id else None,
            "note": duty.note,
        }

    def span(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        start = timezone.make_aware(datetime.combine(data["day"], data["start"]))
        end_day = data["day"] + timedelta(days=1) if data["end"] <= data["start"] else data["day"]
        return start, timezone.make_aware(datetime.combine(end_day, data["end"]))


class PolicyForm(ErrorLinks, forms.Form):
    effective_from = forms.DateField(
        label="In force from",
        help_text="Today or later, for example 2027-04-01",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    target_rate = forms.DecimalField(
        label="Target (per cent of rostered hours)",
        min_value=0,
        max_value=100,
        decimal_places=2,
        max_digits=5,
    )
    exempt_reasons = forms.ModelMultipleChoiceField(
        label="Exempt reasons",
        help_text="Abstraction for these reasons does not count against the target",
        queryset=AbstractionReason.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label="Why (optional)", required=False, max_length=255)
