// The public pages' maps and "use my location" (templates/public/). Everything here is an extra: each
// map has a list beside it, and finding a ward by name works without JavaScript.
(function () {
  "use strict";

  // Names come from data, so tooltips get them as text, never as HTML.
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
    if (!data || !window.L || !data.features.length) return;
    var map = L.map(container, { zoomSnap: 0.25, attributionControl: false });
    var layer = L.geoJSON(data, {
      style: function (feature) {
        if (feature.properties.role === "focus") {
          return { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.35 };
        }
        return { color: "#505a5f", weight: 1, fillColor: "#ffffff", fillOpacity: 0.7 };
      },
      onEachFeature: function (feature, featureLayer) {
        var p = feature.properties;
        featureLayer.bindTooltip(textTooltip(p.name), { sticky: true });
        if (p.url && p.role !== "focus") {
          featureLayer.on("click", function () { window.location.href = p.url; });
          featureLayer.on("mouseover", function () { featureLayer.setStyle({ fillColor: "#ffdd00" }); });
          featureLayer.on("mouseout", function () { layer.resetStyle(featureLayer); });
        }
      },
    }).addTo(map);
    var focus = null;
    layer.eachLayer(function (l) { if (l.feature.properties.role === "focus") focus = l; });
    map.fitBounds((focus || layer).getBounds(), { padding: [12, 12] });
    container.dataset.drawn = String(data.features.length);
  }

  document.querySelectorAll("[data-public-map]").forEach(function (container) {
    if (container.dataset.url) {
      fetch(container.dataset.url, { credentials: "omit" })
        .then(function (response) { return response.json(); })
        .then(function (data) { draw(container, data); });
    } else {
      draw(container, readJson(container.dataset.geojson));
    }
  });

  // Use my location: the browser's position goes to the locate page once, which answers with the
  // ward's page. Shown only where the browser can do it.
  var locate = document.querySelector("[data-locate]");
  if (locate && "geolocation" in navigator) {
    var button = locate.querySelector("[data-locate-button]");
    var status = locate.querySelector("[data-locate-status]");
    locate.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = "Finding your location…";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          status.textContent = "Opening your ward's page…";
          var lat = position.coords.latitude.toFixed(5);
          var lng = position.coords.longitude.toFixed(5);
          window.location.href = locate.dataset.locateUrl + "?lat=" + lat + "&lng=" + lng;
        },
        function (error) {
          button.disabled = false;
          status.textContent = error.code === error.PERMISSION_DENIED
            ? "Your browser did not share your location. Search for your ward by name instead."
            : "Your location could not be found. Search for your ward by name instead.";
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
      );
    });
  }
})();
