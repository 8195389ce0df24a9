// Cover against demand: a line per series over the 168 hours of the week. The data comes from the
// <script type="application/json"> block named by the canvas's data-cover-chart; the same figures are
// in the tables under the chart (and the CSV).
(function () {
  "use strict";

  var PALETTE = ["#1d70b8", "#d4351c", "#00703c", "#f47738"];
  var AXES = ["officers", "calls", "share"];
  var TITLES = { officers: "Officers on duty", calls: "Calls in an average week", share: "Weight or share" };

  document.querySelectorAll("[data-cover-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.coverChart);
    if (!node || !window.Chart) return;
    var data = JSON.parse(node.textContent);
    var used = {};
    data.datasets.forEach(function (dataset, index) {
      var axis = AXES[dataset.axis] || "officers";
      used[axis] = true;
      dataset.yAxisID = axis;
      dataset.borderColor = PALETTE[index % PALETTE.length];
      dataset.backgroundColor = PALETTE[index % PALETTE.length];
      dataset.pointRadius = 0;
      dataset.borderWidth = 2;
      dataset.stepped = axis === "officers" ? "middle" : false;
    });
    var scales = { x: { ticks: { autoSkip: true, maxTicksLimit: 14 } } };
    Object.keys(used).forEach(function (axis, index) {
      scales[axis] = {
        position: index === 0 ? "left" : "right",
        beginAtZero: true,
        grid: { drawOnChartArea: index === 0 },
        title: { display: true, text: TITLES[axis] },
      };
    });
    new Chart(canvas, {
      type: "line",
      data: data,
      options: {
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: scales,
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
    canvas.dataset.drawn = String(data.datasets.length);
  });
})();
