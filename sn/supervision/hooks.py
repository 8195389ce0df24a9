"""What supervision adds to pages lower apps own (sn.core.registries)."""
