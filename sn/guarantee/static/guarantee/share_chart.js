// The share of wards with a named contactable officer, month by month (the table beside it holds the same).
document.querySelectorAll("canvas[data-share-chart]").forEach((canvas) => {
  const data = JSON.parse(document.getElementById(canvas.dataset.shareChart).textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.series.map((s) => ({ label: s.label, data: s.values, tension: 0.1 })),
    },
    options: { scales: { y: { min: 0, max: 100, title: { display: true, text: "%" } } } },
  });
});
