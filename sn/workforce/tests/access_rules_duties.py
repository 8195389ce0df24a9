ACCESS_RULES: dict = {}
