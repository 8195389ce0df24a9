"""Who may open the problem-solving pages: assessment."""

ACCESS_RULES: dict = {}
