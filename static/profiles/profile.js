// The ward profile: grouped bars of shares (age bands, deprivation deciles) for the ward, its borough
// and the force, and the map of the team's key locations and recurring events. Data comes from
// <script type="application/json"> blocks; the same figures and places are in the tables beside them.
(function () {
  "use strict";

  var COLOURS = ["#1d70b8", "#b1b4b6", "#505a5f"];

  document.querySelectorAll("[data-share-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.shareChart);
    if (!node || !window.Chart) return;
    var data = JSON.parse(node.textContent);
    data.datasets.forEach(function (dataset) {
      dataset.backgroundColor = COLOURS[dataset.colour % COLOURS.length];
      dataset.borderWidth = 0;
    });
    new Chart(canvas, {
      type: "bar",
      data: data,
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: canvas.dataset.axis || "%" } } },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: function (item) { return item.dataset.label + ": " + item.formattedValue + "%"; } } },
        },
      },
    });
    canvas.dataset.drawn = String(data.datasets.length);
  });

  // Names come from what the team typed, so tooltips take them as text, never as HTML.
  function textTooltip(text) {
    var node = document.createElement("span");
    node.textContent = text;
    return node;
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // A ward's boundary and its places on a Leaflet map: circles for key locations, squares for events.
  function drawPlaces(container) {
    var boundary = readJson(container.dataset.boundary);
    if (!boundary || !window.L) return;
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: !!container.dataset.tiles });
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, { maxZoom: 19, attribution: "Map tiles" }).addTo(map);
    }
    var ward = L.geoJSON(boundary, {
      style: { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.08 },
      interactive: false,
    }).addTo(map);
    map.fitBounds(ward.getBounds(), { padding: [8, 8] });
    var places = readJson(container.dataset.places) || [];
    places.forEach(function (place) {
      var marker;
      if (place.type === "event") {
        // A square of fixed size on screen, whatever the zoom, so events read apart from locations.
        marker = L.marker([place.lat, place.lng], {
          icon: L.divIcon({ className: "sn-event-marker", iconSize: [14, 14] }),
          keyboard: false,
        });
      } else {
        marker = L.circleMarker([place.lat, place.lng], {
          radius: 7, color: "#0b0c0c", weight: 1, fillColor: "#00703c", fillOpacity: 0.9,
        });
      }
      marker.bindTooltip(textTooltip(place.name + " – " + place.kind)).addTo(map);
    });
    container.dataset.drawn = String(places.length);
  }

  document.querySelectorAll("[data-places-map]").forEach(drawPlaces);
})();
