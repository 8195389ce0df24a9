// Crime profile chart: stacked bars per month, one series per police.uk category. The data comes from
// the <script type="application/json"> block named by the canvas's data-profile-chart; the same figures
// are in the table under the chart.
(function () {
  "use strict";

  var PALETTE = [
    "#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#f499be",
    "#b58840", "#912b88", "#85994b", "#5694ca", "#6f72af", "#ffdd00", "#505a5f",
  ];

  document.querySelectorAll("[data-profile-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.profileChart);
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
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: "Incidents" } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
    canvas.dataset.drawn = String(data.datasets.length);
  });
})();
