from django import forms

from sn.performance.importing import MAX_SURVEY_BYTES


class SurveyUploadForm(forms.Form):
    file = forms.FileField(
        label="Survey results file (CSV)",
        help_text="Columns: borough, quarter, measure, sample_size, positive. Quarters are financial, "
        "like 2010/11 Q2 (July to September 2010).",
    )

    def clean_file(self):
        """The upload itself, for the job to keep: decoding and reading it is the importer's, as for the
        command. Its name and size are checked here, so that a spreadsheet or a file too large is
        refused at once rather than after waiting for the worker."""
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("The file must be a CSV file (.csv)")
        if upload.size > MAX_SURVEY_BYTES:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        return upload
