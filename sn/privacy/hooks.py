"""What privacy adds to the registries lower apps own."""
