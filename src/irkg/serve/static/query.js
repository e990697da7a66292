// The query page of `irkg serve`: YASGUI on this server's /sparql, offline.
(function () {
  "use strict";
  const examples = JSON.parse(document.getElementById("irkg-examples").textContent);
  const prefixes = JSON.parse(document.getElementById("irkg-prefixes").textContent);
  const header = Object.keys(prefixes)
    .filter((p) => ["irkg", "rdfs", "prov", "schema", "bloc", "country"].includes(p))
    .map((p) => `PREFIX ${p}: <${prefixes[p]}>`)
    .join("\n");
  const first = `${header}\n\nSELECT ?member ?name WHERE {\n  bloc:eaeu irkg:hasMember ?member .\n  ?member rdfs:label ?name .\n}`;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: new URL("sparql", document.baseURI).href, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [] },
    persistenceId: null,
    yasqe: { value: first, persistenceId: null },
    yasr: { prefixes: prefixes, persistenceId: null },
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
