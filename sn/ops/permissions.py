"""The permissions of ops (docs/permissions.md is generated from these declarations)."""
