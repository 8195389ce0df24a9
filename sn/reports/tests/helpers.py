"""Reading what a report download holds, for tests."""

import base64
import io
import re
import zlib

from openpyxl import load_workbook

_STREAM = re.compile(rb"stream\r?\n(.*?)~>\s*endstream", re.DOTALL)
_TEXT_OBJECT = re.compile(rb"\bBT\b(.*?)\bET\b", re.DOTALL)
_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")


def pdf_text(content: bytes) -> str:
    """The text a PDF shows, line by line: reportlab compresses each page's content stream (ASCII85
    over Flate) and shows each line of text as one or more strings (a run of markup each) with Tj."""
    lines = []
    for stream in _STREAM.findall(content):
        try:
            page = zlib.decompress(base64.a85decode(stream.strip(), adobe=False))
        except (ValueError, zlib.error):
            continue
        for text_object in _TEXT_OBJECT.findall(page):
            for line in text_object.split(b"T*"):
                shown = b"".join(_SHOWN.findall(line))
                if shown:
                    lines.append(re.sub(rb"\\(.)", rb"\1", shown).decode("latin-1"))
    return "\n".join(lines)


def workbook_of(response):
    return load_workbook(io.BytesIO(response.content))


def cells_of(workbook):
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
