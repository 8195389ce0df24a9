from django import forms

from sn.performance.importing import MAX_SURVEY_BYTES


class SurveyUploadForm(forms.Form):
    file = forms.FileField(
        label="Survey results file (CSV)",
        help_text="Columns: borough, quarter, measure, sample_size, positive. Quarters are financial, "
        "like 2010/11 Q2 (July to September 2010).",
    )

    def clean_file(self) -> bytes:
        """The file's bytes: decoding and reading them is the importer's, as for the command."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SURVEY_BYTES:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        return upload.read()
