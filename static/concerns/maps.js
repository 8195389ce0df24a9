// The maps of the concerns and engagement pages, drawn with Leaflet on the ward's boundary (no tiles
// unless configured: the boundary is the map). Three kinds, by data attribute:
// - data-point-picker: a form's point. A click (or a tap) on the map sets the latitude and longitude
//   inputs named by data-lat and data-lng; typing in them moves the marker. Without script the inputs
//   are ordinary fields.
// - data-point-map: points to show (an event's place, an audit's findings), from data-points.
// - data-analysis-map: a topic's concerns against its category's incidents, from data-analysis.
(function () {
  "use strict";

  var FOCUS = { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.08 };
  var SEVERITY = { minor: "#85994b", moderate: "#f47738", serious: "#d4351c", event: "#1d70b8" };

  function readJson(id) {
    var node = id && document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // Leaflet puts a string tooltip in as HTML; labels come from what people typed, so they go in as text.
  function textTooltip(text) {
    var node = document.createElement("span");
    node.textContent = text;
    return node;
  }

  function baseMap(container, ward) {
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: !!container.dataset.tiles });
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, { maxZoom: 19, attribution: "Map tiles" }).addTo(map);
    }
    var outline = L.geoJSON(ward, { style: FOCUS, interactive: false }).addTo(map);
    map.fitBounds(outline.getBounds(), { padding: [8, 8] });
    return map;
  }

  function picker(container) {
    var ward = readJson(container.dataset.ward);
    var lat = document.getElementById(container.dataset.lat);
    var lng = document.getElementById(container.dataset.lng);
    if (!ward || !lat || !lng) return;
    var map = baseMap(container, ward);
    var marker = null;
    function place(latlng) {
      if (marker) marker.setLatLng(latlng);
      else marker = L.marker(latlng, { keyboard: false }).addTo(map);
    }
    function fromInputs() {
      var a = parseFloat(lat.value), b = parseFloat(lng.value);
      if (!isNaN(a) && !isNaN(b)) place([a, b]);
    }
    fromInputs();
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lng.value = e.latlng.lng.toFixed(6);
      place(e.latlng);
    });
    lat.addEventListener("change", fromInputs);
    lng.addEventListener("change", fromInputs);
    container.dataset.drawn = "picker";
  }

  function points(container) {
    var data = readJson(container.dataset.points);
    if (!data) return;
    var map = baseMap(container, data.ward);
    data.points.forEach(function (p) {
      L.circleMarker([p.lat, p.lng], {
        radius: p.kind === "event" ? 9 : 7, color: "#0b0c0c", weight: 1,
        fillColor: SEVERITY[p.kind] || "#1d70b8", fillOpacity: 0.9,
      }).bindTooltip(textTooltip(p.label)).addTo(map);
    });
    container.dataset.drawn = String(data.points.length);
  }

  function analysis(container) {
    var data = readJson(container.dataset.analysis);
    if (!data) return;
    var map = baseMap(container, data.ward);
    data.incidents.forEach(function (i) {
      var placed = i[2] === 1;
      L.circleMarker([i[0], i[1]], placed
        ? { radius: 3, color: "#6f777b", weight: 1, fill: false, dashArray: "2 2" }
        : { radius: 3, color: "#505a5f", weight: 0, fillColor: "#505a5f", fillOpacity: 0.6 }
      ).bindTooltip(textTooltip(i[3] + (i[4] ? " · " + i[4] : "") + (placed ? " (placed point)" : ""))).addTo(map);
    });
    data.concerns.forEach(function (c) {
      L.circleMarker([c[0], c[1]], { radius: 7, color: "#0b0c0c", weight: 1, fillColor: "#1d70b8", fillOpacity: 0.95 })
        .bindTooltip(textTooltip("Concern, " + c[2] + (c[3] ? " · " + c[3] : ""))).addTo(map);
    });
    container.dataset.drawn = String(data.incidents.length + data.concerns.length);
  }

  if (!window.L) return;
  document.querySelectorAll("[data-point-picker]").forEach(picker);
  document.querySelectorAll("[data-point-map]").forEach(points);
  document.querySelectorAll("[data-analysis-map]").forEach(analysis);
})();
