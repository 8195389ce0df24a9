"""What guarantee adds to pages lower apps own (sn.core.registries), imported in the app's ready()."""
