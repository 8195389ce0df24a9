"""What workforce adds to pages lower apps own (sn.core.registries), imported in WorkforceConfig.ready()."""

from sn.workforce import hooks_abstraction, hooks_duties  # noqa: F401
