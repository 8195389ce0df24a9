"""What guarantee guards (docs/permissions.md is generated from these declarations)."""
