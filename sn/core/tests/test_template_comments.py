"""Django's {# #} comment ends at the line's end: one spread over lines is printed on the page as text.
Two templates shipped with one (the Guarantee's priority rows, the shared error summary)."""

import re
from pathlib import Path

from django.conf import settings

OPEN_COMMENT = re.compile(r"\{#(?![^\n]*#\})")


def test_no_template_has_a_comment_spread_over_lines():
    found = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(folder).rglob("*.html"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if OPEN_COMMENT.search(line):
                    found.append(f"{path}:{number}")
    assert found == [], "use {% comment %} for comments over several lines: " + ", ".join(found)
