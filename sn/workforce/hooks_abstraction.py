"""Abstraction monitoring: navigation and the monthly report section."""
