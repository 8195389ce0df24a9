// The case's area on a map: the ward's outline and, on the scanning form, a simple polygon drawing.
// Each click adds a corner; "Undo the last point" and "Clear" put it right. The polygon is written into
// the form's GeoJSON field as it grows, so the field stays the record and the form works without the map
// (the field can be typed or pasted into). On the case page the drawn area is shown, read-only.
(function () {
  "use strict";

  function readJson(id) {
    var node = id ? document.getElementById(id) : null;
    return node ? JSON.parse(node.textContent) : null;
  }

  function ringOf(points) {
    var ring = points.map(function (p) { return [Number(p.lng.toFixed(6)), Number(p.lat.toFixed(6))]; });
    ring.push(ring[0]);
    return ring;
  }

  function pointsOf(geometry) {
    if (!geometry || geometry.type !== "Polygon" || !geometry.coordinates || !geometry.coordinates[0]) return [];
    var ring = geometry.coordinates[0].slice(0, -1);
    return ring.map(function (c) { return L.latLng(c[1], c[0]); });
  }

  function draw(container) {
    if (!window.L) return;
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: !!container.dataset.tiles });
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, { maxZoom: 19, attribution: "Map tiles" }).addTo(map);
    }
    var outline = L.geoJSON(readJson(container.dataset.outline), {
      style: { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.05 },
      interactive: false,
    }).addTo(map);
    map.fitBounds(outline.getBounds(), { padding: [8, 8] });
    var field = container.dataset.field ? document.getElementById(container.dataset.field) : null;
    var shown = readJson(container.dataset.area);
    var points = [];
    if (field && field.value.trim()) {
      try { points = pointsOf(JSON.parse(field.value)); } catch (e) { points = []; }
    } else if (shown) {
      points = pointsOf(shown);
    }
    var shape = L.polygon([], { color: "#d4351c", weight: 3, fillOpacity: 0.2 }).addTo(map);
    var corners = L.layerGroup().addTo(map);

    function redraw() {
      shape.setLatLngs(points);
      corners.clearLayers();
      points.forEach(function (p) {
        L.circleMarker(p, { radius: 4, color: "#0b0c0c", weight: 1, fillColor: "#ffdd00", fillOpacity: 1 }).addTo(corners);
      });
      container.dataset.points = String(points.length);
      if (!field) return;
      field.value = points.length >= 3 ? JSON.stringify({ type: "Polygon", coordinates: [ringOf(points)] }) : "";
      var place = document.querySelector('input[name="place"][value="area"]');
      if (place && points.length) place.checked = true;
    }
    redraw();
    if (!field) return;
    map.on("click", function (event) { points.push(event.latlng); redraw(); });
    var undo = document.getElementById(container.dataset.undo);
    var clear = document.getElementById(container.dataset.clear);
    if (undo) undo.addEventListener("click", function () { points.pop(); redraw(); });
    if (clear) clear.addEventListener("click", function () { points = []; redraw(); });
  }

  document.querySelectorAll("[data-case-map]").forEach(draw);
})();
