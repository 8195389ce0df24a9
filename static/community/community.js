// The community maps: a ward's outline with its KIN members and contacts as points, the gap view's
// small areas coloured by how well the team reaches them, and a map to place someone on a form (a click
// fills the latitude and longitude fields). Data comes from <script type="application/json"> blocks
// named by the container's data attributes; names go into tooltips as text, never as HTML.
(function () {
  "use strict";

  var POINT_COLOURS = { kin: "#1d70b8", contact: "#f47738" };

  function readJson(id) {
    var node = id ? document.getElementById(id) : null;
    return node ? JSON.parse(node.textContent) : null;
  }

  function textTooltip(text) {
    var node = document.createElement("span");
    node.textContent = text;
    return node;
  }

  function lsoaStyle(p) {
    var fill = p.under ? "#d4351c" : p.ratio === null || p.ratio === undefined ? "#b1b4b6" : "#85994b";
    return { color: "#505a5f", weight: 1, fillColor: fill, fillOpacity: p.under ? 0.45 : 0.3 };
  }

  function lsoaText(p) {
    var reach = p.reach + " reached of about " + p.population.toLocaleString("en-GB") + " residents";
    return p.name + " – " + reach + (p.under ? " (under-reached)" : "");
  }

  function draw(container) {
    if (!window.L) return;
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: !!container.dataset.tiles });
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, { maxZoom: 19, attribution: "Map tiles" }).addTo(map);
    }
    var outline = L.geoJSON(readJson(container.dataset.outline), {
      style: { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: container.dataset.lsoas ? 0 : 0.08 },
      interactive: false,
    }).addTo(map);
    var lsoas = readJson(container.dataset.lsoas);
    if (lsoas) {
      L.geoJSON(lsoas, {
        style: function (feature) { return lsoaStyle(feature.properties); },
        onEachFeature: function (feature, layer) { layer.bindTooltip(textTooltip(lsoaText(feature.properties))); },
      }).addTo(map);
      outline.bringToFront();
    }
    var points = readJson(container.dataset.points);
    var drawn = 0;
    if (points) {
      L.geoJSON(points, {
        pointToLayer: function (feature, latlng) {
          var colour = POINT_COLOURS[feature.properties.kind] || "#1d70b8";
          return L.circleMarker(latlng, { radius: 7, color: "#0b0c0c", weight: 1, fillColor: colour, fillOpacity: 0.9 });
        },
        onEachFeature: function (feature, layer) {
          drawn += 1;
          layer.bindTooltip(textTooltip(feature.properties.name));
          if (feature.properties.url) layer.on("click", function () { window.location.href = feature.properties.url; });
        },
      }).addTo(map);
    }
    map.fitBounds(outline.getBounds(), { padding: [8, 8] });
    if (container.dataset.pick) pickOn(map, container.dataset.pick.split(","));
    container.dataset.drawn = String(drawn);
  }

  // A click places the person: the fields stay the record of it, so the form works without the map.
  function pickOn(map, ids) {
    var lat = document.getElementById(ids[0]);
    var lng = document.getElementById(ids[1]);
    if (!lat || !lng) return;
    var marker = null;
    function place(latlng) {
      if (marker) marker.setLatLng(latlng);
      else marker = L.circleMarker(latlng, { radius: 8, color: "#0b0c0c", weight: 2, fillColor: "#ffdd00", fillOpacity: 1 }).addTo(map);
    }
    if (lat.value && lng.value) place([parseFloat(lat.value), parseFloat(lng.value)]);
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = event.latlng.lng.toFixed(6);
      place(event.latlng);
    });
  }

  document.querySelectorAll("[data-community-map]").forEach(draw);
})();

// The compliance trend: interviews a team each month against the standard (a line), and the share of
// teams that met it (bars). The same figures are in the table under the chart.
(function () {
  "use strict";
  document.querySelectorAll("[data-compliance-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.complianceChart);
    if (!node || !window.Chart) return;
    var data = JSON.parse(node.textContent);
    new Chart(canvas, {
      data: {
        labels: data.months,
        datasets: [
          { type: "bar", label: "Teams meeting the standard (%)", data: data.meeting, backgroundColor: "#85994b", yAxisID: "share" },
          { type: "line", label: "Interviews a team", data: data.per_team, borderColor: "#1d70b8", backgroundColor: "#1d70b8", yAxisID: "count" },
          { type: "line", label: "Standard", data: data.months.map(function () { return data.standard; }), borderColor: "#d4351c", borderDash: [6, 4], pointRadius: 0, yAxisID: "count" },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          share: { position: "right", min: 0, max: 100, title: { display: true, text: "% of teams" }, grid: { drawOnChartArea: false } },
          count: { position: "left", beginAtZero: true, title: { display: true, text: "Interviews a team" } },
        },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
    canvas.dataset.drawn = String(data.months.length);
  });
})();
