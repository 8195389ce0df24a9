"""What ops adds to the registries lower apps own."""
