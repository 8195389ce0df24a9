// Placing a key location or recurring event: a click on the map puts the marker there and fills in the
// latitude and longitude; typing them moves the marker. Without JavaScript the two fields still work.
// The server decides whether the point lies in the ward; the map only helps to put it there.
(function () {
  "use strict";

  function textTooltip(text) {
    var node = document.createElement("span");
    node.textContent = text;
    return node;
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  document.querySelectorAll("[data-place-picker]").forEach(function (container) {
    var boundary = readJson(container.dataset.boundary);
    var lat = document.getElementById(container.dataset.latitude);
    var lng = document.getElementById(container.dataset.longitude);
    if (!boundary || !window.L || !lat || !lng) return;
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: !!container.dataset.tiles });
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, { maxZoom: 19, attribution: "Map tiles" }).addTo(map);
    }
    var ward = L.geoJSON(boundary, {
      style: { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.08 },
      interactive: false,
    }).addTo(map);
    map.fitBounds(ward.getBounds(), { padding: [8, 8] });
    (readJson(container.dataset.places) || []).forEach(function (place) {
      L.circleMarker([place.lat, place.lng], { radius: 5, color: "#505a5f", weight: 1, fillColor: "#b1b4b6", fillOpacity: 0.9 })
        .bindTooltip(textTooltip(place.name + " – " + place.kind))
        .addTo(map);
    });
    var marker = null;

    function place(latlng, pan) {
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        marker = L.circleMarker(latlng, { radius: 9, color: "#0b0c0c", weight: 2, fillColor: "#ffdd00", fillOpacity: 1 }).addTo(map);
      }
      if (pan) map.panTo(latlng);
      container.dataset.placed = latlng.lat.toFixed(6) + "," + latlng.lng.toFixed(6);
    }

    function fromFields() {
      var a = parseFloat(lat.value), b = parseFloat(lng.value);
      if (!isNaN(a) && !isNaN(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180) place(L.latLng(a, b), true);
    }

    // The ward's shape takes no clicks, so a click anywhere on the map places the point.
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = event.latlng.lng.toFixed(6);
      place(event.latlng, false);
    });
    lat.addEventListener("change", fromFields);
    lng.addEventListener("change", fromFields);
    fromFields();
  });
})();
