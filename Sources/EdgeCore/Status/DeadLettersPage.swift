/// The dead-letter browser: one self-contained HTML document (no CDN, no external assets, the
/// status page's look) that lists a stage's rejected records newest first from
/// `/api/dead-letters`: time, where (file:line or topic/partition/offset), column, reason and
/// raw text, with a stage selector, a search box and older pages. It carries no records
/// itself; when the API wants a bearer token, the page asks for it and keeps it in the tab's
/// session storage only. All text goes in through `textContent`, never as HTML.
enum DeadLettersPage {
    /// The page, with `links` to the stages' pages (``StatusRoute/link``) in its navigation.
    static func html(links: [(path: String, label: String)]) -> String {
        template.replacingOccurrences(of: "{{links}}", with: StatusPage.navigationLinks(links))
    }

    private static let template = #"""
\#(PageStyle.documentStart(title: "retail-edge dead letters"))
  form { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
  select, input, button { font: inherit; padding: 3px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
  button { cursor: pointer; }
  #q { width: 280px; }
  #status { color: var(--muted); margin: 10px 0 0; }
  #problem { margin: 10px 0 0; padding: 8px 12px; background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; color: #82071e; }
  #problem:empty, #token-form[hidden] { display: none; }
  table { width: 100%; font-variant-numeric: normal; }
  th, td { text-align: left; vertical-align: top; }
  th { background: #f6f8fa; }
  td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.where { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; max-width: 320px; }
  td.raw { font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap; word-break: break-all; max-width: 480px; }
  td .details { color: var(--muted); font-size: 12px; }
  tr.corrupt td { background: #fff8c5; }
  #empty { color: var(--muted); }
  #hint { color: var(--muted); font-size: 12px; margin-top: 12px; }
  code { font-family: ui-monospace, monospace; background: #eaeef2; padding: 0 4px; border-radius: 4px; }
</style>
</head>
<body>
<header><h1>retail-edge</h1><span>dead letters</span>
  <nav><a href="/">status</a>{{links}}<a href="/dead-letters">dead letters</a><a href="/metrics">metrics</a></nav></header>
<main>
  <form id="filters" autocomplete="off">
    <label>stage <select id="stage"></select></label>
    <label>search <input id="q" type="search" placeholder="file, column, reason, text…"></label>
    <button type="submit">search</button>
    <button type="button" id="refresh">newest</button>
  </form>
  <form id="token-form" hidden>
    <label>api token <input id="token" type="password" autocomplete="off"></label>
    <button type="submit">use</button>
  </form>
  <div id="problem"></div>
  <div id="status"></div>
  <table id="table"><thead><tr><th>time</th><th>stage</th><th>where</th><th>column</th><th>reason</th><th>raw text</th></tr></thead><tbody></tbody></table>
  <p id="empty" hidden>No dead letters.</p>
  <p><button type="button" id="older" hidden>older</button></p>
  <p id="hint">To fix and replay a source's rejected rows: <code id="export-command">retail-edge dead-letters export CONFIG --stage STAGE --out FILE</code>, fix FILE, then move it into the watched directory.</p>
</main>
<script>
"use strict";
const $ = id => document.getElementById(id);
const fmt = n => Number(n).toLocaleString("en-US");
const params = new URLSearchParams(location.search);
let stage = params.get("stage") || "", query = params.get("q") || "", before = null;
$("q").value = query;

function cell(tr, className, text, details) {
  const td = document.createElement("td");
  if (className) td.className = className;
  td.textContent = text;
  if (details && details.length) {
    const small = document.createElement("div");
    small.className = "details";
    small.textContent = details.map(([k, v]) => `${k}: ${v}`).join(" · ");
    td.appendChild(small);
  }
  tr.appendChild(td);
}

function headers() {
  const token = sessionStorage.getItem("retail-edge-token");
  return token ? { Authorization: "Bearer " + token } : {};
}

async function load(append) {
  const url = new URLSearchParams({ limit: "100" });
  if (stage) url.set("stage", stage);
  if (query) url.set("q", query);
  if (append && before !== null) url.set("before", String(before));
  let response, doc;
  try {
    response = await fetch("/api/dead-letters?" + url, { headers: headers(), cache: "no-store" });
    doc = await response.json();
  } catch (e) {
    $("problem").textContent = "cannot reach the agent: " + e;
    return;
  }
  if (response.status === 401 || response.status === 403) {
    $("problem").textContent = doc.error || "not allowed";
    $("token-form").hidden = response.status !== 401;
    return;
  }
  if (!response.ok) {
    $("problem").textContent = doc.error || ("error " + response.status);
    return;
  }
  $("problem").textContent = "";
  $("token-form").hidden = true;
  stage = doc.stage;
  const select = $("stage");
  select.replaceChildren(...doc.stages.map(s => {
    const option = document.createElement("option");
    option.value = s.stage;
    option.textContent = s.bytes > 0 ? `${s.stage} (${fmt(s.bytes)} bytes)` : `${s.stage} (none)`;
    option.selected = s.stage === stage;
    return option;
  }));
  const body = $("table").tBodies[0];
  if (!append) body.replaceChildren();
  for (const letter of doc.letters) {
    const tr = document.createElement("tr");
    if (letter.corrupt) tr.className = "corrupt";
    tr.dataset.offset = letter.offset;
    cell(tr, "time", letter.time ? new Date(letter.time).toLocaleString("en-GB") : "");
    cell(tr, "stage", letter.stage);
    cell(tr, "where", letter.where);
    cell(tr, "column", letter.column || "");
    cell(tr, "reason", letter.reason, Object.entries(letter.details || {}));
    cell(tr, "raw", letter.raw);
    body.appendChild(tr);
  }
  before = doc.before;
  $("older").hidden = before === null;
  $("empty").hidden = body.rows.length > 0;
  const shown = body.rows.length;
  $("status").textContent = `${fmt(shown)} letter${shown === 1 ? "" : "s"} of ${stage}, newest first` +
    (query ? ` matching “${query}”` : "") + (before === null ? " (all)" : " (older ones: press older)");
  $("export-command").textContent = `retail-edge dead-letters export CONFIG --stage ${stage} --out FILE`;
  const next = new URLSearchParams();
  if (stage) next.set("stage", stage);
  if (query) next.set("q", query);
  history.replaceState(null, "", "?" + next);
}

$("filters").addEventListener("submit", e => { e.preventDefault(); query = $("q").value.trim(); load(false); });
$("stage").addEventListener("change", () => { stage = $("stage").value; load(false); });
$("refresh").addEventListener("click", () => load(false));
$("older").addEventListener("click", () => load(true));
$("token-form").addEventListener("submit", e => {
  e.preventDefault();
  sessionStorage.setItem("retail-edge-token", $("token").value);
  $("token").value = "";
  load(false);
});
load(false);
</script>
</body>
</html>
"""#
}
