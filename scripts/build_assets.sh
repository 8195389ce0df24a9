#!/usr/bin/env bash
# Rebuild the vendored front-end assets in static/vendor/ from the exact
# versions pinned in package.json / package-lock.json.
#
# Node is needed only to run this script; the built files are committed so the
# Django app needs no Node at runtime.  Usage (from anywhere): scripts/build_assets.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

NM="node_modules"
OUT="static/vendor"

npm ci --no-audit --no-fund

pkg_field() { # pkg_field <package> <field>
  node -p "require('./$NM/$1/package.json')['$2']"
}

# Drop "//# sourceMappingURL=..." trailers: the .map files are not shipped, and
# Django's ManifestStaticFilesStorage fails collectstatic on missing referenced files.
strip_source_map() {
  sed -i -E 's@[[:space:]]*//# sourceMappingURL=[^[:space:]]+[[:space:]]*$@@' "$1"
}

rm -rf "$OUT"
mkdir -p "$OUT"/{govuk-frontend,leaflet/images,chartjs,htmx,swagger-ui}

# --- GOV.UK Frontend ---------------------------------------------------------
# CSS compiled from static/src/govuk.scss: system font stack, no GDS Transport
# @font-face, no crown/crest image. No GOV.UK fonts or images are copied.
npx sass --load-path="$NM" --style=compressed --no-source-map \
  --quiet-deps --silence-deprecation=import \
  static/src/govuk.scss "$OUT/govuk-frontend/govuk-frontend.min.css"
cp "$NM/govuk-frontend/dist/govuk/govuk-frontend.min.js" "$OUT/govuk-frontend/"
strip_source_map "$OUT/govuk-frontend/govuk-frontend.min.js"
# The npm package ships no licence file; this is upstream's LICENSE.txt
# (https://github.com/alphagov/govuk-frontend/blob/main/LICENSE.txt).
cat > "$OUT/govuk-frontend/LICENSE.txt" <<'LICENSE'
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENSE

# Guard: the GOV.UK-only typeface and images must never end up in the CSS.
css="$OUT/govuk-frontend/govuk-frontend.min.css"
if grep -q -e 'GDS Transport' -e '@font-face' -e 'url(' "$css"; then
  echo "ERROR: $css references GDS Transport / @font-face / url(); check static/src/govuk.scss" >&2
  exit 1
fi
for sel in govuk-header govuk-table govuk-button; do
  grep -q "\.$sel" "$css" || { echo "ERROR: .$sel missing from $css" >&2; exit 1; }
done

# --- Leaflet -----------------------------------------------------------------
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$OUT/leaflet/"
strip_source_map "$OUT/leaflet/leaflet.js"
cp "$NM/leaflet/dist/images/"*.png "$OUT/leaflet/images/"
cp "$NM/leaflet/LICENSE" "$OUT/leaflet/LICENSE.txt"

# --- Chart.js ----------------------------------------------------------------
# chart.umd.js in the package is already minified.
cp "$NM/chart.js/dist/chart.umd.js" "$OUT/chartjs/"
strip_source_map "$OUT/chartjs/chart.umd.js"
cp "$NM/chart.js/LICENSE.md" "$OUT/chartjs/LICENSE.txt"

# --- htmx --------------------------------------------------------------------
cp "$NM/htmx.org/dist/htmx.min.js" "$OUT/htmx/"
strip_source_map "$OUT/htmx/htmx.min.js"
cp "$NM/htmx.org/LICENSE" "$OUT/htmx/LICENSE.txt"

# --- Swagger UI (the platform API's documentation page, /api/v1/docs) ------------
# Served from our own origin and started by static/api/docs.js, never from a CDN.
cp "$NM/swagger-ui-dist/swagger-ui-bundle.js" "$NM/swagger-ui-dist/swagger-ui.css" "$OUT/swagger-ui/"
strip_source_map "$OUT/swagger-ui/swagger-ui-bundle.js"
sed -i -E 's@/\*# sourceMappingURL=[^*]*\*/@@' "$OUT/swagger-ui/swagger-ui.css"
cp "$NM/swagger-ui-dist/LICENSE" "$OUT/swagger-ui/LICENSE.txt"
cp "$NM/swagger-ui-dist/NOTICE" "$OUT/swagger-ui/NOTICE.txt"
cp "$NM/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt" "$OUT/swagger-ui/"

# --- axe-core (browser tests only, never served) --------------------------------
# Kept out of static/ so that collectstatic never publishes it; the tests inject it into each page.
TEST_VENDOR="sn/testing/vendor"
mkdir -p "$TEST_VENDOR"
cp "$NM/axe-core/axe.min.js" "$TEST_VENDOR/"
cp "$NM/axe-core/LICENSE" "$TEST_VENDOR/axe-core-LICENSE.txt"
cp "$NM/axe-core/LICENSE-3RD-PARTY.txt" "$TEST_VENDOR/axe-core-LICENSE-3RD-PARTY.txt"
sed -i -E "s/^\| axe-core \| [^|]+ \|/| axe-core | $(pkg_field axe-core version) |/; s/at the tag v[0-9.]+/at the tag v$(pkg_field axe-core version)/" \
  "$TEST_VENDOR/README.md"

# --- README ------------------------------------------------------------------
row() { # row <package> <dir> <files>
  printf '| %s | %s | %s | `%s/` | %s |\n' \
    "$1" "$(pkg_field "$1" version)" "$(pkg_field "$1" license)" "$2" "$3"
}
{
  echo "# Vendored front-end assets"
  echo
  echo "Generated files — do not edit by hand. Rebuilt by scripts/build_assets.sh"
  echo "(versions pinned in package.json / package-lock.json). The app serves these"
  echo "as static files and needs no Node at runtime."
  echo
  echo "| Package | Version | Licence | Directory | Files |"
  echo "|---|---|---|---|---|"
  row govuk-frontend govuk-frontend 'govuk-frontend.min.css (compiled from static/src/govuk.scss), govuk-frontend.min.js (ES module), LICENSE.txt'
  row leaflet leaflet 'leaflet.js, leaflet.css, images/, LICENSE.txt'
  row chart.js chartjs 'chart.umd.js, LICENSE.txt'
  row htmx.org htmx 'htmx.min.js, LICENSE.txt'
  row swagger-ui-dist swagger-ui 'swagger-ui-bundle.js, swagger-ui.css, LICENSE.txt, NOTICE.txt, swagger-ui-bundle.js.LICENSE.txt'
  echo
  echo "The CSS was compiled with sass $(pkg_field sass version) (MIT; build-time only, not shipped)."
  echo
  echo "GOV.UK Frontend is built without the GDS Transport typeface (system font stack"
  echo "instead) and without the crown / Royal coat of arms images: those are licensed"
  echo "only for GOV.UK services. The compiled CSS references no image or font files."
  echo "Source-map comments are stripped from the JS files (the .map files are not shipped)."
} > "$OUT/README.md"

echo "Built $OUT ($(du -sh "$OUT" | cut -f1))"
