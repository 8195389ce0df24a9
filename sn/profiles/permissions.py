"""What the ward profile guards: the demographic tables, key locations and recurring events."""
