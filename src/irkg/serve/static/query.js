// The query page of `irkg serve`: YASGUI on this server's /sparql, offline.
(function () {
  "use strict";
  const examples = JSON.parse(document.getElementById("irkg-examples").textContent);
  const prefixes = JSON.parse(document.getElementById("irkg-prefixes").textContent);
  const header = Object.keys(prefixes)
    .filter((p) => ["irkg", "rdfs", "prov", "schema", "bloc", "country"].includes(p))
    .map((p) => `PREFIX ${p}: <${prefixes[p]}>`)
    .join("\n");
  // Results as a graph: CONSTRUCT and DESCRIBE triples, or the IRIs of each SELECT row
  // linked in column order (edges named by the column). Labels are drawn by vis-network
  // on a canvas: text, never markup.
  const short = (iri) => {
    for (const [p, ns] of Object.entries(prefixes)) if (iri.startsWith(ns)) return `${p}:${iri.slice(ns.length)}`;
    return iri;
  };
  class GraphPlugin {
    constructor(yasr) {
      this.yasr = yasr;
      this.priority = 5;
      this.label = "Graph";
      this.hideFromSelection = false;
    }
    links() {
      const results = this.yasr.results;
      if (!results) return [];
      const statements = results.getStatements && results.getStatements();
      if (statements && statements.length) {
        return statements.map((t) => [t.subject.value, short(t.predicate.value), t.object.value, t.object.termType !== "Literal"]);
      }
      const vars = results.getVariables() || [], rows = results.getBindings() || [], out = [];
      for (const row of rows) {
        const iris = vars.filter((v) => row[v] && row[v].type === "uri");
        for (let i = 1; i < iris.length; i++) out.push([row[iris[i - 1]].value, iris[i], row[iris[i]].value, true]);
      }
      return out;
    }
    canHandleResults() { return this.links().length > 0; }
    getIcon() {
      const icon = document.createElement("span");
      icon.textContent = "\u25CE";
      return icon;
    }
    draw() {
      const box = document.createElement("div");
      box.className = "irkg-graph";
      this.yasr.resultsEl.appendChild(box);
      const nodes = new Map(), edges = [];
      const node = (value, isIri) => {
        const id = isIri ? value : `literal:${value}`;
        if (!nodes.has(id)) nodes.set(id, { id, label: isIri ? short(value) : value.slice(0, 60), shape: isIri ? "dot" : "box", size: 8 });
        return id;
      };
      for (const [s, p, o, isIri] of this.links().slice(0, 2000)) {
        edges.push({ from: node(s, true), to: node(o, isIri), label: p, arrows: "to", font: { size: 10 } });
      }
      new vis.Network(box, { nodes: [...nodes.values()], edges }, { physics: { stabilization: { iterations: 150 } } });
    }
  }
  Yasgui.Yasr.registerPlugin("graph", GraphPlugin);

  const first = `${header}\n\nSELECT ?member ?name WHERE {\n  bloc:eaeu irkg:hasMember ?member .\n  ?member rdfs:label ?name .\n}`;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: new URL("sparql", document.baseURI).href, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [] },
    persistenceId: null,
    yasqe: { value: first, persistenceId: null },
    yasr: { prefixes: prefixes, persistenceId: null, pluginOrder: ["table", "graph", "response"] },
  });
  const list = document.getElementById("irkg-example-list");
  for (const example of examples) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = example.name;
    button.title = example.description;
    button.addEventListener("click", () => {
      const tab = yasgui.getTab();
      tab.setQuery(example.query);
    });
    item.appendChild(button);
    list.appendChild(item);
  }
  window.irkgYasgui = yasgui;
})();
