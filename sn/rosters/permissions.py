"""What rosters guards (docs/permissions.md is generated from these declarations)."""
