"""Who may open the problem-solving pages: library."""

ACCESS_RULES: dict = {}
