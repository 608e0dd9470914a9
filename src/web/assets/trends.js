// The trends page's charts, drawn with ECharts (served by this server) from the page's JSON block.
const T = JSON.parse(document.getElementById("trend-data").textContent);
for (const [i, c] of T.charts.entries()) {
  const chart = echarts.init(document.getElementById(`chart-${i}`), null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    textStyle: { fontSize: 16 },
    tooltip: { trigger: "axis" },
    legend: { top: 0, textStyle: { fontSize: 15 } },
    grid: { left: 70, right: 16, top: 40, bottom: 40 },
    xAxis: { type: "category", data: T.labels, axisLabel: { fontSize: 14 } },
    yAxis: { type: "value", axisLabel: { fontSize: 14 } },
    series: c.series.map((s) => ({ type: "line", name: s.name, data: s.data, symbolSize: 8, lineStyle: { width: 3 } })),
  });
  addEventListener("resize", () => chart.resize());
}
