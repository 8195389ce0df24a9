"""What community guards: the Key Individual Network and community contacts (personal data)."""
