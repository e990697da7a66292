// The analyst's tools of the irkg explorer: the table of facts, paths between two entities,
// and exports of the view (PNG, SVG, Turtle, CSV). They use what explorer.js puts on
// window.irkg. As there, every string from the data is written with textContent, or
// escaped for the file format it goes into; nothing from the data becomes markup or code.
(function () {
  "use strict";
  const irkg = window.irkg, { el, byId, edgeById, links, network, page } = irkg;
  const $ = (id) => document.getElementById(id);

  // -- Facts as rows: the view's, or the selection's -------------------------------------------
  const COLUMNS = [
    ["subject", "Subject"], ["subject_kind", "Kind"], ["relation", "Relation"],
    ["object", "Object"], ["object_kind", "Kind"], ["sources", "Sources"],
  ];
  function factRow(e) {
    const from = byId.get(e.from), to = byId.get(e.to);
    return {
      edge: e.id, subject_id: e.from, subject: from.name, subject_kind: from.kind_label,
      relation_key: e.key, relation: e.relation, object_id: e.to, object: to.name, object_kind: to.kind_label,
      sources: irkg.sourceList(e.sources).map((s) => irkg.docTitle(s.split(" \u00b6")[0]) + (s.includes(" \u00b6") ? " \u00b6" + s.split(" \u00b6")[1] : "")).join("; "),
    };
  }
  function selectedEdges() {
    const s = irkg.state.selected, shown = irkg.shown().edges;
    if (s && s.node) return links.get(s.node).map((l) => l.edge.id).filter((id) => shown.has(id));
    if (s && s.edge) return [s.edge];
    if (s && s.path) return [...irkg.marked.edges];
    return null;
  }
  /** The rows the table shows: scope "view" or "selection", then the filter, then the sort. */
  function rows() {
    const picked = table.scope === "selection" ? selectedEdges() : null;
    const ids = picked || [...irkg.shown().edges];
    const words = fold(table.filter).split(" ").filter(Boolean);
    let out = ids.map((id) => factRow(edgeById.get(id)));
    if (words.length) out = out.filter((r) => { const text = fold(COLUMNS.map(([k]) => r[k]).join(" ")); return words.every((w) => text.includes(w)); });
    const [key, dir] = table.sort;
    out.sort((a, b) => dir * (a[key].localeCompare(b[key]) || a.edge.localeCompare(b.edge)));
    return out;
  }
  const fold = (s) => String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  irkg.tableRows = rows;

  // -- The table view ----------------------------------------------------------------------------
  const table = { open: false, scope: "view", filter: "", sort: ["subject", 1] };
  const MAX_ROWS = 1000;
  const view = $("table-view"), body = $("table-body"), head = $("table-head");
  COLUMNS.forEach(([key, title]) => {
    const th = el("th"), b = el("button", title); b.type = "button";
    th.dataset.key = key; th.setAttribute("scope", "col");
    b.addEventListener("click", () => { table.sort = [key, table.sort[0] === key ? -table.sort[1] : 1]; render(); irkg.remember(false); });
    th.append(b); head.append(th);
  });
  $("table-filter").addEventListener("input", (event) => { table.filter = event.target.value; render(); irkg.remember(false); });
  $("table-scope").addEventListener("change", (event) => { table.scope = event.target.value; render(); irkg.remember(false); });
  $("table-csv").addEventListener("click", () => download("irkg-facts.csv", "text/csv", csv(rows())));
  $("toggle-table").addEventListener("click", () => openTable(!table.open, true));
  function openTable(open, push) {
    table.open = open;
    view.hidden = !open;
    $("toggle-table").setAttribute("aria-pressed", String(open));
    $("toggle-table").textContent = open ? "Graph" : "Table";
    if (open) render(); else network.redraw();
    if (push) irkg.remember(true);
  }
  function render() {
    if (!table.open) return;
    const all = rows(), selection = selectedEdges();
    const scope = $("table-scope");
    scope.options[1].disabled = selection === null;
    scope.options[1].textContent = selection === null ? "Facts of the selection (nothing selected)" : "Facts of the selection (" + selection.length + ")";
    scope.options[0].textContent = "Facts shown in the graph (" + irkg.shown().edges.size + ")";
    scope.value = selection === null ? "view" : table.scope;  // the choice is kept for the next selection
    [...head.children].forEach((th) => th.setAttribute("aria-sort", th.dataset.key === table.sort[0] ? (table.sort[1] > 0 ? "ascending" : "descending") : "none"));
    body.replaceChildren(...all.slice(0, MAX_ROWS).map((r) => {
      const tr = el("tr");
      COLUMNS.forEach(([key]) => {
        const td = el("td");
        if (key === "subject" || key === "object") td.append(irkg.go(r[key], { node: r[key + "_id"] }));
        else if (key === "relation") td.append(irkg.go(r[key], { edge: r.edge }));
        else td.textContent = r[key];
        tr.append(td);
      });
      return tr;
    }));
    $("table-count").textContent = all.length > MAX_ROWS
      ? "Showing the first " + MAX_ROWS.toLocaleString("en") + " of " + all.length.toLocaleString("en") + " rows; the filter narrows them, the CSV has them all."
      : all.length + (all.length === 1 ? " row" : " rows");
  }
  irkg.changed.push(render);
  irkg.hashParams.push(["table", () => (table.open ? "1" : ""), (value) => openTable(value === "1", false)]);
  // The table's filter, scope and sort travel in the address too (kept while it is closed).
  irkg.hashParams.push(["rows", () => table.filter, (value) => { table.filter = value || ""; $("table-filter").value = table.filter; render(); }]);
  irkg.hashParams.push(["scope", () => (table.scope === "selection" ? "selection" : ""), (value) => { table.scope = value === "selection" ? "selection" : "view"; render(); }]);
  irkg.hashParams.push(["sort", () => (table.sort[0] === "subject" && table.sort[1] === 1 ? "" : table.sort[0] + (table.sort[1] < 0 ? "-desc" : "")), (value) => {
    const [key, dir] = (value || "subject").split("-");
    table.sort = [COLUMNS.some(([k]) => k === key) ? key : "subject", dir === "desc" ? -1 : 1]; render();
  }]);

  // -- Files made in the page and saved by the browser (never sent anywhere) ---------------------
  function download(name, type, text) {
    const a = el("a"); a.download = name;
    a.href = URL.createObjectURL(text instanceof Blob ? text : new Blob([text], { type: type + ";charset=utf-8" }));
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    irkg.say("Saved " + name + ". " + irkg.counts());
  }
  irkg.download = download;
  // RFC 4180 quoting; a cell a spreadsheet would read as a formula is prefixed with '.
  function cell(value) {
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  const CSV_COLUMNS = ["subject_id", "subject", "relation_key", "relation", "object_id", "object", "sources"];
  // The byte-order mark tells spreadsheets the file is UTF-8 (\u00b6, curly quotes).
  function csv(list) { return "\ufeff" + [CSV_COLUMNS, ...list.map((r) => CSV_COLUMNS.map((k) => r[k]))].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n"; }
  irkg.csv = csv;

  // -- Export menu: the view as PNG or SVG, its facts as Turtle or CSV --------------------------
  const menu = $("export-menu");
  $("toggle-export").addEventListener("click", () => { menu.hidden = !menu.hidden; $("toggle-export").setAttribute("aria-expanded", String(!menu.hidden)); if (!menu.hidden) menu.querySelector("button").focus(); });
  menu.addEventListener("keydown", (event) => { if (event.key === "Escape") { menu.hidden = true; $("toggle-export").focus(); } });
  document.addEventListener("click", (event) => {
    if (!menu.hidden && !menu.contains(event.target) && event.target !== $("toggle-export")) { menu.hidden = true; $("toggle-export").setAttribute("aria-expanded", "false"); }
  });
  const exporters = {
    png: () => png().then((blob) => download("irkg-view.png", "image/png", blob)),
    svg: () => download("irkg-view.svg", "image/svg+xml", svg()),
    ttl: () => download("irkg-view.ttl", "text/turtle", turtle()),
    csv: () => download("irkg-view.csv", "text/csv", csv(viewRows())),
  };
  menu.querySelectorAll("button[data-format]").forEach((b) => b.addEventListener("click", () => { menu.hidden = true; exporters[b.dataset.format](); }));
  const viewRows = () => [...irkg.shown().edges].sort().map((id) => factRow(edgeById.get(id)));
  irkg.exporters = { svg: () => svg(), turtle: () => turtle(), csv: () => csv(viewRows()) };

  function png() {
    const canvas = $("graph").querySelector("canvas"), out = document.createElement("canvas");
    out.width = canvas.width; out.height = canvas.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#f7f8fa"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    return new Promise((resolve) => out.toBlob(resolve, "image/png"));
  }
  // The whole view (not only what the window shows), at graph coordinates: each node in its
  // shape, each relation as an arrow, and the names that fit without overlapping, hubs first.
  const SHAPES = {
    dot: null, square: [[-1, -1], [1, -1], [1, 1], [-1, 1]], diamond: [[0, -1.2], [1.2, 0], [0, 1.2], [-1.2, 0]],
    triangle: [[0, -1.15], [1.1, 0.85], [-1.1, 0.85]], triangleDown: [[0, 1.15], [1.1, -0.85], [-1.1, -0.85]],
    star: [...Array(10)].map((_, i) => { const r = i % 2 ? 0.45 : 1.2, a = Math.PI * i / 5 - Math.PI / 2; return [r * Math.cos(a), r * Math.sin(a)]; }),
    hexagon: [...Array(6)].map((_, i) => [Math.cos(Math.PI * i / 3), Math.sin(Math.PI * i / 3)]),
  };
  function svg() {
    const NS = "http://www.w3.org/2000/svg", shown = irkg.shown();
    const ids = [...shown.nodes].sort(), pos = network.getPositions(ids);
    const xs = ids.map((id) => pos[id].x), ys = ids.map((id) => pos[id].y), pad = 120;
    const root = document.createElementNS(NS, "svg");
    const box = ids.length ? [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) - Math.min(...xs) + 2 * pad, Math.max(...ys) - Math.min(...ys) + 2 * pad] : [0, 0, 100, 100];
    const make = (tag, attrs, parent, text) => {
      const e = document.createElementNS(NS, tag);
      Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, String(v)));
      if (text !== undefined) e.textContent = text;
      (parent || root).append(e);
      return e;
    };
    root.setAttribute("xmlns", NS); root.setAttribute("viewBox", box.map((v) => v.toFixed(1)).join(" "));
    root.setAttribute("width", String(Math.round(box[2]))); root.setAttribute("height", String(Math.round(box[3])));
    root.setAttribute("font-family", "system-ui, sans-serif");
    make("title", {}, root, document.title);
    const marker = make("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" }, make("defs", {}));
    make("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#9aa3b2" }, marker);
    make("rect", { x: box[0], y: box[1], width: box[2], height: box[3], fill: "#f7f8fa" });
    [...shown.edges].sort().forEach((id) => {
      const e = edgeById.get(id), a = pos[e.from], b = pos[e.to], dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
      const r = byId.get(e.to).size + 2, end = { x: b.x - dx * r / len, y: b.y - dy * r / len };
      const line = make("line", { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: end.x.toFixed(1), y2: end.y.toFixed(1), stroke: "#c3c9d4", "stroke-width": 1, "marker-end": "url(#arrow)" });
      make("title", {}, line, byId.get(e.from).name + " \u2192 " + e.relation + " \u2192 " + byId.get(e.to).name);
    });
    const taken = [], hits = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    ids.forEach((id) => { const n = byId.get(id), p = pos[id]; taken.push({ x: p.x - n.size, y: p.y - n.size, w: 2 * n.size, h: 2 * n.size }); });
    ids.forEach((id) => {
      const n = byId.get(id), p = pos[id], points = SHAPES[n.shape];
      const style = { fill: n.color, stroke: "#2b2f3a", "stroke-width": 0.6 };
      const mark = points ? make("polygon", Object.assign({ points: points.map(([x, y]) => (p.x + x * n.size).toFixed(1) + "," + (p.y + y * n.size).toFixed(1)).join(" ") }, style))
        : make("circle", Object.assign({ cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: n.size }, style));
      make("title", {}, mark, n.name + " (" + n.kind_label + ")");
    });
    [...ids].sort((a, b) => byId.get(b).degree - byId.get(a).degree || (a < b ? -1 : 1)).forEach((id) => {
      const n = byId.get(id), p = pos[id], px = Math.round(12 + 4 * (n.weight || 0)), text = n.short || n.name;
      const w = 0.55 * px * text.length, label = { x: p.x - w / 2, y: p.y + n.size + 2, w, h: px * 1.2 };
      if (taken.some((o) => hits(label, o))) return;
      taken.push(label);
      make("text", { x: p.x.toFixed(1), y: (p.y + n.size + 2 + px).toFixed(1), "text-anchor": "middle", "font-size": px, fill: "#1d2433", stroke: "#f7f8fa", "stroke-width": 3, "paint-order": "stroke" }, root, text);
    });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root) + "\n";
  }

  // Turtle of the view: each entity's type and label, each relation as its triple.
  const IRI_OK = /^[^\u0000-\u0020<>"{}|^`\\]*$/;
  const iriOf = (id) => (id.includes("://") ? id : page.base + id);
  const predicateOf = (key) => (key.includes("://") ? key : page.vocab + key);
  const kindOf = (n) => n.kind_iri || (n.kind && !n.kind.includes("://") ? page.vocab + n.kind : null);
  const ref = (iri) => (IRI_OK.test(iri) ? "<" + iri + ">" : null);
  const literal = (text) => '"' + String(text).replace(/[\\"\n\r\t]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" }[c])) + '"';
  function turtle() {
    const shown = irkg.shown(), lines = [
      "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
      "@prefix irkg: <" + page.vocab + "> .", "",
    ];
    [...shown.nodes].sort().forEach((id) => {
      const n = byId.get(id), s = ref(iriOf(id)), kind = kindOf(n) && ref(kindOf(n));
      if (!s) return;
      if (kind) lines.push(s + " a " + kind + " .");
      lines.push(s + " rdfs:label " + literal(n.name) + " .");
    });
    [...shown.edges].sort().forEach((id) => {
      const e = edgeById.get(id), triple = [ref(iriOf(e.from)), ref(predicateOf(e.key)), ref(iriOf(e.to))];
      if (triple.every(Boolean)) lines.push(triple.join(" ") + " .");
    });
    return lines.join("\n") + "\n";
  }

  // -- Paths between two entities: the shortest, and the next shortest ---------------------------
  let pathFrom = null;
  function adjacency(blocked) {
    const shown = irkg.shown();
    return (id) => links.get(id).filter((l) => shown.edges.has(l.edge.id) && !blocked.has(l.edge.id));
  }
  // Breadth-first over the relations shown, either direction; returns the edges of the path.
  function shortest(a, b, blocked) {
    const next = adjacency(blocked || new Set()), via = new Map([[a, null]]);
    let frontier = [a];
    while (frontier.length && !via.has(b)) {
      const after = [];
      frontier.forEach((n) => next(n).sort((x, y) => (x.other < y.other ? -1 : 1)).forEach((l) => { if (!via.has(l.other)) { via.set(l.other, l); after.push(l.other); } }));
      frontier = after;
    }
    if (!via.has(b)) return null;
    const steps = [];
    for (let n = b; via.get(n); n = via.get(n).out ? via.get(n).edge.from : via.get(n).edge.to) steps.unshift(via.get(n));
    return steps;
  }
  // The next shortest: the best path found with one edge of the shortest left out (Yen's first step).
  function nextShortest(a, b, first) {
    let best = null;
    first.forEach((step) => {
      const found = shortest(a, b, new Set([step.edge.id]));
      const same = found && found.length === first.length && found.every((s, i) => s.edge.id === first[i].edge.id);
      if (found && !same && (!best || found.length < best.length)) best = found;
    });
    return best;
  }
  function nodesOf(a, steps) { const out = [a]; steps.forEach((s) => out.push(s.other)); return out; }
  function hopLine(step) {
    const e = step.edge, li = el("li");
    li.append(irkg.go(byId.get(e.from).name, { node: e.from }), " " + e.relation + " ", irkg.go(byId.get(e.to).name, { node: e.to }));
    const source = irkg.sourceList(e.sources)[0];
    if (source) li.append(el("div", "Source: " + irkg.docTitle(source.split(" \u00b6")[0]) + (source.includes(" \u00b6") ? " \u00b6" + source.split(" \u00b6")[1] : ""), "src"));
    return li;
  }
  irkg.showPath = (a, b) => {
    const details = irkg.details, first = shortest(a, b);
    details.replaceChildren(...irkg.heading("path", byId.get(a).name + " \u2192 " + byId.get(b).name));
    if (!first) {
      details.append(el("p", "No path joins them through the relations shown. Show everything (Esc) and try again, or pick other ends.", "muted"));
      return;
    }
    const second = nextShortest(a, b, first);
    [first, second].forEach((steps, i) => {
      if (!steps) return;
      const list = el("ol");
      steps.forEach((s) => list.append(hopLine(s)));
      details.append(el("h2", (i ? "Next shortest: " : "Shortest: ") + steps.length + (steps.length === 1 ? " step" : " steps")), list);
    });
    if (!second) details.append(el("p", "No other path of its own: every other way shares the same relations.", "muted"));
    first.forEach((s) => irkg.marked.edges.add(s.edge.id));
    nodesOf(a, first).forEach((id) => irkg.marked.nodes.add(id));
    network.setSelection({ nodes: [...irkg.marked.nodes], edges: [...irkg.marked.edges] }, { highlightEdges: false });
    network.fit({ nodes: [...irkg.marked.nodes], animation: false });  // the whole path in view
    if (network.getScale() > irkg.maxScale) network.moveTo({ scale: irkg.maxScale, animation: false });
    irkg.say("Path: " + nodesOf(a, first).map((id) => byId.get(id).name).join(" \u2192 "));
    network.redraw();
  };
  irkg.nodeActions = (id) => {
    const row = el("div", undefined, "actions"), b = el("button", pathFrom && pathFrom !== id ? "Path from " + byId.get(pathFrom).name + " to here" : "Path from here\u2026", "action");
    b.type = "button";
    b.addEventListener("click", () => {
      if (pathFrom && pathFrom !== id) { const from = pathFrom; pathFrom = null; irkg.select({ path: [from, id] }); }
      else { pathFrom = id; irkg.say("Path from " + byId.get(id).name + ": now pick the other end (search, or click a node)."); }
    });
    const grow = el("button", "Grow from here", "action"); grow.type = "button";
    grow.title = "Show only this entity, then add neighbours a few at a time by clicking";
    grow.addEventListener("click", () => irkg.grow(id));
    row.append(b, " ", grow);
    return row;
  };
  // Once a start is picked, the next entity selected ends the path.
  irkg.changed.push((what) => {
    const s = irkg.state.selected;
    if (what === "selection" && pathFrom && s && s.node && s.node !== pathFrom) { const from = pathFrom; pathFrom = null; irkg.select({ path: [from, s.node] }, { replace: true }); }
  });
  irkg.path = (a, b) => { const steps = shortest(a, b); return steps && nodesOf(a, steps); };

  // -- The trade figures as a chart, one click from the Years filter ------------------------------
  // One bar per figure, a scale per unit (billions apart from trillions), oldest period first.
  const whenKey = (n) => (n.when ? n.when[0] : "9999");
  const figures = [...byId.values()].filter((n) => typeof n.amount === "number" && n.amount >= 0 && /US dollars/.test(n.unit || ""))
    .sort((a, b) => (whenKey(a) < whenKey(b) ? -1 : whenKey(a) > whenKey(b) ? 1 : b.amount - a.amount || (a.id < b.id ? -1 : 1)));
  irkg.showChart = () => {
    const details = irkg.details;
    network.unselectAll();
    details.replaceChildren(...irkg.heading("chart", "Trade figures"));
    details.append(el("p", "Every figure the sources give, oldest period first (undated last). Click one to open it, with its source and claim.", "muted"));
    [...new Set(figures.map((n) => n.unit))].forEach((unit) => {
      const mine = figures.filter((n) => n.unit === unit), most = Math.max(...mine.map((n) => n.amount)) || 1;
      details.append(el("h2", "In " + unit));
      const list = el("ul", undefined, "chart");
      mine.forEach((n) => {
        const li = el("li"), bar = el("span", undefined, "fill");
        bar.style.width = (100 * n.amount / most).toFixed(1) + "%"; bar.style.background = n.color;
        const track = el("span", undefined, "track"); track.append(bar, el("span", (n.comparator ? n.comparator + " " : "") + n.amount, "value"));
        li.append(irkg.go(n.name, { node: n.id }), track);
        list.append(li);
      });
      details.append(list);
    });
  };
  const chartButton = $("show-chart");
  if (!figures.length) chartButton.hidden = true;
  chartButton.addEventListener("click", () => irkg.select({ chart: true }));

  irkg.start();
  irkg.started();
})();
