// The self-contained HTML report of `forecast --format html` and `rightsize --format html`: the
// data as embedded JSON and a small inline script that draws one SVG chart per series (history,
// the P50-P95 forecast band, the P50 and P99 lines, current and recommended capacity). No network.

/** One chart's data. Times are epoch milliseconds. */
export interface ChartData {
  readonly title: string;
  readonly unit: string;
  readonly subtitle: string;
  readonly history: readonly (readonly [number, number])[];
  readonly forecast: readonly { readonly t: number; readonly p50: number; readonly p95: number; readonly p99: number }[];
  readonly currentCapacity?: number;
  readonly recommendedCapacity?: number;
}

/** A report: title, a summary table, and charts. */
export interface HtmlReport {
  readonly title: string;
  readonly summary: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly charts: readonly ChartData[];
  readonly notes?: readonly string[];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

// Draws every chart from the embedded data; runs in the browser.
const SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById("cloudfit-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function fmt(v) { return Math.abs(v) >= 1000 ? v.toExponential(2) : (Math.round(v * 100) / 100).toString(); }
  data.charts.forEach(function (c, i) {
    var box = document.getElementById("chart-" + i);
    var W = 900, H = 300, L = 70, R = 20, T = 20, B = 40;
    var ts = c.history.map(function (p) { return p[0]; }).concat(c.forecast.map(function (f) { return f.t; }));
    var vs = c.history.map(function (p) { return p[1]; });
    c.forecast.forEach(function (f) { vs.push(f.p50, f.p95, f.p99); });
    if (c.currentCapacity != null) vs.push(c.currentCapacity);
    if (c.recommendedCapacity != null) vs.push(c.recommendedCapacity);
    var t0 = Math.min.apply(null, ts), t1 = Math.max.apply(null, ts);
    var v0 = Math.min(0, Math.min.apply(null, vs)), v1 = Math.max.apply(null, vs) * 1.05 || 1;
    function x(t) { return L + ((t - t0) / ((t1 - t0) || 1)) * (W - L - R); }
    function y(v) { return T + (1 - (v - v0) / ((v1 - v0) || 1)) * (H - T - B); }
    function line(pts) { return pts.map(function (p, k) { return (k ? "L" : "M") + x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1); }).join(""); }
    var svg = el("svg", { class: "forecast-chart", viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img" }, box);
    el("title", {}, svg).textContent = c.title;
    for (var k = 0; k <= 4; k++) {
      var v = v0 + ((v1 - v0) * k) / 4;
      el("line", { class: "grid", x1: L, x2: W - R, y1: y(v), y2: y(v) }, svg);
      el("text", { class: "tick", x: L - 6, y: y(v) + 4, "text-anchor": "end" }, svg).textContent = fmt(v);
    }
    for (var k = 0; k <= 4; k++) {
      var t = t0 + ((t1 - t0) * k) / 4;
      el("text", { class: "tick", x: x(t), y: H - B + 16, "text-anchor": k === 0 ? "start" : k === 4 ? "end" : "middle" }, svg).textContent = new Date(t).toISOString().slice(0, 16).replace("T", " ");
    }
    if (c.forecast.length > 0) {
      var up = c.forecast.map(function (f) { return [f.t, f.p95]; });
      var down = c.forecast.map(function (f) { return [f.t, f.p50]; }).reverse();
      el("path", { class: "band", d: line(up.concat(down)) + "Z" }, svg);
      el("path", { class: "p99", d: line(c.forecast.map(function (f) { return [f.t, f.p99]; })) }, svg);
      el("path", { class: "p50", d: line(c.forecast.map(function (f) { return [f.t, f.p50]; })) }, svg);
    }
    if (c.history.length > 0) el("path", { class: "history", d: line(c.history) }, svg);
    [["currentCapacity", "capacity-current", "current"], ["recommendedCapacity", "capacity-recommended", "recommended"]].forEach(function (k) {
      if (c[k[0]] == null) return;
      el("line", { class: k[1], x1: L, x2: W - R, y1: y(c[k[0]]), y2: y(c[k[0]]) }, svg);
      el("text", { class: "cap-label " + k[1], x: W - R - 4, y: y(c[k[0]]) - 4, "text-anchor": "end" }, svg).textContent = k[2] + " " + fmt(c[k[0]]) + " " + c.unit;
    });
    box.setAttribute("data-rendered", "true");
  });
  document.body.setAttribute("data-charts", String(data.charts.length));
})();
`;

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; margin: 12px 0 24px; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart { margin: 8px 0 28px; }
.grid { stroke: #eee; } .tick { font-size: 11px; fill: #666; }
.history { fill: none; stroke: #555; stroke-width: 1; }
.band { fill: rgba(31, 119, 180, 0.25); stroke: none; }
.p50 { fill: none; stroke: #1f77b4; stroke-width: 1.5; }
.p99 { fill: none; stroke: #1f77b4; stroke-dasharray: 4 3; }
.capacity-current { stroke: #d62728; stroke-width: 1.5; stroke-dasharray: 6 4; }
.capacity-recommended { stroke: #2ca02c; stroke-width: 2; }
.cap-label { font-size: 11px; } text.capacity-current { fill: #d62728; } text.capacity-recommended { fill: #2ca02c; }
.legend span { margin-right: 16px; } .sw { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin-right: 4px; }
`;

/** The report as one HTML document with no external resources. */
export function renderHtmlReport(r: HtmlReport): string {
  const nums = /^[-+$]?[\d,.]+%?$/;
  const table =
    `<table><thead><tr>${r.summary.columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead><tbody>` +
    r.summary.rows.map((row) => `<tr>${row.map((c) => `<td${nums.test(c) ? ' class="num"' : ""}>${esc(c)}</td>`).join("")}</tr>`).join("") +
    "</tbody></table>";
  const charts = r.charts
    .map((c, i) => `<section><h2>${esc(c.title)}</h2><p>${esc(c.subtitle)}</p><div class="chart" id="chart-${i}"></div></section>`)
    .join("\n");
  const legend =
    '<p class="legend"><span><i class="sw" style="background:#555"></i>history</span><span><i class="sw" style="background:rgba(31,119,180,.35)"></i>forecast P50–P95</span>' +
    '<span><i class="sw" style="background:#1f77b4"></i>P50 (dashed: P99)</span><span><i class="sw" style="background:#d62728"></i>current capacity</span>' +
    '<span><i class="sw" style="background:#2ca02c"></i>recommended capacity</span></p>';
  const data = JSON.stringify({ charts: r.charts }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>${STYLE}</style></head>
<body><h1>${esc(r.title)}</h1>
${table}
${(r.notes ?? []).map((n) => `<p>${esc(n)}</p>`).join("\n")}
${legend}
${charts}
<script type="application/json" id="cloudfit-data">${data}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
