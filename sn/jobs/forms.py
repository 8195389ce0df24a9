"""The checks an upload gets before it is queued: its name says a type the job reads, its first bytes
agree, and it is within the page's size. Reading it is the job's, as it is the command's; these only
save the person a wait for the worker to refuse what the form could have."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

_MAGIC = {".zip": (b"PK\x03\x04", "a zip archive"), ".gz": (b"\x1f\x8b", "gzip-compressed")}


def checked_upload(upload: UploadedFile, *, suffixes: dict[str, str], max_bytes: int) -> UploadedFile:
    """`suffixes` maps each accepted ending (".csv.gz") to its name in the message ("a gzipped CSV")."""
    name = (upload.name or "").lower()
    if not name.endswith(tuple(suffixes)):
        offered = ", ".join(f"{what} ({suffix})" for suffix, what in suffixes.items())
        raise forms.ValidationError(f"The file must be one of: {offered}. {upload.name} is not.")
    if upload.size > max_bytes:
        size, largest = filesizeformat(upload.size), filesizeformat(max_bytes)
        raise forms.ValidationError(f"The file is {size}; the largest this page takes is {largest}.")
    if upload.size == 0:
        raise forms.ValidationError("The file is empty.")
    for suffix, (magic, what) in _MAGIC.items():
        if name.endswith(suffix):
            upload.seek(0)
            start = upload.read(len(magic))
            upload.seek(0)
            if start != magic:
                raise forms.ValidationError(f"{upload.name} is not {what}, though its name ends {suffix}.")
    return upload
