"""What rosters adds to pages lower apps own (sn.core.registries)."""
