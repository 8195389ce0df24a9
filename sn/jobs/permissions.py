"""The permissions of jobs (docs/permissions.md is generated from these declarations)."""
