"""What concerns adds to pages lower apps own (sn.core.registries)."""
