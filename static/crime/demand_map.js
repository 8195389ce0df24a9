// Demand maps: every area coloured by its fifth of the force's demand (feature property `quintile`,
// 1 = quietest, 5 = busiest). Data from a URL (data-url) or a <script type="application/json"> block
// (data-geojson). The colours match static/crime/crime.css and the legend on the page.
(function () {
  "use strict";

  var COLOURS = { 1: "#fef0d9", 2: "#fdcc8a", 3: "#fc8d59", 4: "#e34a33", 5: "#b30000" };
  var NO_DATA = "#b1b4b6";

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    var data = JSON.parse(node.textContent);
    return typeof data === "string" ? JSON.parse(data) : data;
  }

  function describe(p) {
    if (p.rank === null || p.rank === undefined) return p.name + " – no data";
    return p.name + " – demand " + p.demand.toLocaleString("en-GB") + ", rank " + p.rank + " of " + p.of;
  }

  function draw(container, data) {
    if (!data || !window.L) return;
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: false });
    var layer = L.geoJSON(data, {
      style: function (feature) {
        var colour = COLOURS[feature.properties.quintile] || NO_DATA;
        return { color: "#505a5f", weight: 0.5, fillColor: colour, fillOpacity: 0.9 };
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindTooltip(describe(p));
        if (p.url) layer.on("click", function () { window.location.href = p.url; });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    container.dataset.drawn = String(data.features.length);
  }

  document.querySelectorAll("[data-demand-map]").forEach(function (container) {
    if (container.dataset.url) {
      fetch(container.dataset.url, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { draw(container, data); });
    } else {
      draw(container, readJson(container.dataset.geojson));
    }
  });
})();
