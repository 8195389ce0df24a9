// Draws the boundary maps. Data comes from <script type="application/json"> blocks on the page, so the
// map needs no tiles and no network: the boundaries are the map. Tiles are added only when configured.
(function () {
  "use strict";

  function fillColour(fill) {
    if (fill === null || fill === undefined) return "#b1b4b6";
    if (fill >= 0.999) return "#00703c";
    if (fill >= 0.9) return "#85994b";
    if (fill >= 0.75) return "#f47738";
    return "#d4351c";
  }

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    var data = JSON.parse(node.textContent);
    return typeof data === "string" ? JSON.parse(data) : data;
  }

  function draw(container, data) {
    if (!data || !window.L) return;
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: !!container.dataset.tiles });
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, { maxZoom: 18, attribution: "Map tiles" }).addTo(map);
    }
    var extra = container.dataset.extra ? readJson(container.dataset.extra) : null;
    if (extra) {
      L.geoJSON(extra, {
        style: { color: "#505a5f", weight: 1, fillColor: "#f3f2f1", fillOpacity: 0.6, dashArray: "4 3" },
        onEachFeature: function (feature, layer) { layer.bindTooltip(feature.properties.name); },
      }).addTo(map);
    }
    var layer = L.geoJSON(data, {
      style: function (feature) {
        var p = feature.properties;
        if (p.role === "focus") return { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.25 };
        return { color: "#ffffff", weight: 1, fillColor: fillColour(p.fill), fillOpacity: 0.85 };
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        var text = p.name + (p.fill !== undefined && p.fill !== null ? " – " + Math.round(p.fill * 100) + "% of posts filled" : "");
        layer.bindTooltip(text);
        if (p.url) layer.on("click", function () { window.location.href = p.url; });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    container.dataset.drawn = String(data.features.length);
  }

  document.querySelectorAll("[data-map]").forEach(function (container) {
    if (container.dataset.url) {
      fetch(container.dataset.url, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { draw(container, data); });
    } else {
      draw(container, readJson(container.dataset.geojson));
    }
  });
})();
