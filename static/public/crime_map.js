// The public crime map: the area's boundary (a <script type="application/json"> block) and its published
// points (GeoJSON from the page's data-points-url) as circles sized by their count. Each circle opens a
// popup: "On or near X: N crimes", then its crime types. Names come from data, so they go in as text.
// Keyboard: the map pans and zooms from the keyboard (Leaflet), and each circle can be reached with Tab
// and opened with Enter; the table under the map gives the same figures for anyone who cannot use it.
(function () {
  "use strict";

  var container = document.querySelector("[data-crime-map]");
  if (!container || !window.L) return;

  function radius(count, largest, points) {
    // Area in proportion to the count, up to 18 px for the area's busiest point (12 px where there are
    // many points, as in a borough or a city-centre ward, so that they do not hide each other).
    var most = points > 150 ? 12 : 18;
    return 3 + most * Math.sqrt(count / Math.max(largest, 1));
  }

  function text(tag, content, className) {
    var node = document.createElement(tag);
    node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function describe(p) {
    return p.name + ": " + p.count.toLocaleString("en-GB") + (p.count === 1 ? " crime or incident" : " crimes and incidents");
  }

  function popup(p) {
    var box = document.createElement("div");
    box.appendChild(text("p", describe(p), "govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1"));
    var list = document.createElement("ul");
    list.className = "govuk-list govuk-body-s govuk-!-margin-bottom-0";
    p.categories.forEach(function (c) { list.appendChild(text("li", c.name + ": " + c.count.toLocaleString("en-GB"))); });
    box.appendChild(list);
    return box;
  }

  var map = L.map(container, { zoomSnap: 0.25, attributionControl: !!container.dataset.tiles });
  if (container.dataset.tiles) {
    L.tileLayer(container.dataset.tiles, { maxZoom: 18, attribution: "Map tiles" }).addTo(map);
  }
  var boundaryNode = document.getElementById(container.dataset.boundary);
  var boundary = boundaryNode ? JSON.parse(JSON.parse(boundaryNode.textContent)) : null;
  var outline = boundary ? L.geoJSON(boundary, {
    style: { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.06 },
    interactive: false,
  }).addTo(map) : null;
  if (outline) map.fitBounds(outline.getBounds(), { padding: [8, 8] });

  fetch(container.dataset.pointsUrl, { credentials: "omit" })
    .then(function (response) {
      if (!response.ok) throw new Error("points " + response.status);
      return response.json();
    })
    .then(function (data) {
      var largest = data.features.reduce(function (most, f) { return Math.max(most, f.properties.count); }, 1);
      data.features.forEach(function (f) {
        var p = f.properties;
        var marker = L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
          radius: radius(p.count, largest, data.features.length),
          color: "#0b0c0c", weight: 1, fillColor: "#d4351c", fillOpacity: 0.55,
        }).addTo(map);
        marker.bindPopup(popup(p));
        var path = marker.getElement();
        if (path) {
          // An SVG circle is not focusable by itself: make each one a button for the keyboard.
          path.setAttribute("tabindex", "0");
          path.setAttribute("role", "button");
          path.setAttribute("aria-label", describe(p));
          path.addEventListener("keydown", function (event) {
            if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              marker.openPopup();
            }
          });
        }
      });
      container.dataset.drawn = String(data.features.length);
    })
    .catch(function () {
      container.parentNode.insertBefore(
        text("p", "The map's points could not be loaded: the table below gives the same figures.", "govuk-body govuk-error-message"),
        container.nextSibling
      );
    });
})();
