// Abstraction trend: the monthly rate as a line against the target as a dashed line, in per cent. The
// data comes from the <script type="application/json"> block named by the canvas's
// data-abstraction-chart (CSP: no inline JS); the same figures are in the table under the chart.
(function () {
  "use strict";

  document.querySelectorAll("[data-abstraction-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.abstractionChart);
    if (!node || !window.Chart) return;
    var data = JSON.parse(node.textContent);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Abstraction rate", data: data.rate, borderColor: "#1d70b8", backgroundColor: "#1d70b8", borderWidth: 3, pointRadius: 3, tension: 0 },
          { label: "Target", data: data.target, borderColor: "#d4351c", backgroundColor: "#d4351c", borderDash: [6, 4], borderWidth: 2, pointRadius: 0, stepped: true },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: { y: { beginAtZero: true, title: { display: true, text: "% of rostered hours" } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
    canvas.dataset.drawn = "2";
  });
})();
