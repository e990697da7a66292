// The irkg explorer: filters, search, focus, details and the names drawn on the canvas.
// Every string from the data is written with textContent or drawn with fillText:
// nothing from the data ever becomes markup.
(function () {
  "use strict";
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const $ = (id) => document.getElementById(id);
  const nodeList = read("irkg-nodes"), edgeList = read("irkg-edges");
  const page = read("irkg-page"), options = read("irkg-options");
  const byId = new Map(nodeList.map((n) => [n.id, n]));
  const edgeById = new Map(edgeList.map((e) => [e.id, e]));
  const nodes = new vis.DataSet(nodeList), edges = new vis.DataSet(edgeList);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const fold = (s) => String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[\u2010-\u2015]/g, "-").replace(/\s+/g, " ").trim();
  // Below these widths the filters, then the details, become panels over the graph.
  const narrow = (which) => window.matchMedia(which === "legend" ? "(max-width: 1180px)" : "(max-width: 760px)").matches;

  // -- Who is next to whom --------------------------------------------------------------
  const links = new Map(nodeList.map((n) => [n.id, []]));  // id -> [{edge, other, out}]
  edgeList.forEach((e) => {
    links.get(e.from).push({ edge: e, other: e.to, out: true });
    if (e.to !== e.from) links.get(e.to).push({ edge: e, other: e.from, out: false });
  });
  const degrees = nodeList.map((n) => links.get(n.id).length).sort((a, b) => b - a);
  // Focus mode does not spread through hubs (India, Russia): their neighbourhoods are the graph.
  const hubDegree = Math.max(15, degrees[Math.floor(degrees.length / 100)] || 0);
  const rank = nodeList.map((n) => n.id).sort((a, b) => byId.get(b).degree - byId.get(a).degree || (a < b ? -1 : 1));

  // -- What is shown ----------------------------------------------------------------------
  const state = { hiddenKinds: new Set(), hiddenSources: new Set(), hiddenRelations: new Set(), time: null, focus: null, grow: null, depth: 2, selected: null };
  // Dated entities (a figure's period, a target's deadline) fall in years; undated ones always show.
  const yearsOf = (n) => (n.when ? [Number(n.when[0].slice(0, 4)), Number(n.when[1].slice(0, 4))] : null);
  const inTime = (n) => { const y = state.time && yearsOf(n); return !y || (y[1] >= state.time[0] && y[0] <= state.time[1]); };
  let focusSet = null, shownNodes = new Set(), shownEdges = new Set();
  const docOf = (source) => source.split(" \u00b6")[0];
  const fromShownSource = (sources) => !sources || !sources.length || sources.some((s) => !state.hiddenSources.has(docOf(s)));
  function computeShown() {
    const candidate = (n) => !state.hiddenKinds.has(n.category) && (!focusSet || focusSet.has(n.id)) && inTime(n);
    shownEdges = new Set(edgeList.filter((e) => !state.hiddenRelations.has(e.key) && fromShownSource(e.sources) && candidate(byId.get(e.from)) && candidate(byId.get(e.to))).map((e) => e.id));
    const linked = new Set();
    shownEdges.forEach((id) => { const e = edgeById.get(id); linked.add(e.from); linked.add(e.to); });
    // With a source unchecked, an entity stays only if a shown relation or its own facts need it.
    const filtering = state.hiddenSources.size > 0;
    // An ingested article's mentions keep what it names, related or not.
    const named = (n) => (n.mentioned_in || []).some((s) => !state.hiddenSources.has(docOf(s)));
    shownNodes = new Set(nodeList.filter((n) => candidate(n) && (!filtering || linked.has(n.id) ||
      (!links.get(n.id).length && fromShownSource(n.sources)) || named(n) || n.id === state.focus)).map((n) => n.id));
  }
  computeShown();
  const nodeView = new vis.DataView(nodes, { filter: (n) => shownNodes.has(n.id) });
  const edgeView = new vis.DataView(edges, { filter: (e) => shownEdges.has(e.id) });
  const container = $("graph");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  const irkg = { network, nodes, edges, nodeView, edgeView, drawn: [], focusOn: (id, depth) => focusOn(id, depth), select: (id) => select(id), state };
  window.irkg = irkg;  // for scripts and tests
  if (page.title) {  // a graph other than irkg's own, named by its files
    document.querySelector("h1").textContent = page.title;
    document.title = "irkg explorer: " + page.title;
    $("search").placeholder = "Search names, aliases, values";
  }

  function say(text) { $("status").textContent = text; }
  function counts() {
    const n = shownNodes.size, e = shownEdges.size, num = (x) => x.toLocaleString("en");
    return (n === nodeList.length ? num(n) + " entities" : num(n) + " of " + num(nodeList.length) + " entities") + ", " +
      (e === edgeList.length ? num(e) + " relations" : num(e) + " of " + num(edgeList.length) + " relations") +
      (page.total > nodeList.length ? " (of " + page.total.toLocaleString("en") + " in the graph)" : "");
  }
  // `pushing`: the caller records the new state as a step of history itself.
  function refresh(message, pushing) {
    computeShown(); nodeView.refresh(); edgeView.refresh();
    say(message ? message + " " + counts() : counts());
    syncControls();
    const empty = $("empty");
    empty.hidden = shownNodes.size > 0;
    if (!empty.hidden) {
      const why = state.hiddenKinds.size === groups.size ? "every kind is unchecked" : state.time && !nodeList.some((n) => !yearsOf(n) || inTime(n)) ? "no entity falls in the years chosen" :
        [...docs].every((d) => state.hiddenSources.has(d)) ? "every source is unchecked" : "the filters leave nothing";
      const button = el("button", "Show everything", "go"); button.type = "button";
      button.addEventListener("click", showEverything);
      empty.firstElementChild.replaceChildren(document.createTextNode("Nothing to show: " + why + ". "), button);
    }
    if (state.selected && state.selected.node && !shownNodes.has(state.selected.node)) network.unselectAll();
    if (state.selected) renderSelection();
    if (!pushing) remember(false);
    irkg.changed.forEach((f) => f("view"));
  }

  // -- Legend: kinds with their own shapes, and sources; all/none/only ---------------------
  const groups = new Map(page.groups.map((g) => [g.key, Object.assign({ count: 0 }, g)]));
  nodeList.forEach((n) => { if (groups.has(n.category)) groups.get(n.category).count += 1; });
  const SVG = "http://www.w3.org/2000/svg";
  function swatch(shape, color) {
    const svg = document.createElementNS(SVG, "svg"); svg.setAttribute("width", "14"); svg.setAttribute("height", "14"); svg.setAttribute("viewBox", "-7 -7 14 14"); svg.setAttribute("aria-hidden", "true");
    const star = [...Array(10)].map((_, i) => { const r = i % 2 ? 2.6 : 6.5, a = Math.PI * i / 5 - Math.PI / 2; return (r * Math.cos(a)).toFixed(2) + "," + (r * Math.sin(a)).toFixed(2); }).join(" ");
    const hexagon = [...Array(6)].map((_, i) => { const a = Math.PI * i / 3; return (6 * Math.cos(a)).toFixed(2) + "," + (6 * Math.sin(a)).toFixed(2); }).join(" ");
    const shapes = { dot: ["circle", { r: 5.5 }], square: ["rect", { x: -5, y: -5, width: 10, height: 10 }],
      diamond: ["polygon", { points: "0,-6.5 6.5,0 0,6.5 -6.5,0" }], triangle: ["polygon", { points: "0,-6 6,5 -6,5" }],
      triangleDown: ["polygon", { points: "0,6 6,-5 -6,-5" }], star: ["polygon", { points: star }], hexagon: ["polygon", { points: hexagon }] };
    const [tag, attrs] = shapes[shape] || shapes.dot, mark = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => mark.setAttribute(k, v)); mark.setAttribute("fill", color); mark.setAttribute("stroke", "#2b2f3a"); mark.setAttribute("stroke-width", "0.6");
    svg.append(mark); return svg;
  }
  function checkRow(text, count, dataKey, value, set, mark) {
    const label = el("label"), box = el("input"); box.type = "checkbox"; box.checked = true; box.dataset[dataKey] = value;
    box.addEventListener("change", () => { if (box.checked) set.delete(value); else set.add(value); refresh(); });
    const only = el("button", "only", "only"); only.type = "button"; only.setAttribute("aria-label", "Show only " + text);
    only.addEventListener("click", (event) => { event.preventDefault(); set.clear(); all(dataKey).forEach((v) => { if (v !== value) set.add(v); }); refresh(); });
    label.append(box); if (mark) label.append(mark);
    label.append(el("span", text), el("span", String(count), "count"), only);
    return label;
  }
  const kindBox = $("kinds");
  page.groups.forEach((g) => kindBox.append(checkRow(g.label, groups.get(g.key).count, "group", g.key, state.hiddenKinds, swatch(g.shape, g.color))));
  const docs = new Set();
  nodeList.forEach((n) => (n.sources || []).concat(n.mentioned_in || []).forEach((s) => docs.add(docOf(s))));
  edgeList.forEach((e) => (e.sources || []).forEach((s) => docs.add(docOf(s))));
  const docTitle = (doc) => (page.documents[doc] && page.documents[doc].title) || doc;
  const sourceBox = $("sources");
  [...docs].sort().forEach((doc) => {
    // Its relations, or for an ingested article the entities it names.
    const count = edgeList.filter((e) => (e.sources || []).some((s) => docOf(s) === doc)).length ||
      nodeList.filter((n) => (n.mentioned_in || []).some((s) => docOf(s) === doc)).length;
    const row = checkRow(docTitle(doc), count, "source", doc, state.hiddenSources, null);
    row.title = doc === "background" ? "Facts the curators added so the articles connect (no article states them)" : doc;
    sourceBox.append(row);
  });
  // Relations by how often they occur; each row names the relation as the graph reads it.
  const relations = new Map();
  edgeList.forEach((e) => { if (!relations.has(e.key)) relations.set(e.key, { key: e.key, label: e.relation, count: 0 }); relations.get(e.key).count += 1; });
  const relationBox = $("relations");
  [...relations.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .forEach((r) => relationBox.append(checkRow(r.label, r.count, "relation", r.key, state.hiddenRelations, null)));
  const all = (key) => (key === "group" ? [...groups.keys()] : key === "relation" ? [...relations.keys()] : [...docs]);
  const SETS = { kinds: ["group", () => state.hiddenKinds], sources: ["source", () => state.hiddenSources], relations: ["relation", () => state.hiddenRelations] };
  document.querySelectorAll("#legend [data-all], #legend [data-none]").forEach((button) => {
    button.addEventListener("click", () => {
      const [key, setOf] = SETS[button.dataset.all || button.dataset.none], set = setOf();
      set.clear(); if (button.dataset.none) all(key).forEach((v) => set.add(v)); refresh();
    });
  });

  // -- Time: a histogram of dated entities by year, and the years to show --------------------
  const dated = nodeList.filter(yearsOf), perYear = new Map();
  dated.forEach((n) => { const [a, b] = yearsOf(n); for (let y = a; y <= b; y++) perYear.set(y, (perYear.get(y) || 0) + 1); });
  const firstYear = Math.min(...perYear.keys()), lastYear = Math.max(...perYear.keys());
  const timeFrom = $("time-from"), timeTo = $("time-to");
  if (!dated.length) $("time").hidden = true;
  else {
    const bars = $("time-bars"), most = Math.max(...perYear.values());
    for (let y = firstYear; y <= lastYear; y++) {
      const bar = el("span", undefined, "tick"), count = perYear.get(y) || 0;
      bar.style.height = (count ? 4 + 28 * count / most : 0) + "px";
      bar.title = y + ": " + count + (count === 1 ? " dated entity" : " dated entities");
      bar.addEventListener("click", () => setTime([y, y]));
      bars.append(bar);
    }
    [timeFrom, timeTo].forEach((input) => { input.min = String(firstYear); input.max = String(lastYear); });
    timeFrom.value = String(firstYear); timeTo.value = String(lastYear);
    const onSlide = (moved) => {
      let a = Number(timeFrom.value), b = Number(timeTo.value);
      if (a > b) { if (moved === timeFrom) b = a; else a = b; }
      setTime(a === firstYear && b === lastYear ? null : [a, b]);
    };
    timeFrom.addEventListener("input", () => onSlide(timeFrom));
    timeTo.addEventListener("input", () => onSlide(timeTo));
    $("time-all").addEventListener("click", () => setTime(null));
    $("time-undated").textContent = (nodeList.length - dated.length) + " undated entities always show.";
  }
  function setTime(span) { state.time = span; refresh(); }
  irkg.setTime = setTime;
  function syncControls() {
    document.querySelectorAll("#kinds input").forEach((box) => { box.checked = !state.hiddenKinds.has(box.dataset.group); });
    document.querySelectorAll("#sources input").forEach((box) => { box.checked = !state.hiddenSources.has(box.dataset.source); });
    document.querySelectorAll("#relations input").forEach((box) => { box.checked = !state.hiddenRelations.has(box.dataset.relation); });
    if (dated.length) {
      const [a, b] = state.time || [firstYear, lastYear];
      timeFrom.value = String(a); timeTo.value = String(b);
      $("time-text").textContent = state.time ? (a === b ? "only " + a : a + " – " + b) : "all years (" + firstYear + " – " + lastYear + ")";
      [...$("time-bars").children].forEach((bar, i) => bar.classList.toggle("off", firstYear + i < a || firstYear + i > b));
    }
  }
  function showEverything() { state.hiddenKinds.clear(); state.hiddenSources.clear(); state.hiddenRelations.clear(); state.time = null; leaveFocus(true); refresh(); }

  // -- Zoom: limits, buttons, keys -----------------------------------------------------------
  network.fit({ animation: false });
  const fitScale = network.getScale();
  const minScale = Math.min(fitScale * 0.5, 0.5), maxScale = 4;
  function zoomTo(scale) { network.moveTo({ scale: Math.min(maxScale, Math.max(minScale, scale)), animation: false }); network.redraw(); }
  network.on("zoom", (params) => { if (params.scale < minScale || params.scale > maxScale) zoomTo(params.scale); remember(false); });
  network.on("dragEnd", () => remember(false));
  $("zoom-in").addEventListener("click", () => zoomTo(network.getScale() * 1.3));
  $("zoom-out").addEventListener("click", () => zoomTo(network.getScale() / 1.3));
  $("zoom-fit").addEventListener("click", () => fit());
  function fit() { network.fit({ animation: false }); }

  // -- Names drawn on the canvas -------------------------------------------------------------
  // vis fades names it would draw too big and hides small ones; here every name is drawn
  // at a readable size in screen pixels, most connected first, and a name is left out only
  // where it would overlap one already drawn (or a node), so nothing ever collides.
  const EDGE_ZOOM = 1.2, MIN_RADIUS = 3.5, EDGE_PX = 11, LINE = 1.2;
  const alwaysNamed = new Set(rank.slice(0, 6));  // the hubs are named at any zoom, room permitting
  let hoveredNode = null, hoveredEdge = null, cursor = null;
  const marked = { nodes: new Set(), edges: new Set() };  // a path, drawn strong (explorer-tools.js)
  const wrapped = new Map();
  function wrap(ctx, text, px) {
    const key = px + "|" + text;
    if (wrapped.has(key)) return wrapped.get(key);
    const words = text.split(/\s+/), lines = [];
    let line = "";
    words.forEach((word) => {
      const next = line ? line + " " + word : word;
      if (line && ctx.measureText(next).width > page.wrap) { lines.push(line); line = word; } else line = next;
    });
    if (line) lines.push(line);
    if (lines.length > 3) { lines.length = 3; lines[2] = lines[2].replace(/\s*\S*$/, "") + "\u2026"; }
    const out = { lines, width: Math.max(...lines.map((l) => ctx.measureText(l).width)) };
    wrapped.set(key, out);
    return out;
  }
  function emphasis() {
    const nodeSet = new Set(), edgeSet = new Set();
    const sel = state.selected;
    if (sel && sel.node) { nodeSet.add(sel.node); links.get(sel.node).forEach((l) => edgeSet.add(l.edge.id)); }
    if (sel && sel.edge) { edgeSet.add(sel.edge); const e = edgeById.get(sel.edge); nodeSet.add(e.from); nodeSet.add(e.to); }
    if (hoveredNode) nodeSet.add(hoveredNode);
    if (hoveredEdge) edgeSet.add(hoveredEdge);
    if (cursor) nodeSet.add(cursor);
    marked.nodes.forEach((id) => nodeSet.add(id));
    marked.edges.forEach((id) => edgeSet.add(id));
    return { nodeSet, edgeSet };
  }
  function drawNames(ctx) {
    const scale = network.getScale(), ratio = ctx.getTransform().a / scale;
    const width = container.clientWidth, height = container.clientHeight;
    const CELL = 48, grid = new Map(), drawn = [];
    const cells = (b, f) => { for (let i = Math.floor(b.x / CELL); i <= Math.floor((b.x + b.w) / CELL); i++) for (let j = Math.floor(b.y / CELL); j <= Math.floor((b.y + b.h) / CELL); j++) f(i + "," + j); };
    const hits = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    // A name may not cover another name; nor a node, unless it is a hub's or emphasised,
    // and even then not another hub (two hubs close together are both named); a node's
    // "+N" badge sits on its own node.
    const free = (b, own, overNodes) => { let ok = true; cells(b, (k) => { (grid.get(k) || []).forEach((o) => { if (ok && o.owner !== own && "+" + o.owner !== own && !(overNodes && o.disc && !o.hub) && hits(b, o)) ok = false; }); }); return ok; };
    const take = (b) => cells(b, (k) => { if (!grid.has(k)) grid.set(k, []); grid.get(k).push(b); });
    const onScreen = (b) => b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height;
    const ids = network.body.nodeIndices, positions = network.getPositions(ids), screen = new Map();
    ids.forEach((id) => {
      const p = network.canvasToDOM(positions[id]), r = byId.get(id).size * scale;
      screen.set(id, p);
      take({ x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r, owner: id, disc: true, hub: alwaysNamed.has(id) });  // the node itself
    });
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "top"; ctx.lineJoin = "round"; ctx.globalAlpha = 1;
    const { nodeSet, edgeSet } = emphasis();
    function nodeName(id, strong) {
      const n = byId.get(id), p = screen.get(id);
      if (!p) return;
      const r = n.size * scale;
      if (!strong && r < MIN_RADIUS && !alwaysNamed.has(id)) return;
      const px = Math.round(12 + 4 * (n.weight || 0));
      ctx.font = (strong ? "600 " : "") + px + "px system-ui, sans-serif";
      const { lines, width: w } = wrap(ctx, n.short, px), h = lines.length * px * LINE + 2;
      // Under the node, else above it, to its right or to its left: the first place that is free.
      const places = [[-w / 2 - 2, r + 2], [-w / 2 - 2, -r - 2 - h], [r + 4, -h / 2], [-r - 8 - w, -h / 2]];
      let box = null;
      for (const [dx, dy] of places) {
        const b = { x: p.x + dx, y: p.y + dy, w: w + 4, h, owner: id };
        if (onScreen(b) && free(b, id, strong || alwaysNamed.has(id))) { box = b; break; }
      }
      if (!box) return;
      take(box);
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(247,248,250,0.95)"; ctx.fillStyle = "#1d2433";
      const middle = box.x + box.w / 2;
      lines.forEach((line, i) => {
        const x = middle - ctx.measureText(line).width / 2, y = box.y + 1 + i * px * LINE;
        ctx.strokeText(line, x, y); ctx.fillText(line, x, y);
      });
      drawn.push({ kind: "node", id, text: lines.join(" "), lines, x: box.x, y: box.y, w: box.w, h: box.h, px, alpha: ctx.globalAlpha });
    }
    function edgeName(id, strong) {
      const e = edgeById.get(id), a = screen.get(e.from), b = screen.get(e.to);
      if (!a || !b) return;
      let m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const body = network.body.edges[id];
      if (e.smooth && body && body.edgeType && body.edgeType.getPoint) m = network.canvasToDOM(body.edgeType.getPoint(0.5));
      ctx.font = (strong ? "600 " : "") + EDGE_PX + "px system-ui, sans-serif";
      const w = ctx.measureText(e.relation).width, h = EDGE_PX * LINE;
      const box = { x: m.x - w / 2 - 3, y: m.y - h / 2 - 1, w: w + 6, h: h + 2, owner: id };
      if (!onScreen(box) || !free(box, id, strong)) return;
      take(box);
      ctx.fillStyle = "rgba(255,255,255,0.92)"; ctx.fillRect(box.x, box.y, box.w, box.h);
      ctx.fillStyle = strong ? "#1d2433" : "#3c4454";
      ctx.fillText(e.relation, box.x + 3, box.y + 1);
      drawn.push({ kind: "edge", id, text: e.relation, x: box.x, y: box.y, w: box.w, h: box.h, px: EDGE_PX, alpha: ctx.globalAlpha });
    }
    if (grown) {  // +N: neighbours not yet added; drawn first, so that names keep clear of them
      ctx.font = "600 11px system-ui, sans-serif";
      grown.forEach((id) => {
        const more = moreOf(id), p = screen.get(id);
        if (!more || !p) return;
        const text = "+" + more, w = ctx.measureText(text).width + 8, r = byId.get(id).size * scale;
        // Top right of the node, else its other corners: the first that covers no other badge.
        const corners = [[r * 0.7, -r * 0.7 - 14], [-r * 0.7 - w, -r * 0.7 - 14], [r * 0.7, r * 0.7], [-r * 0.7 - w, r * 0.7]];
        const spot = corners.map(([dx, dy]) => ({ x: p.x + dx, y: p.y + dy, w, h: 14, owner: "+" + id })).find((b) => free(b, "+" + id, true));
        if (!spot) return;
        const box = spot;
        take(box);
        ctx.fillStyle = "#1f5fbf"; ctx.beginPath(); ctx.roundRect(box.x, box.y, box.w, box.h, 7); ctx.fill();
        ctx.fillStyle = "#fff"; ctx.fillText(text, box.x + 4, box.y + 1);
        drawn.push({ kind: "more", id, text, x: box.x, y: box.y, w: box.w, h: box.h, px: 11, alpha: ctx.globalAlpha });
      });
    }
    // Emphasised names first (they may cover a node), then the rest by connectedness.
    nodeSet.forEach((id) => { if (screen.has(id)) nodeName(id, true); });
    edgeSet.forEach((id) => { if (shownEdges.has(id)) edgeName(id, true); });
    rank.forEach((id) => { if (screen.has(id) && !nodeSet.has(id)) nodeName(id, false); });
    if (scale >= EDGE_ZOOM) network.body.edgeIndices.forEach((id) => { if (!edgeSet.has(id)) edgeName(id, false); });
    if (cursor && screen.has(cursor)) {
      const p = screen.get(cursor), r = byId.get(cursor).size * scale + 5;
      ctx.strokeStyle = "#1f5fbf"; ctx.lineWidth = 2.5; ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, 2 * Math.PI); ctx.stroke();
    }
    ctx.restore();
    irkg.drawn = drawn;
    if (irkg.firstDrawn === undefined) irkg.firstDrawn = performance.now();  // ms from navigation
  }
  network.on("afterDrawing", drawNames);
  network.on("hoverNode", (p) => { hoveredNode = p.node; network.redraw(); });
  network.on("blurNode", () => { hoveredNode = null; network.redraw(); });
  network.on("hoverEdge", (p) => { hoveredEdge = p.edge; network.redraw(); });
  network.on("blurEdge", () => { hoveredEdge = null; network.redraw(); });

  // -- Focus mode: a neighbourhood, laid out around its centre -------------------------------
  const home = new Map(nodeList.map((n) => [n.id, { x: n.x, y: n.y }]));
  let moved = [];
  function neighbourhood(id, depth) {
    const ring = new Map([[id, 0]]), parent = new Map(), hubs = new Set();
    let frontier = [id];
    for (let d = 1; d <= depth; d++) {
      const next = [];
      frontier.forEach((n) => {
        if (n !== id && links.get(n).length >= hubDegree) { hubs.add(n); return; }
        links.get(n).filter((l) => !state.hiddenKinds.has(byId.get(l.other).category))
          .map((l) => l.other).sort().forEach((m) => { if (!ring.has(m)) { ring.set(m, d); parent.set(m, n); next.push(m); } });
      });
      frontier = next;
    }
    return { ring, parent, hubs };
  }
  function focusOn(id, depth) {
    if (!byId.has(id)) return;
    state.depth = depth || Number($("depth").value); $("depth").value = String(state.depth);
    state.focus = id;
    const { ring, parent, hubs } = neighbourhood(id, state.depth);
    focusSet = new Set(ring.keys());
    restoreHome();
    // Rings around the centre; each node near the one it was reached from.
    const angle = new Map([[id, 0]]), centre = home.get(id), byRing = [];
    ring.forEach((d, n) => { (byRing[d] = byRing[d] || []).push(n); });
    const updates = [];
    byRing.forEach((members, d) => {
      if (!d) return;
      const key = (n) => (d === 1 ? byId.get(n).category + byId.get(n).name : angle.get(parent.get(n)));
      members.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : 1));
      const radius = Math.max(d * 190, (members.length * 46) / (2 * Math.PI));
      members.forEach((n, i) => {
        const a = (2 * Math.PI * i) / members.length + (d === 1 ? 0 : 0.3);
        angle.set(n, a);
        updates.push({ id: n, x: Math.round(centre.x + radius * Math.cos(a)), y: Math.round(centre.y + radius * Math.sin(a)) });
      });
    });
    moved = updates.map((u) => u.id);
    nodes.update(updates);
    $("focusbar").hidden = false;
    const through = [...hubs].map((h) => byId.get(h).name).sort();
    $("focus-text").textContent = "Focused on " + byId.get(id).name + ": " + (focusSet.size - 1) + " entities within " + state.depth +
      (state.depth === 1 ? " step" : " steps") + (through.length ? " (not spreading through " + through.join(", ") + ")" : "");
    refresh(undefined, true);
    fit();
    remember(true);
  }
  // -- Grow: start from one entity, add neighbours a few at a time by clicking ---------------------
  const GROW_STEP = 8;
  let grown = null, opened = [];  // shown ids in grow mode; the ids expanded, in order
  const ranked = (id) => [...new Set(links.get(id).map((l) => l.other))].filter((m) => !state.hiddenKinds.has(byId.get(m).category))
    .sort((a, b) => byId.get(b).degree - byId.get(a).degree || (a < b ? -1 : 1));
  const moreOf = (id) => (grown ? ranked(id).filter((m) => !grown.has(m)).length : 0);
  function growFrom(id, quiet) {
    if (!byId.has(id)) return;
    leaveFocus(true);
    grown = new Set([id]); opened = []; state.focus = null; state.grow = id;
    expand(id, quiet);
  }
  function expand(id, quiet) {
    if (!grown || !grown.has(id)) return;
    const added = ranked(id).filter((m) => !grown.has(m)).slice(0, GROW_STEP);
    added.forEach((m) => grown.add(m));
    opened.push(id);
    focusSet = grown;
    $("focusbar").hidden = false; $("depth-label").hidden = true;
    $("focus-text").textContent = "Growing from " + byId.get(state.grow).name + ": " + grown.size + " entities. Click an entity to add up to " + GROW_STEP + " more of its neighbours; +N tells how many are left.";
    refresh(added.length ? "Added " + added.length + " around " + byId.get(id).name + "." : byId.get(id).name + " has no more neighbours to add.", true);
    if (added.length) fit();
    if (!quiet) remember(true);
  }
  irkg.grow = growFrom;
  irkg.expand = (id) => expand(id);
  function restoreHome() { if (moved.length) { nodes.update(moved.map((id) => Object.assign({ id }, home.get(id)))); moved = []; } }
  function leaveFocus(quiet) {
    if (!state.focus && !grown) return;
    state.focus = null; state.grow = null; grown = null; opened = []; focusSet = null; restoreHome(); $("focusbar").hidden = true; $("depth-label").hidden = false;
    if (!quiet) { refresh(undefined, true); fit(); remember(true); }
  }
  $("depth").addEventListener("change", () => { if (state.focus) focusOn(state.focus, Number($("depth").value)); });
  $("show-all").addEventListener("click", () => leaveFocus(false));
  network.on("doubleClick", (params) => { if (params.nodes.length) focusOn(params.nodes[0]); });

  // -- Search: ranked matches over names, aliases, figures and sentences ---------------------
  const index = [];
  const WEIGHT = { name: 1, alias: 0.95, figure: 0.7, sentence: 0.6, description: 0.5 };
  function indexNode(n) {
    const add = (text, field) => { if (text !== undefined && text !== null && String(text).trim()) index.push({ id: n.id, text: fold(text), shown: String(text), field }); };
    add(n.name, "name"); if (n.short !== n.name) add(n.short, "name");
    (n.aliases || []).forEach((a) => add(a, "alias"));
    if (n.amount !== undefined) add(String(n.amount), "figure");
    add(n.sentence, "sentence"); add(n.quote, "sentence"); add(n.summary, "sentence"); add(n.description, "description");
  }
  nodeList.forEach(indexNode);
  function distance(a, b, most) {
    // Damerau-Levenshtein (optimal string alignment), cut off beyond `most`.
    if (Math.abs(a.length - b.length) > most) return most + 1;
    const d = [...Array(a.length + 1)].map((_, i) => [i].concat(Array(b.length).fill(0)));
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
    return d[a.length][b.length];
  }
  function score(q, entry) {
    const t = entry.text, w = WEIGHT[entry.field];
    const fit = q.length / t.length;  // a shorter text matched is a more specific match
    if (t === q) return 100 * w;
    const isWord = (c) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
    let best = 0;
    for (let at = t.indexOf(q); at >= 0; at = t.indexOf(q, at + 1)) {
      const start = !isWord(t[at - 1]), end = !isWord(t[at + q.length]);
      best = Math.max(best, start && end ? 75 + 20 * fit : start ? 70 + 20 * fit : 45 + 10 * fit);
    }
    if (best) return best * w;
    // Several words, each found at the start of a word, in any order ("deficit 58.9").
    const words = q.split(" ").map((x) => x.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean);
    if (words.length > 1 && words.every((x) => t.split(/[^\p{L}\p{N}.]+/u).some((word) => word.startsWith(x) || word === x.replace(/\.$/, "")))) return (32 + 8 * fit) * w;
    if (q.length >= 4 && entry.field !== "sentence" && entry.field !== "description") {
      const most = q.length >= 8 ? 2 : 1;
      let near = most + 1;
      t.split(/[^\p{L}\p{N}.]+/u).filter(Boolean).concat([t]).forEach((word) => { near = Math.min(near, distance(q, word, most)); });
      if (near <= most) return (40 - 8 * near + 10 * fit) * w;
    }
    return 0;
  }
  function find(query) {
    const q = fold(query);
    if (!q) return [];
    const best = new Map();
    index.forEach((entry) => {
      const s = score(q, entry);
      if (s > 0 && (!best.has(entry.id) || s > best.get(entry.id).score)) best.set(entry.id, { id: entry.id, score: s, entry });
    });
    return [...best.values()].sort((a, b) => b.score - a.score || byId.get(b.id).degree - byId.get(a.id).degree || (a.id < b.id ? -1 : 1)).slice(0, 12);
  }
  irkg.find = (query) => find(query).map((m) => m.id);
  const search = $("search"), list = $("matches");
  let matches = [], active = -1;
  function why(m) {
    const n = byId.get(m.id), parts = [n.kind_label || n.category_label];
    if (m.entry.field === "alias") parts.push("also called " + m.entry.shown);
    else if (m.entry.field !== "name") parts.push(m.entry.field + ": " + (m.entry.shown.length > 60 ? m.entry.shown.slice(0, 60) + "\u2026" : m.entry.shown));
    else if (m.score < 40) parts.push("close to the name");
    if (!shownNodes.has(m.id)) parts.push("hidden now: picking it shows it");
    return parts.join(" \u00b7 ");
  }
  function showMatches() {
    matches = find(search.value); active = matches.length ? 0 : -1;
    list.replaceChildren(...matches.map((m, i) => {
      const li = el("li"); li.id = "match-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", String(i === active));
      li.append(el("span", byId.get(m.id).name), el("span", why(m), "why"));
      li.addEventListener("mousedown", (event) => { event.preventDefault(); pick(i); });
      return li;
    }));
    const open = matches.length > 0 && search.value.trim() !== "";
    list.hidden = !open; search.parentElement.setAttribute("aria-expanded", String(open));
    if (open) search.setAttribute("aria-activedescendant", "match-0"); else search.removeAttribute("aria-activedescendant");
    if (search.value.trim() && !matches.length) say("Nothing matches \u201c" + search.value.trim() + "\u201d. " + counts());
  }
  function move(step) {
    if (!matches.length) return;
    active = (active + step + matches.length) % matches.length;
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    search.setAttribute("aria-activedescendant", "match-" + active);
    list.children[active].scrollIntoView({ block: "nearest" });
  }
  function pick(i) {
    const m = matches[i];
    list.hidden = true; search.parentElement.setAttribute("aria-expanded", "false");
    if (!m) return;
    search.value = byId.get(m.id).name;
    say(counts());
    reveal(m.id); select({ node: m.id }, { centre: true });
  }
  search.addEventListener("input", showMatches);
  search.addEventListener("focus", () => { if (search.value.trim()) showMatches(); });
  search.addEventListener("blur", () => { list.hidden = true; });
  search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Enter") {
      event.preventDefault(); if (list.hidden) showMatches();
      if (!matches.length && page.served && search.value.trim()) findOnServer(search.value.trim());
      else pick(Math.max(active, 0));
    }
    else if (event.key === "Escape") { list.hidden = true; }
  });
  // Bring back a hidden entity and say what hid it.
  function reveal(id) {
    if (shownNodes.has(id)) return;
    const n = byId.get(id), undone = [];
    if (state.hiddenKinds.has(n.category)) { state.hiddenKinds.delete(n.category); undone.push("the " + n.category_label + " filter"); }
    const own = new Set((n.sources || []).map(docOf));
    links.get(id).forEach((l) => (l.edge.sources || []).forEach((s) => own.add(docOf(s))));
    const blocking = [...own].filter((d) => state.hiddenSources.has(d));
    if (blocking.length && !(n.sources || []).concat(...links.get(id).map((l) => l.edge.sources || [])).some((s) => !state.hiddenSources.has(docOf(s)))) {
      blocking.forEach((d) => state.hiddenSources.delete(d)); undone.push("the source filter");
    }
    if (focusSet && !focusSet.has(id)) { undone.push(grown ? "growing from " + byId.get(state.grow).name : "focus mode"); leaveFocus(true); }
    if (!inTime(n)) { state.time = null; undone.push("the years chosen"); }
    refresh(n.name + " was hidden by " + (undone.join(" and ") || "the filters") + "; shown again.", true);
  }

  // -- Selection, history and the shareable URL -----------------------------------------------
  function select(sel, how) {
    if (typeof sel === "string") sel = { node: sel };
    if (sel.node && !byId.has(sel.node)) return;
    if (sel.node && !shownNodes.has(sel.node)) reveal(sel.node);
    state.selected = sel; cursor = null; marked.nodes.clear(); marked.edges.clear();
    if (sel.path) { sel.path.forEach((id) => { if (!shownNodes.has(id)) reveal(id); }); }
    else if (sel.node) network.selectNodes([sel.node]); else if (sel.edge && shownEdges.has(sel.edge)) network.selectEdges([sel.edge]); else network.unselectAll();
    // On a phone the details sheet covers the lower half: the node goes to the upper half.
    const lift = narrow("details") ? { x: 0, y: -container.clientHeight / 4 } : { x: 0, y: 0 };
    if (sel.node && how && how.centre) network.focus(sel.node, { scale: Math.max(network.getScale(), 1.2), offset: lift, animation: false });
    else if (sel.node && lift.y) network.focus(sel.node, { scale: network.getScale(), offset: lift, animation: false });
    renderSelection(); details.scrollTop = 0;
    if (narrow("details")) openPanel("details", true);
    network.redraw();
    if (!how || how.remember !== false) remember(!(how && how.replace));
    irkg.changed.forEach((f) => f("selection"));
  }
  irkg.select = select;
  let historyIndex = 0, historyTop = 0, applying = false;
  function stateHash() {
    const p = new URLSearchParams(), s = state.selected;
    if (s && s.node) p.set("node", s.node);
    if (s && s.edge) p.set("edge", s.edge);
    if (s && s.source) p.set("source", s.source);
    if (s && s.path) s.path.forEach((id) => p.append("path", id));
    if (s && s.chart) p.set("chart", "1");
    if (state.focus) { p.set("focus", state.focus); p.set("depth", String(state.depth)); }
    if (state.grow) { p.set("grow", state.grow); opened.forEach((id) => p.append("open", id)); }
    if (state.hiddenKinds.size) p.set("hide", [...state.hiddenKinds].sort().join(","));
    if (state.hiddenSources.size) p.set("sources-off", [...state.hiddenSources].sort().join(","));
    [...state.hiddenRelations].sort().forEach((r) => p.append("relation-off", r));
    if (state.time) p.set("years", state.time.join("-"));
    irkg.hashParams.forEach(([name, get]) => { const value = get(); if (value) p.set(name, value); });
    const v = network.getViewPosition();
    p.set("view", [Math.round(v.x), Math.round(v.y), network.getScale().toFixed(3)].join(","));
    return "#" + p.toString();
  }
  function remember(push) {
    if (applying) return;
    try {
      if (push) { historyIndex += 1; historyTop = historyIndex; history.pushState({ irkg: historyIndex }, "", stateHash()); }
      else history.replaceState({ irkg: historyIndex }, "", stateHash());
    } catch (error) { /* a page opened from a sandboxed frame may not touch history */ }
    syncNav();
  }
  function apply(hash) {
    const p = new URLSearchParams(hash.replace(/^#/, ""));
    applying = true;
    try {
      state.hiddenKinds = new Set((p.get("hide") || "").split(",").filter((k) => groups.has(k)));
      state.hiddenSources = new Set((p.get("sources-off") || "").split(",").filter((d) => docs.has(d)));
      state.hiddenRelations = new Set(p.getAll("relation-off").filter((r) => relations.has(r)));
      const years = (p.get("years") || "").split("-").map(Number);
      state.time = years.length === 2 && years.every(Number.isInteger) && years[0] <= years[1] ? years : null;
      const focus = p.get("focus");
      const grow = p.get("grow");
      if (focus && byId.has(focus)) focusOn(focus, Math.min(3, Math.max(1, Number(p.get("depth")) || 2)));
      else if (grow && byId.has(grow)) { growFrom(grow, true); p.getAll("open").slice(1).forEach((id) => expand(id, true)); }
      else leaveFocus(true);
      refresh();
      irkg.hashParams.forEach(([name, , set]) => set(p.get(name)));
      const node = p.get("node"), edge = p.get("edge"), source = p.get("source"), path = p.getAll("path");
      if (node && byId.has(node)) select({ node }, { remember: false });
      else if (edge && edgeById.has(edge)) select({ edge }, { remember: false });
      else if (source) select({ source }, { remember: false });
      else if (path.length === 2 && path.every((id) => byId.has(id))) select({ path }, { remember: false });
      else if (p.get("chart") === "1" && irkg.showChart) select({ chart: true }, { remember: false });
      else { state.selected = null; network.unselectAll(); details.replaceChildren(...intro); }
      const view = (p.get("view") || "").split(",").map(Number);
      if (view.length === 3 && view.every(Number.isFinite)) network.moveTo({ position: { x: view[0], y: view[1] }, scale: Math.min(maxScale, Math.max(minScale, view[2])), animation: false });
    } finally { applying = false; }
    network.redraw();
  }
  window.addEventListener("popstate", (event) => {
    if (event.state && typeof event.state.irkg === "number") historyIndex = event.state.irkg;
    apply(location.hash); syncNav();
  });

  // -- Details panel --------------------------------------------------------------------------
  const details = $("details"), intro = [...details.childNodes];
  function go(text, sel) {
    const b = el("button", text, "go"); b.type = "button";
    b.addEventListener("click", () => select(sel, { centre: !!sel.node }));
    return b;
  }
  function syncNav() {
    const back = details.querySelector("button.back[data-dir='back']"), forward = details.querySelector("button.back[data-dir='forward']");
    if (back) back.disabled = historyIndex <= 0;
    if (forward) forward.disabled = historyIndex >= historyTop;
  }
  function navRow() {
    const row = el("div", undefined, "nav");
    [["back", "\u2039 Back"], ["forward", "Forward \u203a"]].forEach(([dir, text]) => {
      const b = el("button", text, "back"); b.type = "button"; b.dataset.dir = dir;
      b.addEventListener("click", () => (dir === "back" ? history.back() : history.forward()));
      row.append(b);
    });
    return row;
  }
  // "doc ¶3" sources: the paragraph's own entry replaces the bare document, and reads as a title.
  function sourceList(sources) {
    const list = sources || [];
    const withParagraph = new Set(list.filter((s) => s.includes(" \u00b6")).map(docOf));
    return list.filter((s) => s.includes(" \u00b6") || !withParagraph.has(s));
  }
  function sourceLine(sources, caption) {
    const line = el("div", caption || "Source: ", "src"), every = sourceList(sources);
    const list = every.filter((s) => !state.hiddenSources.has(docOf(s)));
    if (!every.length) line.append("none recorded");
    else if (!list.length) line.append("only unchecked sources");
    else if (list.length < every.length) line.append("(" + (every.length - list.length) + " unchecked left out) ");
    list.forEach((s, i) => {
      const para = s.includes(" \u00b6") ? " \u00b6" + s.split(" \u00b6")[1] : "";
      const item = el("span", undefined, "src-item");  // the separator stays with its source
      item.append(go(docTitle(docOf(s)) + para, { source: s }), i < list.length - 1 ? "; " : "");
      line.append(item);
    });
    return line;
  }
  const speakerOf = (id) => { const l = links.get(id).find((x) => x.out && x.edge.key === "speaker"); return l ? byId.get(l.other).name : ""; };
  function quoteOf(n) {
    const box = el("div");
    box.append(el("span", "Quotation", "tag"), el("blockquote", "\u201c" + n.quote + "\u201d" + (speakerOf(n.id) ? " \u2014 " + speakerOf(n.id) : "")));
    return box;
  }
  const claimLines = (claims) => (claims || []).map((c) => {
    const cut = c.indexOf(": "), line = el("div", "", "claim");
    line.append(el("b", "Claim (" + c.slice(0, cut) + "): "), document.createTextNode(c.slice(cut + 2)));
    return line;
  });
  const claimsOf = (e, id) => (e.claims && e.claims.length ? e.claims : e.from !== id ? byId.get(e.from).claims : []);
  function heading(kind, title) { return [navRow(), el("div", kind, "kind"), el("div", title, "title")]; }
  function recordBody(n) {
    const out = [];
    if (n.sentence) {
      if (n.quote || n.kind === "Statement") out.push(el("span", "Paraphrase", "tag"));
      out.push(el("p", n.sentence, "sentence" + (n.kind === "Statement" ? " paraphrase" : "")));
    } else if (n.amount !== undefined) out.push(el("p", (n.comparator ? n.comparator + " " : "") + n.amount + " " + (n.unit || "")));
    if (n.quote) out.push(quoteOf(n));
    return out;
  }
  function showNode(id) {
    const n = byId.get(id);
    details.replaceChildren(...heading(n.kind_label, n.name));
    if (irkg.nodeActions) details.append(irkg.nodeActions(id));
    if (page.served) details.append(serverAction(id));
    if (n.aliases && n.aliases.length) details.append(el("div", "Also: " + n.aliases.join(", "), "muted"));
    if (n.description) details.append(el("p", n.description));
    if (n.id.includes("://")) details.append(el("div", "IRI: " + n.id, "muted iri"));
    if (n.values && n.values.length) {
      const list = el("dl", "", "values");
      n.values.forEach(([name, value]) => list.append(el("dt", name), el("dd", value)));
      details.append(list);
    }
    details.append(...recordBody(n), ...claimLines(n.claims), sourceLine(n.sources));
    if (n.mentioned_in) details.append(sourceLine(n.mentioned_in, "Named in: "));  // ingested articles
    const mine = links.get(id), shown = mine.filter((l) => fromShownSource(l.edge.sources));
    details.append(el("h2", "Facts (" + shown.length + ")"));
    if (shown.length < mine.length) details.append(el("p", (mine.length - shown.length) + " more from unchecked sources are left out.", "muted"));
    // Grouped by relation, read from this entity: "member of", or the inverse's name.
    const groupsOf = new Map();
    shown.forEach((l) => {
      const title = l.out ? l.edge.relation : l.edge.inverse || "linked here as \u2018" + l.edge.relation + "\u2019";
      if (!groupsOf.has(title)) groupsOf.set(title, []);
      groupsOf.get(title).push(l);
    });
    [...groupsOf.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).forEach(([title, items]) => {
      details.append(el("h3", title + " (" + items.length + ")"));
      const list = el("ul");
      items.sort((a, b) => byId.get(a.other).name.localeCompare(byId.get(b.other).name)).forEach((l) => {
        const other = byId.get(l.other), li = el("li");
        if (other.sentence && !n.sentence) { li.append(el("span", other.sentence + " "), go("open", { node: other.id })); if (other.quote) li.append(quoteOf(other)); }
        else li.append(go(other.name, { node: other.id }), el("span", " \u00b7 " + other.kind_label, "muted"));
        li.append(...claimLines(claimsOf(l.edge, id)), sourceLine(l.edge.sources));
        list.append(li);
      });
      details.append(list);
    });
  }
  // -- Served by `irkg serve`: the server holds the whole graph; ask it for more ------------
  // A click on "Load from the server" adds the entity's most connected neighbours that the
  // page does not hold yet, placed around it, and says how many remain.
  const remaining = new Map();  // id -> neighbours the server still holds back
  function place(around, count, index) {
    const home = byId.get(around), angle = (2 * Math.PI * index) / Math.max(count, 1);
    const radius = 160 + 6 * count;
    return { x: home.x + radius * Math.cos(angle), y: home.y + radius * Math.sin(angle) };
  }
  function adopt(id, found) {
    const keep = (n) => { nodeList.push(n); byId.set(n.id, n); links.set(n.id, []); indexNode(n); };
    const anchor = found.nodes.find((n) => n.id === id);
    if (anchor && !byId.has(id)) { Object.assign(anchor, network.getViewPosition()); keep(anchor); }
    const fresh = found.nodes.filter((n) => !byId.has(n.id));
    fresh.forEach((n, i) => { Object.assign(n, place(id, fresh.length, i)); keep(n); });
    if (anchor && !nodes.get(id)) fresh.unshift(anchor);
    const newEdges = found.edges.filter((e) => !edgeById.has(e.id) && byId.has(e.from) && byId.has(e.to));
    newEdges.forEach((e) => {
      edgeList.push(e); edgeById.set(e.id, e);
      links.get(e.from).push({ edge: e, other: e.to, out: true });
      if (e.to !== e.from) links.get(e.to).push({ edge: e, other: e.from, out: false });
    });
    nodes.add(fresh); edges.add(newEdges);
    remaining.set(id, found.more);
    if (grown) fresh.forEach((n) => grown.add(n.id));
    refresh("Loaded " + fresh.length + " entities and " + newEdges.length + " relations around " + byId.get(id).name +
      (found.more ? "; " + found.more + " more neighbours are on the server." : "."));
  }
  function loadAround(id, then) {
    say("Asking the server about " + (byId.has(id) ? byId.get(id).name : id) + "\u2026");
    fetch("explorer/neighbours?" + new URLSearchParams({ id, limit: "40" }), { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status))))
      .then((found) => { adopt(id, found); if (then) then(); })
      .catch((error) => say("The server did not answer: " + error.message));
  }
  // A name the page does not hold: the server resolves it as `irkg ask` does.
  function findOnServer(text) {
    say("Asking the server for \u201c" + text + "\u201d\u2026");
    fetch("explorer/find?" + new URLSearchParams({ q: text }), { headers: { Accept: "application/json" } })
      .then((r) => r.text().then((body) => ({ ok: r.ok, body })))
      .then(({ ok, body }) => {
        if (!ok) { say(body.trim()); return; }
        const found = JSON.parse(body);
        const open = () => { list.hidden = true; search.value = byId.get(found.id).name; reveal(found.id); select({ node: found.id }, { centre: true }); };
        if (byId.has(found.id)) open(); else loadAround(found.id, open);
      })
      .catch((error) => say("The server did not answer: " + error.message));
  }
  irkg.loadAround = loadAround;
  function serverAction(id) {
    const button = el("button", remaining.has(id) ? "Load more from the server (+" + remaining.get(id) + ")" : "Load its neighbours from the server", "action");
    button.type = "button";
    button.disabled = remaining.get(id) === 0;
    button.addEventListener("click", () => loadAround(id));
    return button;
  }

  function showEdge(id) {
    const e = edgeById.get(id), from = byId.get(e.from), to = byId.get(e.to);
    details.replaceChildren(...heading("relation", from.name + " \u2192 " + e.relation + " \u2192 " + to.name));
    const ends = el("p"); ends.append(go(from.name, { node: from.id }), " \u2192 " + e.relation + " \u2192 ", go(to.name, { node: to.id }));
    details.append(ends, ...claimLines(claimsOf(e, null)), sourceLine(e.sources));
    [from, to].filter((n) => n.sentence).forEach((n) => details.append(...recordBody(n)));
  }
  function showSource(source) {
    const doc = docOf(source), info = page.documents[doc] || { title: doc, paragraphs: {} };
    const para = source.includes(" \u00b6") ? source.split(" \u00b6")[1] : null;
    details.replaceChildren(...heading(doc === "background" ? "curated background" : "source", info.title + (para ? " \u00b6" + para : "")));
    if (info.description) details.append(el("p", info.description));
    if (doc === "background") details.append(el("p", "No article states these facts: the curators added them so that the articles' facts connect (which country a city is in, what a fiscal year means).", "muted"));
    if (info.dateline) details.append(el("div", "Dateline: " + info.dateline, "muted"));
    if (info.date_note) details.append(el("div", "Date: " + info.date_note, "muted"));
    if (doc.startsWith("file-")) details.append(el("div", "Facts read from this RDF file as they are: no article or paragraph is recorded.", "muted"));
    else if (doc !== "background") details.append(el("div", "Outlet: not recorded in the article", "muted"));
    if (para && info.paragraphs[para]) details.append(el("h2", "Paragraph " + para + " in brief"), el("p", info.paragraphs[para], "paraphrase"));
    const stated = edgeList.filter((e) => (e.sources || []).some((s) => (para ? s === source : docOf(s) === doc)));
    details.append(el("h2", "Relations it states (" + stated.length + ")"));
    const list = el("ul");
    stated.slice(0, 200).forEach((e) => { const li = el("li"); li.append(go(byId.get(e.from).name, { node: e.from }), " " + e.relation + " ", go(byId.get(e.to).name, { node: e.to })); list.append(li); });
    details.append(list);
  }
  function renderSelection() {
    const s = state.selected;
    if (!s) return;
    if (s.node) showNode(s.node); else if (s.edge) showEdge(s.edge); else if (s.source) showSource(s.source);
    else if (s.path && irkg.showPath) irkg.showPath(s.path[0], s.path[1]);
    else if (s.chart && irkg.showChart) irkg.showChart();
    syncNav();
  }
  network.on("click", (params) => {
    if (params.nodes.length && grown) expand(params.nodes[0], true);  // recorded with the selection
    if (params.nodes.length) select({ node: params.nodes[0] });
    else if (params.edges.length) select({ edge: params.edges[0] });
    if (narrow("legend")) openPanel("legend", false);
  });

  // -- Panels on small screens ----------------------------------------------------------------
  function openPanel(which, open) {
    document.body.classList.toggle("show-" + which, open);
    $("toggle-" + which).setAttribute("aria-expanded", String(open));
    if (open) openPanel(which === "legend" ? "details" : "legend", false);
  }
  ["legend", "details"].forEach((which) => $("toggle-" + which).addEventListener("click", () => openPanel(which, !document.body.classList.contains("show-" + which))));

  // -- Keyboard on the graph -----------------------------------------------------------------
  function neighboursOf(id) { return [...new Set(links.get(id).filter((l) => shownNodes.has(l.other) && shownEdges.has(l.edge.id)).map((l) => l.other))].sort((a, b) => byId.get(a).name.localeCompare(byId.get(b).name)); }
  container.addEventListener("keydown", (event) => {
    const key = event.key, sel = state.selected && state.selected.node;
    if (key === "+" || key === "=") zoomTo(network.getScale() * 1.3);
    else if (key === "-" || key === "_") zoomTo(network.getScale() / 1.3);
    else if (key === "0") fit();
    else if (key.startsWith("Arrow")) {
      if (!sel) { const first = rank.find((id) => shownNodes.has(id)); if (first) select({ node: first }, { centre: true }); }
      else {
        const around = neighboursOf(sel);
        if (!around.length) return;
        const at = around.indexOf(cursor), step = key === "ArrowRight" || key === "ArrowDown" ? 1 : -1;
        cursor = around[(at + step + around.length) % around.length];
        const l = links.get(sel).find((x) => x.other === cursor);
        say("Neighbour " + (around.indexOf(cursor) + 1) + " of " + around.length + ": " + byId.get(cursor).name + " (" + (l.out ? l.edge.relation : l.edge.inverse || l.edge.relation) + "). Enter opens it.");
        network.redraw();
      }
    } else if (key === "Enter" && cursor) select({ node: cursor }, { centre: true });
    else if (key === "Escape") escape();
    else return;
    event.preventDefault();
  });
  function escape() {
    if (cursor) { cursor = null; network.redraw(); }
    else if (state.focus || state.grow) leaveFocus(false);
    else if (state.selected) { state.selected = null; network.unselectAll(); details.replaceChildren(...intro); network.redraw(); remember(true); }
  }
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && event.target === document.body) escape(); });

  // -- What explorer-tools.js (table, path, export) may use ------------------------------------
  Object.assign(irkg, {
    changed: [], marked, byId, edgeById, links, page, el, go, say, counts, docTitle, sourceList, details, heading,
    shown: () => ({ nodes: shownNodes, edges: shownEdges }),
    openDetails: () => { if (narrow("details")) openPanel("details", true); },
    maxScale,
    hashParams: [],  // [name, get(), set(value)] of each tool, kept in the address
    remember,
  });

  // -- Start -----------------------------------------------------------------------------------
  irkg.start = () => {
    const placed = /(^#|&)view=/.test(location.hash);
    if (location.hash.length > 1) apply(location.hash); else refresh();
    // The header has its final height now: let the canvas take the room left, and fit.
    network.setSize("100%", "100%");
    if (!placed) fit();
  };
  irkg.started = () => { try { history.replaceState({ irkg: 0 }, "", stateHash()); } catch (error) { /* see remember() */ } };
})();
