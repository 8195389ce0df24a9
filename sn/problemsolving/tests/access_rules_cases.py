"""Who may open the problem-solving pages: cases."""

ACCESS_RULES: dict = {}
