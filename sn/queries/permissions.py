"""What queries guards (docs/permissions.md is generated from these declarations)."""
