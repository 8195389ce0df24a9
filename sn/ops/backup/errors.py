class BackupError(Exception):
    """A backup or restore refused or failed; the message says what and what was (not) touched."""
