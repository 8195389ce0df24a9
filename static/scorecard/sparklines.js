// Scorecard history: a small line per measure, from the JSON block named by data-scorecard-series
// (CSP: no inline JS). The same figures are in the table beside each chart.
(function () {
  "use strict";

  var node = document.getElementById("scorecard-series");
  if (!node || !window.Chart) return;
  var series = JSON.parse(node.textContent);
  document.querySelectorAll("[data-scorecard-chart]").forEach(function (canvas) {
    var data = series[canvas.dataset.scorecardChart];
    if (!data) return;
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.months,
        datasets: [{ label: data.label, data: data.values, borderColor: "#1d70b8", backgroundColor: "#1d70b8", borderWidth: 2, pointRadius: 2, tension: 0, spanGaps: true }],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true }, x: { ticks: { maxTicksLimit: 4 } } },
        plugins: { legend: { display: false } },
      },
    });
    canvas.dataset.drawn = "1";
  });
})();
