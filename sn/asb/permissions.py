"""What asb guards (docs/permissions.md is generated from these declarations)."""
