"""What the ward profile adds to pages lower apps own (sn.core.registries)."""
