"""What jobs adds to the registries lower apps own."""
