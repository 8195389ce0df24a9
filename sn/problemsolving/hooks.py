"""What problem solving adds to pages lower apps own (sn.core.registries) and the gate it adds to the
panels' sign-off."""
