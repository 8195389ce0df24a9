// A case's incident data: a line per category on the chart and the points on a map inside the case's
// outline. The figures come from <script type="application/json"> blocks; the same are in the tables.
(function () {
  "use strict";

  var PALETTE = [
    "#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#f499be",
    "#b58840", "#912b88", "#85994b", "#5694ca", "#6f72af", "#ffdd00", "#505a5f",
  ];

  function readJson(id) {
    var node = id ? document.getElementById(id) : null;
    return node ? JSON.parse(node.textContent) : null;
  }

  document.querySelectorAll("[data-case-series]").forEach(function (canvas) {
    var data = readJson(canvas.dataset.caseSeries);
    if (!data || !window.Chart) return;
    data.datasets.forEach(function (dataset) {
      dataset.borderColor = PALETTE[dataset.colour % PALETTE.length];
      dataset.backgroundColor = dataset.borderColor;
      dataset.tension = 0;
      dataset.pointRadius = 2;
    });
    new Chart(canvas, {
      type: "line",
      data: data,
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: "Incidents" } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
    canvas.dataset.drawn = String(data.datasets.length);
  });

  document.querySelectorAll("[data-case-points]").forEach(function (container) {
    if (!window.L) return;
    var points = readJson(container.dataset.casePoints) || [];
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: !!container.dataset.tiles });
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, { maxZoom: 19, attribution: "Map tiles" }).addTo(map);
    }
    // The view first: a vector layer added to a map with no view yet has nothing to clip against.
    var outline = L.geoJSON(readJson(container.dataset.pointsOutline), {
      style: { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.05 },
      interactive: false,
    });
    map.fitBounds(outline.getBounds(), { padding: [8, 8] });
    outline.addTo(map);
    points.forEach(function (p) {
      L.circleMarker([p[0], p[1]], { radius: 3, color: "#d4351c", weight: 1, fillOpacity: 0.6, interactive: false }).addTo(map);
    });
    container.dataset.drawn = String(points.length);
  });
})();
