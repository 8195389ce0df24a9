// Draws every boundary map. Data comes from a <script type="application/json"> block (data-geojson) or
// a URL (data-url); the map needs no tiles and no network: the boundaries are the map. Tiles are added
// only when configured. A palette (data-palette) says how areas are coloured and described; the
// colours match the legends on the pages (sn.css, crime.css).
(function () {
  "use strict";

  var NO_DATA = "#b1b4b6";

  var PALETTES = {
    // Share of establishment posts filled (property `fill`, 0 to 1).
    staffing: {
      colour: function (p) {
        if (p.fill === null || p.fill === undefined) return NO_DATA;
        if (p.fill >= 0.999) return "#00703c";
        if (p.fill >= 0.9) return "#85994b";
        if (p.fill >= 0.75) return "#f47738";
        return "#d4351c";
      },
      describe: function (p) {
        return p.name + (p.fill !== undefined && p.fill !== null ? " – " + Math.round(p.fill * 100) + "% of posts filled" : "");
      },
      outline: { color: "#ffffff", weight: 1, fillOpacity: 0.85 },
    },
    // Fifth of the force's demand (property `quintile`, 1 = quietest, 5 = busiest).
    demand: {
      colour: function (p) {
        return { 1: "#fef0d9", 2: "#fdcc8a", 3: "#fc8d59", 4: "#e34a33", 5: "#b30000" }[p.quintile] || NO_DATA;
      },
      describe: function (p) {
        if (p.rank === null || p.rank === undefined) return p.name + " – no data";
        return p.name + " – demand " + p.demand.toLocaleString("en-GB") + ", rank " + p.rank + " of " + p.of;
      },
      outline: { color: "#505a5f", weight: 0.5, fillOpacity: 0.9 },
    },
  };

  // Leaflet puts a string tooltip in as HTML; names come from data (a ward renamed in the admin, an
  // imported file), so they go in as text.
  function textTooltip(text) {
    var node = document.createElement("span");
    node.textContent = text;
    return node;
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
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
        onEachFeature: function (feature, layer) { layer.bindTooltip(textTooltip(feature.properties.name)); },
      }).addTo(map);
    }
    var palette = PALETTES[container.dataset.palette || "staffing"];
    var layer = L.geoJSON(data, {
      style: function (feature) {
        var p = feature.properties;
        if (p.role === "focus") return { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.25 };
        return Object.assign({ fillColor: palette.colour(p) }, palette.outline);
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindTooltip(textTooltip(palette.describe(p)));
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
