from django import forms

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class SurveyUploadForm(forms.Form):
    file = forms.FileField(
        label="Survey results file (CSV)",
        help_text="Columns: borough, quarter, measure, sample_size, positive. Quarters are financial, "
        "like 2010/11 Q2 (July to September 2010).",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("The file must be a CSV saved as UTF-8 text") from exc
