"""The permissions of privacy (docs/permissions.md is generated from these declarations)."""
