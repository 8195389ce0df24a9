"""Writes of the workforce app (sn.workforce.services.<module>)."""
