"""Accessibility and layout checks for the browser tests: axe-core run in the page, and the width and
scrolling rules every page keeps.

axe-core is vendored under sn/testing/vendor (scripts/build_assets.sh copies it from npm), so the tests
need no Node. It is evaluated through the DevTools protocol rather than added as a <script>, which the
pages' content security policy (script-src 'self') would refuse.
"""

from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
FAILING_IMPACTS = frozenset({"serious", "critical"})
# axe rates these "moderate", but each is a defect a screen-reader user meets on every page: content
# outside any landmark is skipped by landmark navigation.
ALWAYS_FAILING = frozenset({"region"})
DESKTOP = {"width": 1280, "height": 900}

_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
  }));
}"""

# Every element that scrolls sideways (its content is wider than its box), with what makes it usable:
# reachable by keyboard, named as a region, and showing that there is more to see.
_SCROLLERS = """() => [...document.querySelectorAll("main *")].filter(el => {
  const overflow = getComputedStyle(el).overflowX;
  return (overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1;
}).map(el => ({
  what: el.id || el.className || el.tagName,
  caption: (el.querySelector("caption") || {}).textContent || "",
  tabindex: el.getAttribute("tabindex"),
  role: el.getAttribute("role"),
  label: el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || "",
  cue: getComputedStyle(el, "::before").content,
}))"""


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page) -> list[str]:
    """The page's serious and critical axe violations (and the ALWAYS_FAILING rules), one line each."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for v in page.evaluate(_RUN)
        if v["impact"] in FAILING_IMPACTS or v["id"] in ALWAYS_FAILING
    ]


def page_width(page) -> int:
    """How wide the page's content is: wider than the window means the page scrolls sideways."""
    return page.evaluate("() => document.documentElement.scrollWidth")


def unusable_scrollers(page) -> list[str]:
    """Sideways-scrolling boxes a keyboard user cannot reach, a screen-reader user cannot name, or a
    sighted user cannot tell are cut off."""
    problems = []
    for box in page.evaluate(_SCROLLERS):
        name = box["caption"].strip()[:60] or box["what"]
        if box["tabindex"] != "0":
            problems.append(f"{name!r} scrolls but cannot be reached by keyboard")
        if box["role"] != "region" or not box["label"]:
            problems.append(f"{name!r} scrolls but is not a labelled region")
        if box["cue"] in ("none", "normal", ""):
            problems.append(f"{name!r} is cut off with no cue that it scrolls")
    return problems


def screen_problems(page, width: int) -> list[str]:
    """Everything that makes the page unusable at `width` px: serious axe violations, sideways scrollers
    a user cannot work, and content wider than the screen."""
    problems = axe_violations(page) + unusable_scrollers(page)
    if (actual := page_width(page)) > width:
        problems.append(f"{page.url} is {actual} px wide on a {width} px screen")
    return problems
