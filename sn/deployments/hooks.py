"""What deployments adds to pages lower apps own (sn.core.registries)."""
