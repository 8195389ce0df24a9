"""Models of supervision."""
