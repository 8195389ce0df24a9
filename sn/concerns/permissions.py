"""What concerns guards: residents' concerns and their analysis."""
