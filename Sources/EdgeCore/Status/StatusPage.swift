/// The operator's status page: one self-contained HTML document (no CDN, no external assets)
/// that draws the graph of stages and refreshes it from `/api/stages` every second. It is served
/// already filled in from the same ``PipelineHealth`` snapshot as `/api/stages` (readiness,
/// failing stages with their errors and disk buffers), so it tells the truth without scripts too.
enum StatusPage {
    /// The page for `health`, whose `/api/stages` document is `document`.
    static func html(health: PipelineHealth, document: String) -> String {
        let problems = health.failing.map { id -> String in
            guard let stage = health.stages.first(where: { $0.id == id }) else { return "<li>\(escape(id))</li>" }
            return "<li data-stage=\"\(escape(id))\">" + escape(problemText(stage, starting: health.sinksNotStarted.contains(id))) + "</li>"
        }.joined()
        return template
            .replacingOccurrences(of: "{{state-class}}", with: health.ready ? "ok" : "bad")
            .replacingOccurrences(of: "{{state}}", with: health.ready ? "ready" : "not ready")
            .replacingOccurrences(of: "{{pipeline}}", with: escape(health.pipeline))
            .replacingOccurrences(of: "{{problems}}", with: problems)
            .replacingOccurrences(of: "{{initial}}", with: document.replacingOccurrences(of: "</", with: "<\\/"))
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
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>retail-edge status</title>
<style>
  :root { --ok: #1a7f37; --bad: #cf222e; --muted: #57606a; --line: #d0d7de; }
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  header { background: #24292f; color: #fff; padding: 12px 20px; display: flex; gap: 16px; align-items: baseline; }
  header h1 { font-size: 18px; margin: 0; }
  #state { font-weight: 600; }
  #state.ok { color: #4ac26b; } #state.bad { color: #ff8182; }
  main { padding: 16px 20px; }
  #status { color: var(--muted); margin-bottom: 12px; }
  #graph { display: flex; gap: 48px; align-items: flex-start; overflow-x: auto; padding-bottom: 8px; }
  .column { display: flex; flex-direction: column; gap: 16px; }
  .stage { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--ok); border-radius: 6px; padding: 8px 12px; min-width: 190px; }
  .stage.failing { border-left-color: var(--bad); }
  .stage .name { font-weight: 600; }
  .stage .kind { color: var(--muted); font-size: 12px; }
  .stage .inputs { color: var(--muted); font-size: 12px; }
  .stage dl { display: grid; grid-template-columns: auto auto; gap: 0 12px; margin: 6px 0 0; font-variant-numeric: tabular-nums; }
  .stage dt { color: var(--muted); } .stage dd { margin: 0; text-align: right; }
  .stage .error { color: var(--bad); font-size: 12px; margin-top: 6px; max-width: 320px; overflow-wrap: anywhere; }
  #problems { margin: 0 0 12px; padding: 8px 12px 8px 28px; background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; color: #82071e; }
  #problems:empty { display: none; }
  table { border-collapse: collapse; margin-top: 20px; background: #fff; font-variant-numeric: tabular-nums; }
  th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
</style>
</head>
<body>
<header><h1>retail-edge</h1><span id="pipeline">{{pipeline}}</span><span id="state" class="{{state-class}}">{{state}}</span></header>
<main>
  <div id="status"></div>
  <ul id="problems">{{problems}}</ul>
  <div id="graph"></div>
  <table id="table"><thead><tr><th>stage</th><th>kind</th><th>in</th><th>out</th><th>in/s</th><th>out/s</th><th>errors</th><th>dead letters</th><th>retries</th><th>queued</th><th>disk buffer</th><th>last error</th></tr></thead><tbody></tbody></table>
</main>
<script id="initial" type="application/json">{{initial}}</script>
<script>
"use strict";
const fmt = n => Number(n).toLocaleString("en-US");
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
function card(s) {
  const el = document.createElement("div");
  el.className = "stage" + (s.failing ? " failing" : "");
  el.dataset.stage = s.id;
  const rows = [["in", fmt(s.records_in)], ["out", fmt(s.records_out)], ["rate", fmt(s.rate_out) + "/s"],
                ["errors", fmt(s.errors)], ["dead letters", fmt(s.dead_lettered)], ["queued", fmt(s.queued)]];
  if (s.kind === "sink") rows.push(["disk buffer", bufferText(s)]);
  if (s.kind === "source") rows.push(["lag", fmt(s.lag_bytes) + " B"]);
  el.innerHTML = `<div class="name"></div><div class="kind"></div><div class="inputs"></div><dl></dl>`;
  el.querySelector(".name").textContent = s.id;
  el.querySelector(".kind").textContent = `${s.kind} · ${s.type}`;
  el.querySelector(".inputs").textContent = s.inputs.length ? "← " + s.inputs.join(", ") : "";
  const dl = el.querySelector("dl");
  for (const [k, v] of rows) { const dt = document.createElement("dt"); dt.textContent = k; const dd = document.createElement("dd"); dd.textContent = v; dd.dataset.field = k; dl.append(dt, dd); }
  if (s.failing && s.last_error) { const e = document.createElement("div"); e.className = "error"; e.textContent = s.last_error; el.append(e); }
  return el;
}
const bufferText = s => `${fmt(s.buffer_bytes)} B (${fmt(s.buffer_batches)} batches)`;
function problemText(s, starting) {
  let text = `${s.kind} ${s.id}: ` + (s.failing ? "failing" : starting ? "starting" : "ok");
  if (s.failing && s.last_error) text += " — " + s.last_error;
  if (s.buffer_bytes > 0) text += ` — ${s.buffer_bytes} bytes (${s.buffer_batches} batches) in its disk buffer`;
  return text;
}
function render(doc) {
  document.getElementById("pipeline").textContent = doc.pipeline;
  const state = document.getElementById("state");
  state.textContent = doc.ready ? "ready" : "not ready";
  state.className = doc.ready ? "ok" : "bad";
  document.getElementById("status").textContent = doc.status + ` · up ${fmt(doc.uptime_seconds)} s · reloads ${doc.reloads}`;
  const byId = new Map(doc.stages.map(s => [s.id, s]));
  document.getElementById("problems").replaceChildren(...doc.failing.map(id => {
    const li = document.createElement("li"); li.dataset.stage = id;
    li.textContent = byId.has(id) ? problemText(byId.get(id), !byId.get(id).failing) : id;
    return li;
  }));
  const depth = depthOf(doc.stages), columns = [];
  for (const s of doc.stages) { const d = depth.get(s.id); (columns[d] = columns[d] || []).push(s); }
  const graph = document.getElementById("graph");
  graph.replaceChildren(...columns.filter(Boolean).map(col => { const c = document.createElement("div"); c.className = "column"; c.append(...col.map(card)); return c; }));
  const body = document.querySelector("#table tbody");
  body.replaceChildren(...doc.stages.map(s => {
    const tr = document.createElement("tr");
    tr.dataset.stage = s.id;
    for (const v of [s.id, s.kind, fmt(s.records_in), fmt(s.records_out), fmt(s.rate_in), fmt(s.rate_out), fmt(s.errors), fmt(s.dead_lettered), fmt(s.retries), fmt(s.queued), s.kind === "sink" ? bufferText(s) : "", s.failing ? (s.last_error || "") : ""]) {
      const td = document.createElement("td"); td.textContent = v; tr.append(td);
    }
    return tr;
  }));
}
async function refresh() {
  try {
    const response = await fetch("/api/stages", { cache: "no-store" });
    render(await response.json());
  } catch (e) {
    const state = document.getElementById("state");
    state.textContent = "agent unreachable"; state.className = "bad";
  }
}
render(JSON.parse(document.getElementById("initial").textContent));
setInterval(refresh, 1000);
</script>
</body>
</html>
"""#
}
