/// The operator's status page: one self-contained HTML document (no CDN, no external assets)
/// that draws the graph of stages with its edges and a sparkline per stage, and charts of the
/// last hour (errors and dead letters, disk buffers, source lag) as SVG; it refreshes from
/// `/api/stages` every second and `/api/history` every five. It is served
/// already filled in from the same ``PipelineHealth`` snapshot as `/api/stages` (readiness,
/// failing stages with their errors and disk buffers), so it tells the truth without scripts too.
enum StatusPage {
    /// The page for `health`, whose `/api/stages` document is `document`; `links` are the
    /// stages' pages (``StatusRoute/link``), added to the navigation.
    static func html(health: PipelineHealth, document: String, links: [(path: String, label: String)]) -> String {
        let problems = health.failing.map { id -> String in
            guard let stage = health.stages.first(where: { $0.id == id }) else { return "<li>\(escape(id))</li>" }
            return "<li data-stage=\"\(escape(id))\">" + escape(problemText(stage, starting: health.sinksNotStarted.contains(id))) + "</li>"
        }.joined()
        return template
            .replacingOccurrences(of: "{{state-class}}", with: health.ready ? "ok" : "bad")
            .replacingOccurrences(of: "{{state}}", with: health.ready ? "ready" : "not ready")
            .replacingOccurrences(of: "{{pipeline}}", with: escape(health.pipeline))
            .replacingOccurrences(of: "{{problems}}", with: problems)
            .replacingOccurrences(of: "{{links}}", with: navigationLinks(links))
            .replacingOccurrences(of: "{{initial}}", with: document.replacingOccurrences(of: "</", with: "<\\/"))
    }

    /// The stages' pages as links of a page's navigation.
    static func navigationLinks(_ links: [(path: String, label: String)]) -> String {
        links.map { "<a href=\"\(escape($0.path))\">\(escape($0.label))</a>" }.joined()
    }

    /// One line about a failing stage, as the page's script writes it too.
    static func problemText(_ stage: PipelineHealth.Stage, starting: Bool) -> String {
        var text = "\(stage.kind.rawValue) \(stage.id): " + (stage.failing ? "failing" : starting ? "starting" : "ok")
        if let error = stage.lastError, stage.failing { text += " — " + error }
        if stage.bufferBytes > 0 { text += " — \(stage.bufferBytes) bytes (\(stage.bufferBatches) batches) in its disk buffer" }
        return text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let template = #"""
\#(PageStyle.documentStart(title: "retail-edge status"))
  header.bad { background: #a40e26; }
  #version { color: #8c959f; font-size: 12px; }
  #state { font-weight: 600; }
  #state.ok { color: #4ac26b; } #state.bad { color: #fff; background: #cf222e; padding: 1px 8px; border-radius: 10px; }
  #status { color: var(--muted); margin-bottom: 12px; }
  #problems { margin: 0 0 12px; padding: 8px 12px 8px 28px; background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; color: #82071e; }
  #problems:empty { display: none; }
  #graph { background: #fff; border: 1px solid var(--line); border-radius: 6px; max-width: 100%; }
  #graph .box { fill: #fff; stroke: var(--line); }
  #graph .failing .box { stroke: var(--bad); stroke-width: 2; }
  #graph .bar { fill: var(--ok); } #graph .failing .bar { fill: var(--bad); }
  #graph .name { font-weight: 600; font-size: 13px; }
  #graph .small { fill: var(--muted); font-size: 11px; }
  #graph .error { fill: var(--bad); font-size: 11px; }
  #graph .edge { fill: none; stroke: #8c959f; stroke-width: 1.5; }
  .spark { fill: none; stroke: #0969da; stroke-width: 1.5; }
  .legend { flex-wrap: wrap; max-width: 360px; }
  th, td { text-align: right; }
  th:first-child, td:first-child { text-align: left; }
</style>
</head>
<body>
<header class="{{state-class}}"><h1>retail-edge</h1><span id="pipeline">{{pipeline}}</span><span id="version"></span><span id="state" class="{{state-class}}">{{state}}</span>
  <nav><a href="/">status</a>{{links}}<a href="/dead-letters">dead letters</a><a href="/metrics">metrics</a></nav></header>
<main>
  <div id="status"></div>
  <ul id="problems">{{problems}}</ul>
  <h2>Pipeline (sparklines: records out per second, last hour)</h2>
  <svg id="graph" role="img" aria-label="graph of stages"></svg>
  <h2>Last hour</h2>
  <div class="charts">
    <div class="chart"><h3>errors and dead letters per interval</h3><svg id="chart-problems" width="380" height="150"></svg><div class="legend" id="legend-problems"></div></div>
    <div class="chart"><h3>disk buffer fill (% of buffer_max_bytes)</h3><svg id="chart-buffer" width="380" height="150"></svg><div class="legend" id="legend-buffer"></div></div>
    <div class="chart"><h3>source lag (bytes)</h3><svg id="chart-lag" width="380" height="150"></svg><div class="legend" id="legend-lag"></div></div>
  </div>
  <h2>Counters</h2>
  <table id="table"><thead><tr><th>stage</th><th>kind</th><th>in</th><th>out</th><th>in/s</th><th>out/s</th><th>errors</th><th>dead letters</th><th>retries</th><th>queued</th><th>disk buffer</th><th>last error</th><th>last error at</th></tr></thead><tbody></tbody></table>
</main>
<script id="initial" type="application/json">{{initial}}</script>
<script>
"use strict";
const fmt = n => Number(n).toLocaleString("en-US");
const NS = "http://www.w3.org/2000/svg";
const COLORS = ["#0969da", "#cf222e", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#1b7c83", "#57606a"];
let history = null;
function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}
const clip = (text, n) => text.length > n ? text.slice(0, n - 1) + "…" : text;
const clock = iso => iso ? new Date(iso).toLocaleTimeString("en-GB") : "";
function ago(iso) {
  if (!iso) return "never";
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  return s < 90 ? `${s} s ago` : s < 5400 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}
function depthOf(stages) {
  const byId = new Map(stages.map(s => [s.id, s])), depth = new Map();
  const visit = s => {
    if (depth.has(s.id)) return depth.get(s.id);
    depth.set(s.id, 0);
    const d = s.inputs.length ? 1 + Math.max(...s.inputs.map(i => byId.has(i) ? visit(byId.get(i)) : 0)) : 0;
    depth.set(s.id, d);
    return d;
  };
  stages.forEach(visit);
  return depth;
}
/** A polyline of `values` (nulls skipped) scaled into w x h at (x, y); the max is `top` or the data's. */
function pathOf(values, x, y, w, h, top) {
  const max = top || Math.max(1, ...values.filter(v => v !== null));
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  let d = "", pen = false;
  values.forEach((v, i) => {
    if (v === null) { pen = false; return; }
    const px = (x + i * step).toFixed(1), py = (y + h - (v / max) * h).toFixed(1);
    d += (pen ? "L" : "M") + px + " " + py; pen = true;
  });
  if (values.filter(v => v !== null).length === 1) d += "h2";
  return d;
}
const W = 250, H = 104, GX = 70, GY = 18;
function drawGraph(doc) {
  const graph = document.getElementById("graph");
  const depth = depthOf(doc.stages), rows = [], at = new Map();
  for (const s of doc.stages) {
    const d = depth.get(s.id), r = (rows[d] = (rows[d] || 0) + 1) - 1;
    at.set(s.id, { x: 10 + d * (W + GX), y: 10 + r * (H + GY) });
  }
  const width = 20 + rows.length * W + (rows.length - 1) * GX, height = 20 + Math.max(...rows) * (H + GY) - GY;
  graph.setAttribute("width", width); graph.setAttribute("height", height); graph.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const parts = [];
  for (const s of doc.stages) for (const input of s.inputs) {
    const a = at.get(input), b = at.get(s.id);
    if (!a) continue;
    const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2, mid = (x1 + x2) / 2;
    parts.push(svg("path", { class: "edge", "data-from": input, "data-to": s.id, d: `M${x1} ${y1}C${mid} ${y1} ${mid} ${y2} ${x2 - 6} ${y2}l-6 -4m6 4l-6 4` }));
  }
  for (const s of doc.stages) {
    const { x, y } = at.get(s.id), g = svg("g", { class: "stage" + (s.failing ? " failing" : ""), "data-stage": s.id, transform: `translate(${x},${y})` });
    g.append(svg("rect", { class: "box", width: W, height: H, rx: 6 }), svg("rect", { class: "bar", width: 4, height: H, rx: 2 }));
    g.append(svg("text", { class: "name", x: 12, y: 18 }, clip(s.id, 30)), svg("text", { class: "small", x: W - 8, y: 18, "text-anchor": "end" }, `${s.kind} · ${s.type}`));
    g.append(svg("text", { class: "small", x: 12, y: 36 }, `in ${fmt(s.records_in)} · out ${fmt(s.records_out)} · ${fmt(s.rate_out)}/s`));
    const series = history && history.stages[s.id] ? history.stages[s.id].rate_out : [];
    g.append(svg("path", { class: "spark", "data-points": series.length, d: pathOf(series, 12, 44, W - 24, 22) }));
    if (!series.length) g.append(svg("text", { class: "small", x: 12, y: 60 }, "collecting the first samples…"));
    let extra = `errors ${fmt(s.errors)} · dead letters ${fmt(s.dead_lettered)} · queued ${fmt(s.queued)}`;
    if (s.kind === "sink") extra += ` · buffer ${fmt(s.buffer_bytes)} B (${percentOf(s.buffer_bytes, s.buffer_max_bytes)}%)`;
    if (s.kind === "source") extra += ` · lag ${fmt(s.lag_bytes)} B`;
    g.append(svg("text", { class: "small", x: 12, y: 82 }, clip(extra, 46)));
    if (s.last_error) {
      const e = svg("text", { class: s.failing ? "error" : "small", x: 12, y: 97 }, clip(`${s.failing ? "failing" : "last error"} ${clock(s.last_error_at)}: ${s.last_error}`, 44));
      e.append(svg("title", {}, s.last_error));
      g.append(e);
    }
    parts.push(g);
  }
  graph.replaceChildren(...parts);
}
/** A line chart of several series over the history's times, with a legend. */
function drawChart(id, series) {
  const chart = document.getElementById("chart-" + id), legend = document.getElementById("legend-" + id);
  const w = 380, h = 150, left = 52, bottom = 18, top = 8, times = history ? history.times : [];
  const max = Math.max(1, ...series.flatMap(s => s.values.filter(v => v !== null)));
  const parts = [svg("line", { class: "grid", x1: left, x2: w - 4, y1: top, y2: top }), svg("line", { class: "grid", x1: left, x2: w - 4, y1: h - bottom, y2: h - bottom }),
    svg("text", { class: "axis", x: left - 4, y: top + 8, "text-anchor": "end" }, fmt(Math.round(max))),
    svg("text", { class: "axis", x: left - 4, y: h - bottom, "text-anchor": "end" }, "0")];
  if (times.length) parts.push(svg("text", { class: "axis", x: left, y: h - 4 }, clock(times[0])), svg("text", { class: "axis", x: w - 4, y: h - 4, "text-anchor": "end" }, clock(times[times.length - 1])));
  series.forEach((s, i) => parts.push(svg("path", { class: "series", "data-series": s.name, "data-points": s.values.length, stroke: COLORS[i % COLORS.length], d: pathOf(s.values, left, top, w - left - 4, h - top - bottom, max) })));
  chart.replaceChildren(...parts);
  legend.replaceChildren(...series.map((s, i) => { const span = document.createElement("span"); span.innerHTML = `<i style="background:${COLORS[i % COLORS.length]}"></i>`; span.append(s.name); return span; }));
}
function drawCharts(doc) {
  const of = (key, stages) => stages.map(s => ({ name: s.id, values: history && history.stages[s.id] ? history.stages[s.id][key] : [] }));
  drawChart("problems", [...of("errors", doc.stages).map(s => ({ ...s, name: s.name + " errors" })), ...of("dead_letters", doc.stages).map(s => ({ ...s, name: s.name + " dead letters" }))]
    .filter(s => s.values.some(v => v)));
  const sinks = doc.stages.filter(s => s.kind === "sink");
  drawChart("buffer", of("buffer_bytes", sinks).map((s, i) => ({ ...s, values: s.values.map(v => v === null ? null : percentOf(v, sinks[i].buffer_max_bytes)) })));
  drawChart("lag", of("lag_bytes", doc.stages.filter(s => s.kind === "source")));
}
/** Buffered bytes as a percentage of the sink's `buffer_max_bytes`, one decimal. */
const percentOf = (bytes, max) => max > 0 ? Math.round(1000 * bytes / max) / 10 : 0;
const bufferText = s => `${fmt(s.buffer_bytes)} B (${fmt(s.buffer_batches)} batches)`;
function problemText(s, starting) {
  let text = `${s.kind} ${s.id}: ` + (s.failing ? "failing" : starting ? "starting" : "ok");
  if (s.failing && s.last_error) text += " — " + s.last_error;
  if (s.buffer_bytes > 0) text += ` — ${s.buffer_bytes} bytes (${s.buffer_batches} batches) in its disk buffer`;
  return text;
}
let latest = null;
function render(doc) {
  latest = doc;
  document.getElementById("pipeline").textContent = doc.pipeline;
  document.getElementById("version").textContent = doc.version ? "v" + doc.version : "";
  const state = document.getElementById("state");
  state.textContent = doc.ready ? "ready" : "not ready";
  state.className = doc.ready ? "ok" : "bad";
  document.querySelector("header").className = doc.ready ? "ok" : "bad";
  const checkpoint = doc.last_checkpoint ? `checkpoint ${doc.last_checkpoint.id} ${ago(doc.last_checkpoint.at)}` : "no checkpoint yet";
  document.getElementById("status").textContent = doc.status + ` · up ${fmt(doc.uptime_seconds)} s · reloads ${doc.reloads} · ${checkpoint}`;
  const byId = new Map(doc.stages.map(s => [s.id, s]));
  document.getElementById("problems").replaceChildren(...doc.failing.map(id => {
    const li = document.createElement("li"); li.dataset.stage = id;
    li.textContent = byId.has(id) ? problemText(byId.get(id), !byId.get(id).failing) : id;
    return li;
  }));
  drawGraph(doc);
  drawCharts(doc);
  const body = document.querySelector("#table tbody");
  body.replaceChildren(...doc.stages.map(s => {
    const tr = document.createElement("tr");
    tr.dataset.stage = s.id;
    for (const v of [s.id, s.kind, fmt(s.records_in), fmt(s.records_out), fmt(s.rate_in), fmt(s.rate_out), fmt(s.errors), fmt(s.dead_lettered), fmt(s.retries), fmt(s.queued), s.kind === "sink" ? bufferText(s) : "", s.failing ? (s.last_error || "") : "", s.last_error_at ? new Date(s.last_error_at).toLocaleString("en-GB") : ""]) {
      const td = document.createElement("td"); td.textContent = v; tr.append(td);
    }
    return tr;
  }));
}
const unreachable = () => { const state = document.getElementById("state"); state.textContent = "agent unreachable"; state.className = "bad"; document.querySelector("header").className = "bad"; };
async function refresh() {
  try { render(await (await fetch("/api/stages", { cache: "no-store" })).json()); } catch (e) { unreachable(); }
}
async function refreshHistory() {
  try { history = await (await fetch("/api/history", { cache: "no-store" })).json(); if (latest) render(latest); } catch (e) { unreachable(); }
}
render(JSON.parse(document.getElementById("initial").textContent));
refreshHistory();
setInterval(refresh, 1000);
setInterval(refreshHistory, 5000);
</script>
</body>
</html>
"""#
}
