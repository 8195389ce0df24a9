"""Forms of the ward profile. Formats are checked here; whether a point lies in the ward, and the other
rules of the domain, in sn.profiles.services."""

from django import forms
from django.conf import settings

from sn.profiles.models import KeyLocation, RecurringEvent

# Not required by the form, so that a missing point gets one message (the service's) rather than two;
# "needed" keeps the page from calling the fields optional.
POINT_ATTRS = {"inputmode": "decimal", "needed": True}
# .txt: some systems export CSV under that name; the importer reads the content either way.
UPLOAD_SUFFIXES = (".csv", ".gz", ".txt")
POINT_HELP = "Click the map to place it, or type the latitude and longitude (WGS84, as decimal degrees)."


class _PlaceForm(forms.Form):
    """The fields a key location and a recurring event share: what, its name, and where."""

    latitude = forms.FloatField(
        label="Latitude",
        required=False,
        min_value=-90,
        max_value=90,
        help_text=POINT_HELP,
        widget=forms.TextInput(attrs=POINT_ATTRS),
    )
    longitude = forms.FloatField(
        label="Longitude",
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs=POINT_ATTRS),
    )

    def clean(self):
        data = super().clean()
        if (
            "latitude" in data
            and "longitude" in data
            and (data["latitude"] is None) != (data["longitude"] is None)
        ):
            self.add_error("latitude", "Give both the latitude and the longitude, or place it on the map.")
        return data


class KeyLocationForm(_PlaceForm):
    kind = forms.ChoiceField(label="What kind of place", choices=[("", "Choose"), *KeyLocation.Kind.choices])
    name = forms.CharField(label="Name", max_length=200)
    address = forms.CharField(label="Address or street", max_length=255, required=False)
    description = forms.CharField(
        label="Why it matters to the team",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What happens there, when, and who to talk to. No personal details of residents.",
    )

    field_order = ["kind", "name", "address", "description", "latitude", "longitude"]


class RecurringEventForm(_PlaceForm):
    kind = forms.ChoiceField(
        label="What kind of event", choices=[("", "Choose"), *RecurringEvent.Kind.choices]
    )
    name = forms.CharField(label="Name", max_length=200)
    schedule = forms.CharField(
        label="When it happens", max_length=200, help_text="In words, like “Every Saturday, 8am to 4pm”."
    )
    next_date = forms.DateField(
        label="Next date",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leave it empty if it is not known yet.",
    )
    location = forms.CharField(label="Where, in words", max_length=255, required=False)
    expected_attendance = forms.IntegerField(
        label="Expected attendance",
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    description = forms.CharField(
        label="Notes for the team",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = [
        "kind",
        "name",
        "schedule",
        "next_date",
        "location",
        "expected_attendance",
        "description",
        "latitude",
        "longitude",
    ]


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label="Why is it archived?",
        max_length=255,
        help_text="For example: closed in March 2027, or no longer a problem.",
    )


class DemographicsUploadForm(forms.Form):
    file = forms.FileField(
        label="Demographic table (CSV, or CSV compressed with gzip)",
        help_text="Columns: area_code, measure, category, value, source, year.",
    )

    def clean_file(self):
        """The upload itself, for the job to keep: reading it is the importer's, as for the command. Its
        name and size are checked here, so that a spreadsheet or a file too large is refused at once
        rather than after waiting for the worker."""
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError("The file must be a CSV file (.csv), or one compressed with gzip")
        limit = settings.SN_DEMOGRAPHICS_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The file must be smaller than {limit // (1024 * 1024)} MB")
        return upload
