// Draws the supervision maps: each ward filled with its group's colour (property `colour`, chosen on
// the server so that the table beside the map shows the same), described by `text`. No tiles: the
// boundaries are the map, as in static/sn/map.js.
(function () {
  "use strict";

  function textTooltip(text) {
    var node = document.createElement("span");
    node.textContent = text;
    return node;
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.geojson);
    if (!source || !window.L) return;
    var data = JSON.parse(source.textContent);
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: false });
    var layer = L.geoJSON(data, {
      style: function (feature) {
        return { color: "#ffffff", weight: 1, fillColor: feature.properties.colour, fillOpacity: 0.85 };
      },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(textTooltip(feature.properties.text));
      },
    }).addTo(map);
    if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    container.dataset.drawn = String(data.features.length);
  }

  document.querySelectorAll("[data-map]").forEach(draw);
})();
