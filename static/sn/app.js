import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

// A wide table's region says in words that it scrolls, but only while it does: the same table fits at
// one width and not at another.
function markOverflow(region) {
  region.toggleAttribute("data-overflowing", region.scrollWidth > region.clientWidth + 1);
}

const regions = document.querySelectorAll(".sn-scroll");
regions.forEach((region) => {
  // Markup written before scroll regions were focusable still gets the keyboard and a name.
  if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "0");
  if (!region.hasAttribute("role")) region.setAttribute("role", "region");
  if (!region.hasAttribute("aria-label") && !region.hasAttribute("aria-labelledby")) {
    const caption = region.querySelector("caption");
    region.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
  }
  markOverflow(region);
});
if ("ResizeObserver" in window) {
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => markOverflow(entry.target)));
  regions.forEach((region) => observer.observe(region));
}
