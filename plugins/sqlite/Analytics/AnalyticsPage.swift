import EdgeCore

/// The analyst page over the embedded warehouse: one self-contained HTML document (no CDN, no
/// external assets) with filters (store, product, date range) that draws, as SVG from the
/// `/api/analytics/` documents: the store and product's daily units with the forecast and its
/// interval band and the backtest error; chain totals; sentiment beside sales; the most mentioned
/// products and stores; model metrics over training runs. Every drawn point carries its
/// `data-date` and `data-value` (bars: `data-id`), so what is drawn can be read back. It shows
/// the warehouse's data only, never a path or a setting.
enum AnalyticsPage {
    static let html = #"""
\#(PageStyle.documentStart(title: "retail-edge analytics"))
  form { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; }
  label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
  select, input { font: inherit; padding: 2px 4px; }
  #message { color: var(--bad); margin: 8px 0; }
  #message:empty { display: none; }
  .charts { margin-top: 12px; }
  .chart .band { fill: #0969da; opacity: 0.15; }
  .chart .empty { fill: var(--muted); font-size: 12px; }
  .note { font-size: 12px; color: var(--muted); max-width: 760px; }
  th, td { text-align: right; }
  th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
</style>
</head>
<body>
<header><h1>retail-edge</h1><span>analytics</span>
  <nav><a href="/">status</a><a href="/analytics">analytics</a><a href="/dead-letters">dead letters</a><a href="/metrics">metrics</a></nav></header>
<main>
  <form id="filters">
    <label>store<select id="store"></select></label>
    <label>product<select id="product"></select></label>
    <label>from<input id="from" type="date"></label>
    <label>to<input id="to" type="date"></label>
  </form>
  <div id="message"></div>
  <div class="charts">
    <div class="chart"><h3>daily units, forecast and its interval (store × product)</h3><svg id="chart-forecast" width="760" height="220"></svg>
      <div class="legend"><span><i style="background:#1f2328"></i>actual</span><span><i style="background:#0969da"></i>forecast</span><span><i style="background:#0969da;opacity:.25;height:8px"></i>interval</span></div>
      <div class="note" id="backtest"></div></div>
    <div class="chart"><h3>chain totals: units per day over all stores</h3><svg id="chart-totals" width="760" height="180"></svg>
      <div class="legend"><span><i style="background:#1a7f37"></i>actual</span><span><i style="background:#0969da"></i>forecast (sum)</span></div></div>
    <div class="chart"><h3>sentiment beside sales (product, all stores)</h3><svg id="chart-sentiment" width="760" height="180"></svg>
      <div class="legend"><span><i style="background:#9a6700"></i>units sold</span><span><i style="background:#8250df"></i>mean sentiment score (right axis)</span></div>
      <div class="note" id="correlation"></div></div>
    <div class="chart"><h3>most mentioned products</h3><svg id="chart-mentions-products" width="370" height="200"></svg></div>
    <div class="chart"><h3>most mentioned stores</h3><svg id="chart-mentions-stores" width="370" height="200"></svg></div>
    <div class="chart"><h3>model metrics over training runs (mean MAE of the run's series)</h3><svg id="chart-models" width="760" height="160"></svg>
      <table id="models"><thead><tr><th>trained at</th><th>model</th><th>series</th><th>MAE</th><th>RMSE</th><th>sMAPE</th><th>MASE</th><th>coverage</th><th>accuracy</th><th>macro F1</th></tr></thead><tbody></tbody></table></div>
  </div>
</main>
<script>
"use strict";
const NS = "http://www.w3.org/2000/svg";
const $ = id => document.getElementById(id);
function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}
const num = v => v === null || v === undefined ? "" : Number(v).toLocaleString("en-US", { maximumFractionDigits: 3 });
/** Days since the epoch of a date or a timestamp (training runs of one day stay apart). */
const day = d => Date.parse(d.length > 10 ? d : d + "T00:00:00Z") / 864e5;
async function get(path, params) {
  const query = new URLSearchParams(Object.entries(params || {}).filter(([, v]) => v)).toString();
  const response = await fetch(path + (query ? "?" + query : ""), { cache: "no-store" });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}
/**
 * A time chart of `series` ({cls, color, points: [{date, value, attrs}], right, dashed}) and an
 * optional interval `band` ([{date, lower, upper}]); each point is a circle with data-date and
 * data-value, so a test can read back what was drawn.
 */
function timeChart(id, series, band, rightLabel) {
  const chart = $(id), w = +chart.getAttribute("width"), h = +chart.getAttribute("height");
  const left = 52, right = rightLabel ? 44 : 8, top = 8, bottom = 18;
  const all = series.flatMap(s => s.points).concat((band || []).map(b => ({ date: b.date })));
  if (!all.length) { chart.replaceChildren(svg("text", { class: "empty", x: left, y: h / 2 }, "no data for these filters")); return; }
  const days = all.map(p => day(p.date)), d0 = Math.min(...days), d1 = Math.max(...days);
  const x = d => left + (d1 > d0 ? (day(d) - d0) / (d1 - d0) : 0.5) * (w - left - right);
  const leftValues = series.filter(s => !s.right).flatMap(s => s.points.map(p => p.value)).concat((band || []).flatMap(b => [b.lower, b.upper])).filter(v => v !== null);
  const rightValues = series.filter(s => s.right).flatMap(s => s.points.map(p => p.value)).filter(v => v !== null);
  const scale = (values, pad) => { const lo = Math.min(0, ...values), hi = Math.max(pad, ...values); return v => top + (h - top - bottom) * (1 - (v - lo) / (hi - lo || 1)); };
  const yl = scale(leftValues, 1), yr = rightValues.length ? (() => { const lo = Math.min(-1, ...rightValues), hi = Math.max(1, ...rightValues); return v => top + (h - top - bottom) * (1 - (v - lo) / (hi - lo)); })() : null;
  const maxLeft = Math.max(1, ...leftValues), minLeft = Math.min(0, ...leftValues);
  const parts = [svg("line", { class: "grid", x1: left, x2: w - right, y1: top, y2: top }), svg("line", { class: "grid", x1: left, x2: w - right, y1: h - bottom, y2: h - bottom }),
    svg("text", { class: "axis", x: left - 4, y: top + 8, "text-anchor": "end" }, num(maxLeft)), svg("text", { class: "axis", x: left - 4, y: h - bottom, "text-anchor": "end" }, num(minLeft)),
    svg("text", { class: "axis", x: left, y: h - 4 }, new Date(d0 * 864e5).toISOString().slice(0, 10)),
    svg("text", { class: "axis", x: w - right, y: h - 4, "text-anchor": "end" }, new Date(d1 * 864e5).toISOString().slice(0, 10))];
  if (rightLabel && yr) parts.push(svg("text", { class: "axis", x: w - right + 4, y: top + 8 }, rightLabel));
  if (band && band.length) {
    const upper = band.map(b => `${x(b.date).toFixed(1)},${yl(b.upper).toFixed(1)}`), lower = band.slice().reverse().map(b => `${x(b.date).toFixed(1)},${yl(b.lower).toFixed(1)}`);
    parts.push(svg("polygon", { class: "band", "data-points": band.length, points: upper.concat(lower).join(" ") }));
  }
  for (const s of series) {
    const y = s.right ? yr : yl, drawn = s.points.filter(p => p.value !== null);
    if (!drawn.length) continue;
    parts.push(svg("path", { class: "series " + s.cls, "data-points": drawn.length, stroke: s.color, "stroke-dasharray": s.dashed ? "4 3" : "none",
      d: drawn.map((p, i) => (i ? "L" : "M") + x(p.date).toFixed(1) + " " + y(p.value).toFixed(1)).join("") }));
    for (const p of drawn) {
      const dot = svg("circle", { class: s.cls, r: 1.8, fill: s.color, cx: x(p.date).toFixed(1), cy: y(p.value).toFixed(1), "data-date": p.date, "data-value": String(p.value), ...(p.attrs || {}) });
      dot.append(svg("title", {}, `${p.date}: ${num(p.value)}`));
      parts.push(dot);
    }
  }
  chart.replaceChildren(...parts);
}
/** Horizontal bars, one rect per item with data-id and data-value. */
function barChart(id, items) {
  const chart = $(id), w = +chart.getAttribute("width"), row = 18, left = 165;
  chart.setAttribute("height", Math.max(40, items.length * row + 8));
  if (!items.length) { chart.replaceChildren(svg("text", { class: "empty", x: 8, y: 24 }, "no mentions yet")); return; }
  const max = Math.max(1, ...items.map(i => i.mentions)), parts = [];
  items.forEach((item, i) => {
    const y = 4 + i * row, width = (w - left - 50) * item.mentions / max;
    parts.push(svg("text", { class: "axis", x: left - 6, y: y + 12, "text-anchor": "end" }, item.name.length > 27 ? item.name.slice(0, 26) + "…" : item.name));
    const bar = svg("rect", { class: "bar", x: left, y: y + 2, width: width.toFixed(1), height: row - 5, fill: "#0969da", "data-id": item.id, "data-value": String(item.mentions) });
    bar.append(svg("title", {}, `${item.name} (${item.id}): ${item.mentions}`));
    parts.push(bar, svg("text", { class: "axis", x: left + width + 4, y: y + 12 }, num(item.mentions)));
  });
  chart.replaceChildren(...parts);
}
const message = text => { $("message").textContent = text || ""; };
function filters() {
  return { store_id: $("store").value, product_id: $("product").value, from: $("from").value, to: $("to").value };
}
async function draw() {
  const f = filters(), range = { from: f.from, to: f.to };
  history.replaceState(null, "", "?" + new URLSearchParams(Object.entries(f).filter(([, v]) => v)).toString());
  message("");
  const drawing = [];
  drawing.push(get("/api/analytics/forecast", f).then(doc => {
    timeChart("chart-forecast", [
      { cls: "actual", color: "#1f2328", points: doc.actual },
      { cls: "forecast", color: "#0969da", points: doc.forecast.map(p => ({ date: p.date, value: p.yhat, attrs: { "data-lower": String(p.lower), "data-upper": String(p.upper) } })) },
    ], doc.forecast);
    const b = doc.backtest, r = doc.realised;
    $("backtest").textContent = (b ? `backtest of the ${b.model} model trained ${b.trained_at}: MAE ${num(b.mae)}, RMSE ${num(b.rmse)}, sMAPE ${num(b.smape)}, MASE ${num(b.mase)}, interval coverage ${num(b.coverage)}, ${num(b.n_train)} training days.` : "no backtest yet.")
      + (r && r.days ? ` After the fact: ${r.days} forecast days with sales, MAE ${num(r.mae)}, ${num(100 * r.coverage)}% inside the interval.` : "");
  }));
  drawing.push(get("/api/analytics/totals", range).then(doc => timeChart("chart-totals", [
    { cls: "total", color: "#1a7f37", points: doc.actual },
    { cls: "forecast-total", color: "#0969da", dashed: true, points: doc.forecast.map(p => ({ date: p.date, value: p.yhat })) },
  ])));
  drawing.push(get("/api/analytics/sentiment", { product_id: f.product_id, ...range }).then(doc => {
    timeChart("chart-sentiment", [
      { cls: "sales", color: "#9a6700", points: doc.sales },
      { cls: "sentiment", color: "#8250df", right: true, points: doc.sentiment.map(p => ({ date: p.date, value: p.value, attrs: { "data-tweets": String(p.tweets) } })) },
    ], null, "score");
    $("correlation").textContent = doc.correlation === null ? "too few days with tweets for a correlation." : `correlation of the daily mean sentiment with units sold: ${num(doc.correlation)} over ${doc.sentiment.filter(p => p.value !== null).length} days.`;
  }));
  drawing.push(get("/api/analytics/mentions", range).then(doc => { barChart("chart-mentions-products", doc.products); barChart("chart-mentions-stores", doc.stores); }));
  drawing.push(get("/api/analytics/models", { store_id: f.store_id, product_id: f.product_id }).then(doc => {
    timeChart("chart-models", [{ cls: "run", color: "#cf222e", points: doc.runs.filter(r => r.mae !== null).map(r => ({ date: r.trained_at, value: r.mae, attrs: { "data-model": r.model } })) }]);
    $("models").tBodies[0].replaceChildren(...doc.runs.map(r => {
      const tr = document.createElement("tr");
      for (const v of [r.trained_at, r.model, num(r.series), num(r.mae), num(r.rmse), num(r.smape), num(r.mase), num(r.coverage), num(r.accuracy), num(r.macro_f1)]) {
        const td = document.createElement("td"); td.textContent = v; tr.append(td);
      }
      return tr;
    }));
  }));
  const results = await Promise.allSettled(drawing);
  const failed = results.filter(r => r.status === "rejected").map(r => r.reason.message);
  message([...new Set(failed)].join(" · "));
  document.body.dataset.drawn = "true";
}
async function start() {
  try {
    const doc = await get("/api/analytics/filters"), params = new URLSearchParams(location.search);
    const fill = (select, items, chosen) => {
      select.replaceChildren(...items.map(i => { const o = document.createElement("option"); o.value = i.id; o.textContent = i.name === i.id ? i.id : `${i.name} (${i.id})`; return o; }));
      if (items.some(i => i.id === chosen)) select.value = chosen;
    };
    fill($("store"), doc.stores, params.get("store_id"));
    fill($("product"), doc.products, params.get("product_id"));
    $("from").value = params.get("from") || doc.first_sale || "";
    $("to").value = params.get("to") || doc.last_forecast || doc.last_sale || "";
    for (const id of ["store", "product", "from", "to"]) $(id).addEventListener("change", draw);
    await draw();
  } catch (e) {
    message(e.message);
    document.body.dataset.drawn = "true";
  }
}
start();
</script>
</body>
</html>
"""#
}
