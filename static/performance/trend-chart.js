// Quarterly survey trends: each quarter's estimate with its 95% confidence interval, drawn as a thin
// floating bar (Chart.js has no error bars), the rolling year and the force's quarter as lines.
// Data comes from the <script type="application/json"> block named by data-source (CSP: no inline JS).
(function () {
  "use strict";
  if (!window.Chart) return;

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function pct(value) {
    return value === null || value === undefined ? "–" : value.toFixed(1) + "%";
  }

  function draw(canvas, measure) {
    var intervals = measure.low.map(function (low, i) { return [low, measure.high[i]]; });
    var values = measure.low.concat(measure.high, measure.force).filter(function (v) { return v !== null; });
    var min = Math.max(0, Math.floor(Math.min.apply(null, values) / 5) * 5 - 5);
    var max = Math.min(100, Math.ceil(Math.max.apply(null, values) / 5) * 5 + 5);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: measure.labels,
        datasets: [
          {
            type: "bar", label: "95% confidence interval", data: intervals, order: 3,
            backgroundColor: "rgba(29, 112, 184, 0.35)", borderColor: "#1d70b8", borderWidth: 1,
            barPercentage: 0.25, categoryPercentage: 1.0, borderSkipped: false,
          },
          {
            type: "line", label: "Quarter estimate", data: measure.estimate, order: 1,
            borderColor: "#1d70b8", backgroundColor: "#1d70b8", pointRadius: 3, borderWidth: 1, tension: 0,
          },
          {
            type: "line", label: "Rolling year", data: measure.rolling, order: 2, spanGaps: false,
            borderColor: "#0b0c0c", backgroundColor: "#0b0c0c", pointRadius: 0, borderWidth: 3,
          },
          {
            type: "line", label: "Force quarter", data: measure.force, order: 2,
            borderColor: "#d53880", backgroundColor: "#d53880", borderDash: [6, 4], pointRadius: 0, borderWidth: 2,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { min: min, max: max, title: { display: true, text: "% of respondents" } },
          x: { ticks: { autoSkip: true, maxRotation: 0 } },
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (context) {
                var raw = context.raw;
                if (Array.isArray(raw)) return "95% interval: " + pct(raw[0]) + " to " + pct(raw[1]);
                return context.dataset.label + ": " + pct(raw);
              },
            },
          },
        },
      },
    });
    canvas.dataset.drawn = "true";
  }

  var cache = {};
  document.querySelectorAll("canvas[data-trend-chart]").forEach(function (canvas) {
    var source = canvas.dataset.source;
    cache[source] = cache[source] || readJson(source);
    if (!cache[source]) return;
    var measure = cache[source].measures.find(function (m) { return m.slug === canvas.dataset.trendChart; });
    if (measure && measure.labels.length) draw(canvas, measure);
  });
})();
