// Plan against delivery: planned and delivered slots per week, as bars. The data is the JSON block named
// by the canvas's data-delivery-chart; the same figures are in the table under the chart.
(function () {
  "use strict";
  document.querySelectorAll("[data-delivery-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.deliveryChart);
    if (!node || !window.Chart) return;
    var data = JSON.parse(node.textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Planned slots", data: data.planned, backgroundColor: "#b1b4b6" },
          { label: "Delivered", data: data.delivered, backgroundColor: "#1d70b8" }
        ]
      },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  });
})();
