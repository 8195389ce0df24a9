"""Bulk writes of duties: the duty system's file (sn.workforce.importing.duties) and the demo's rows."""
