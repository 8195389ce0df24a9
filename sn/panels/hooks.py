"""What panels adds to pages lower apps own (sn.core.registries)."""
