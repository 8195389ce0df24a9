// EPIC chart: stacked bars per month, one series per family. The data comes from the
// <script type="application/json"> block named by the canvas's data-epic-chart; the same figures are
// in the table under the chart.
(function () {
  "use strict";

  var PALETTE = ["#d4351c", "#00703c", "#1d70b8", "#f47738"];

  document.querySelectorAll("[data-epic-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.epicChart);
    if (!node || !window.Chart) return;
    var data = JSON.parse(node.textContent);
    data.datasets.forEach(function (dataset) {
      dataset.backgroundColor = PALETTE[dataset.colour % PALETTE.length];
      dataset.borderWidth = 0;
    });
    new Chart(canvas, {
      type: "bar",
      data: data,
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: "Activities" } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
    canvas.dataset.drawn = String(data.datasets.length);
  });
})();
