"""Duties: navigation, ward panels and work items."""
