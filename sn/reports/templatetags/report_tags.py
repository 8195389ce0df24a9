"""The report page shows each cell and each section's dates as the PDF does."""

from django import template

from sn.reports.renderers import text_rows
from sn.reports.sections import section_dates

register = template.Library()

register.filter("text_rows", text_rows)
register.filter("section_dates", section_dates)
