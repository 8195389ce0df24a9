"""The report page shows each cell as the PDF does (sn.reports.renderers.cell_text)."""

from django import template

from sn.reports.renderers import text_rows

register = template.Library()

register.filter("text_rows", text_rows)
