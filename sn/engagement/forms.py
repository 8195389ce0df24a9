"""The forms of the engagement pages. Formats only: the rules are the services'."""

from datetime import datetime

from django import forms
from django.utils import timezone

from sn.concerns.forms import (
    DATE_FORMATS,
    NO_NAMES,
    ArchiveForm,  # noqa: F401 - the engagement pages archive with the same form
    DateInput,
    PointFields,
    ServiceForm,
    TimeInput,
    topic_choices,
)
from sn.engagement.models import AuditItem, EventKind, OfficerTime, SafeAfterDark, Severity
from sn.engagement.services import ConcernInput
from sn.teams.models import Officer

WRITE_UP_ROWS = 3  # concern rows the write-up shows; ?rows= asks for more
MAX_WRITE_UP_ROWS = 20


class EventForm(PointFields):
    """An event's details. The service's `starts_at` is the date and start time together, `ends_at` the
    end time on the same day: the form names its fields so that the service's errors land on them."""

    aliases = {"longitude": "latitude", "led_by_name": "led_by"}

    kind = forms.ChoiceField(label="Kind of event", choices=EventKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(max_length=200, help_text="For example: Street briefing outside the station")
    starts_at = forms.DateField(label="Date", widget=DateInput(), input_formats=DATE_FORMATS)
    start_time = forms.TimeField(
        label="Start time", widget=TimeInput(), help_text="24-hour clock, like 18:30"
    )
    ends_at = forms.TimeField(label="End time", widget=TimeInput(), required=False)
    venue = forms.CharField(
        max_length=255,
        required=False,
        label="Place",
        help_text="A named place (a hall, a school, a street corner), or choose a point on the map",
    )
    led_by = forms.ModelChoiceField(
        queryset=Officer.objects.none(),
        required=False,
        label="Led by",
        empty_label="Someone else (type below)",
    )
    led_by_name = forms.CharField(
        max_length=200, required=False, label="Led by someone else", help_text="A partner, a councillor"
    )
    public = forms.BooleanField(
        required=False,
        label="Show it on the public pages",
        help_text="Residents see its date, time, place and kind; never its notes",
    )
    notes = forms.CharField(max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    field_order = [
        "kind", "title", "starts_at", "start_time", "ends_at", "venue", "location",
        "latitude", "longitude", "led_by", "led_by_name", "public", "notes",
    ]  # fmt: skip

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["led_by"].queryset = Officer.objects.filter(pk__in=[o.pk for o in officers])
        # The event's place in words is `venue`; the point's own description is not asked for.
        del self.fields["location"]

    def clean(self):
        data = super().clean()
        day, start, end = data.get("starts_at"), data.get("start_time"), data.get("ends_at")
        if day and start:
            tz = timezone.get_current_timezone()
            data["start"] = datetime.combine(day, start, tz)
            data["end"] = datetime.combine(day, end, tz) if end else None
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "title": d["title"],
            "starts_at": d["start"],
            "ends_at": d["end"],
            "venue": d["venue"],
            "latitude": d["latitude"],
            "longitude": d["longitude"],
            "led_by": d["led_by"],
            "led_by_name": d["led_by_name"],
            "public": d["public"],
            "notes": d["notes"],
        }


class WriteUpForm(ServiceForm):
    """Attendance, notes and the concerns raised, a few rows at a time; a blank row is skipped."""

    attendance = forms.IntegerField(
        label="How many people came", help_text="For door-knocking, the doors answered; 0 if nobody came"
    )
    notes = forms.CharField(
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What happened and what was agreed. " + NO_NAMES,
    )

    def __init__(self, *args, rows: int = WRITE_UP_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = max(1, min(rows, MAX_WRITE_UP_ROWS))
        for number in range(1, self.rows + 1):
            self.fields[f"concern_{number}_topic"] = forms.ChoiceField(
                label=f"Concern {number}: what it is about",
                choices=topic_choices("No concern"),
                required=False,
            )
            self.fields[f"concern_{number}_description"] = forms.CharField(
                label=f"Concern {number}: what was raised", max_length=2000, required=False
            )
            self.fields[f"concern_{number}_location"] = forms.CharField(
                label=f"Concern {number}: where", max_length=255, required=False
            )

    def row_fields(self) -> list[tuple[int, list]]:
        return [
            (n, [self[f"concern_{n}_topic"], self[f"concern_{n}_description"], self[f"concern_{n}_location"]])
            for n in range(1, self.rows + 1)
        ]

    def clean(self):
        """Rows filled in are numbered from 1 as the service numbers them, so a blank row in between
        is an error here rather than a shifted message there."""
        data = super().clean()
        filled = [n for n in range(1, self.rows + 1) if self._row_filled(data, n)]
        if filled and filled != list(range(1, len(filled) + 1)):
            raise forms.ValidationError(
                "Fill in the concern rows from the top, leaving no blank row between."
            )
        return data

    @staticmethod
    def _row_filled(data, n: int) -> bool:
        return any(
            (data.get(f"concern_{n}_{part}") or "").strip() for part in ("topic", "description", "location")
        )

    def concerns(self) -> list[ConcernInput]:
        d = self.cleaned_data
        return [
            ConcernInput(
                topic=d[f"concern_{n}_topic"],
                description=d[f"concern_{n}_description"],
                location=d[f"concern_{n}_location"],
            )
            for n in range(1, self.rows + 1)
            if self._row_filled(d, n)
        ]


class EventConcernForm(PointFields):
    topic = forms.ChoiceField(label="What it is about", choices=topic_choices("Choose a topic"))
    description = forms.CharField(
        label="What was raised", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_NAMES
    )
    field_order = ["topic", "description", "location", "latitude", "longitude"]

    def concern(self) -> ConcernInput:
        d = self.cleaned_data
        return ConcernInput(d["topic"], d["description"], d["location"], d["latitude"], d["longitude"])


class FindingForm(PointFields):
    item = forms.ChoiceField(label="What was found", choices=AuditItem.choices, widget=forms.RadioSelect)
    severity = forms.ChoiceField(label="How serious", choices=Severity.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What exactly, and how much (needed for “Other”)",
    )
    field_order = ["item", "severity", "note", "location", "latitude", "longitude"]


class ResponseForm(ServiceForm):
    """One respondent's answers, laid out for a phone on a doorstep."""

    worry = forms.ChoiceField(
        label="What worries you most about crime or anti-social behaviour here?",
        choices=topic_choices("Nothing in particular"),
        required=False,
    )
    safe_after_dark = forms.ChoiceField(
        label="Do you feel safe in this area after dark?",
        choices=SafeAfterDark.choices,
        widget=forms.RadioSelect,
    )
    times = forms.MultipleChoiceField(
        label="When would you most like to see officers around?",
        choices=OfficerTime.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose all that apply",
    )


class ResponsesUploadForm(forms.Form):
    file = forms.FileField(label="Responses file (CSV)")

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 1 MB")
        return upload.read()
