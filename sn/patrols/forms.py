"""Forms read what was typed; the services decide every refusal and name its field."""

import re

from django import forms
from django.core.exceptions import ValidationError

from sn.patrols.models import PatrolArea, PatrolRecord

CASE_NUMBER = re.compile(r"(?:PS-?)?0*(\d{1,9})", re.IGNORECASE)


class AreaForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, required=False)
    kind = forms.ChoiceField(label="Kind", choices=PatrolArea.Kind.choices, required=False)
    ward = forms.ChoiceField(label="Ward", required=False)
    centre_lat = forms.FloatField(label="Centre latitude", required=False)
    centre_lng = forms.FloatField(label="Centre longitude", required=False)
    radius_m = forms.IntegerField(label="Radius (metres)", required=False, initial=400)

    def __init__(self, *args, wards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [("", "Choose a ward")] + [(w.code, w.name) for w in wards]

    def clean_ward(self):
        if not self.cleaned_data.get("ward"):
            raise ValidationError("Choose the ward the area is in")
        return self.cleaned_data["ward"]


class RecordForm(forms.Form):
    started_at = forms.DateTimeField(
        label="Started", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ended_at = forms.DateTimeField(
        label="Ended", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    officer = forms.ChoiceField(label="Officer", required=False)
    source = forms.ChoiceField(
        label="From", choices=PatrolRecord.Source.choices, initial=PatrolRecord.Source.MANUAL, required=False
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = [("", "Not named")] + [(str(o.pk), str(o)) for o in officers]


class LinkCaseForm(forms.Form):
    """The case to link: chosen from the list, or typed as its reference (PS-00012) or number. Whether
    the user may reach it is the view's check, after the number has been read."""

    case = forms.CharField(label="Case", required=False, max_length=40)

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = cases

    def clean_case(self) -> int:
        text = (self.cleaned_data.get("case") or "").strip()
        if not text:
            raise ValidationError("Choose the case to link")
        found = CASE_NUMBER.fullmatch(text)
        if not found:
            raise ValidationError(f"Give a case number such as PS-00012: '{text}' is not one")
        return int(found.group(1))
