"""The layer order of the apps, and the check that imports run one way (docs/adr/0004-layers.md).

An app may import only apps in lower tiers: never an app above it, never one beside it in its own
tier, so there can be no cycle between apps. Where a lower page must show what a higher app knows, the
higher app registers into a registry the lower one owns (sn.core.registries), from its hooks.py.

No function-level import of another app either: an import hidden in a function is how a cycle gets
dodged, and it hides a dependency from whoever reads the top of the module. Tests, migrations and
sn.testing are outside the order: a test may build whatever world it needs.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Lowest first. Apps in one tier may not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("geography",),
    ("teams",),
    ("accounts",),
    # Operations: background jobs, which higher apps fill with kinds; backup, logs and metrics.
    ("jobs",),
    ("ops",),
    ("incidents", "performance", "profiles", "feedback"),
    ("crime",),
    # The seven-stage cycle: concerns (stages 3-4) are raised by engagement (stage 2) and by the
    # Key Individual Network and contacts (community); panels (stages 5 and 7) choose priorities from them.
    ("concerns",),
    ("engagement",),
    ("community",),
    ("panels",),
    # Stage 6: problem-solving cases work the panels' priorities; EPIC activity is recorded against
    # priorities and cases; the borough tasking group reads all of them.
    ("problemsolving",),
    ("activity",),
    # The workforce: duties, abstraction and shift patterns; then what plans with them: Approach A
    # deployments, shifts against demand, and the supervision model. Tasking reads the deployments.
    ("workforce",),
    ("deployments", "rosters", "supervision"),
    ("tasking",),
    # The 2025 Neighbourhood Policing Guarantee (issue 14): community queries on the 72-hour clock, ASB
    # cases and the action plan, and patrols against demand, side by side; then named officers and fresh
    # priorities; then the scorecard, which reads all of them through SCORECARD_MEASURES.
    ("queries", "asb", "patrols"),
    ("guarantee",),
    ("scorecard",),
    # Review, retention and erasure across every record of a person the apps below keep.
    ("privacy",),
    # The faces: staff pages, reports, the platform API, the public pages and the police.uk API.
    ("reports", "api", "pages", "public", "policeapi"),
    ("demo",),
)
TIER = {app: tier for tier, apps in enumerate(LAYERS) for app in apps}
OUTSIDE = frozenset({"testing"})
SKIPPED_DIRS = frozenset({"tests", "migrations"})


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    importer: str
    imported: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.importer} imports {self.imported}: {self.reason}"


def _imported_apps(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        names = [node.module] if node.module != "sn" else [f"sn.{alias.name}" for alias in node.names]
    elif isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        return
    for name in names:
        parts = name.split(".")
        if parts[0] == "sn" and len(parts) > 1:
            yield parts[1]


def check_source(source: str, *, app: str, path: str = "<source>") -> list[Violation]:
    """The violations in one module of `app`."""
    tree = ast.parse(source)
    violations = []
    nested = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            nested.update(id(n) for n in ast.walk(function) if n is not function)
    for node in ast.walk(tree):
        for imported in _imported_apps(node):
            if imported == app or imported in OUTSIDE and app in OUTSIDE:
                continue
            line = getattr(node, "lineno", 0)
            if imported not in TIER:
                reason = "an app missing from the layer order" if imported not in OUTSIDE else "test support"
                violations.append(Violation(path, line, app, imported, reason))
            elif TIER[imported] > TIER[app]:
                violations.append(Violation(path, line, app, imported, "it runs up the layers"))
            elif TIER[imported] == TIER[app]:
                violations.append(Violation(path, line, app, imported, "apps in one tier are independent"))
            elif id(node) in nested:
                violations.append(Violation(path, line, app, imported, "a function-level import"))
    return violations


def check_tree(root: Path) -> list[Violation]:
    """Every violation under `root` (the sn package)."""
    violations = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if len(relative.parts) < 2 or SKIPPED_DIRS & set(relative.parts):
            continue
        app = relative.parts[0]
        if app in OUTSIDE:
            continue
        if app not in TIER:
            violations.append(Violation(str(relative), 0, app, app, "an app missing from the layer order"))
            continue
        violations += check_source(path.read_text(encoding="utf-8"), app=app, path=str(relative))
    return violations
