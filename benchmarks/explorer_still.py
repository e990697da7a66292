"""Time until the explorer's graph stands still in headless Chromium: irkg vs pyvis defaults.

Run: .venv/bin/python benchmarks/explorer_still.py [--sizes seed 2000 10000] [--cap 60]

For each size (the seed graph, then synthetic scale-free graphs of N nodes) the
page is written twice: by irkg's explorer, and by pyvis with its defaults
(physics on, its own template, vis inlined with cdn_resources="in_line"). Each
page is opened from file:// with the network blocked, and the script polls the
node positions every 100 ms until no node has moved more than half a pixel for
half a second. It prints the time from navigation to stillness for both, and
the ratio; a page still moving at --cap seconds is reported as "> cap".
Needs Chromium (apt-get install chromium, or IRKG_CHROMIUM=/path).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["Person", "Country", "Bloc", "Event", "Topic", "TradeObservation", "Film", "City"]

_STILL = """
async ({ name, cap }) => {
  const started = performance.now();
  while (!window[name] && performance.now() - started < cap * 1000) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const net = window[name];
  if (!net) return -1;
  let last = net.getPositions(), quietSince = performance.now();
  while (performance.now() - started < cap * 1000) {
    await new Promise((r) => setTimeout(r, 100));
    const now = net.getPositions();
    let moved = 0;
    for (const id in now) {
      const a = now[id], b = last[id];
      if (b) moved = Math.max(moved, Math.abs(a.x - b.x), Math.abs(a.y - b.y));
    }
    last = now;
    if (moved > 0.5) quietSince = performance.now();
    else if (performance.now() - quietSince >= 500) return (quietSince - started) / 1000;
  }
  return null;
}
"""


def synthetic(n: int) -> nx.MultiDiGraph:
    """A scale-free graph of ``n`` nodes shaped like irkg's networks."""
    base = nx.barabasi_albert_graph(n, 2, seed=1)
    graph = nx.MultiDiGraph()
    for node in base:
        graph.add_node(
            f"x/{node}", label=f"entity {node}", kind=KINDS[node % len(KINDS)], sources=["s ¶1"]
        )
    for u, v in base.edges():
        graph.add_edge(f"x/{u}", f"x/{v}", key="rel", label="related to", sources=["s ¶1"])
    return graph


def irkg_page(graph: nx.MultiDiGraph) -> str:
    from irkg.exports import to_explorer_html

    html = to_explorer_html(graph)
    # The still-check looks for a global; irkg keeps its network at window.irkg.network.
    return html.replace("</body>", "<script>window.__net = window.irkg.network;</script></body>")


def pyvis_page(graph: nx.MultiDiGraph) -> str:
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", directed=True)
    if graph.number_of_nodes() <= 2000:
        net.from_nx(nx.DiGraph(graph))
    else:  # from_nx's duplicate check makes add_edge O(E): add the same data directly
        for node, data in graph.nodes(data=True):
            net.add_node(node, label=data["label"])
        net.edges = [{"from": u, "to": v, "arrows": "to"} for u, v in nx.DiGraph(graph).edges()]
    html: str = net.generate_html()
    return html.replace("</body>", "<script>window.__net = network;</script></body>")


def measure(browser: object, html: str, cap: float) -> tuple[float | None, float | None]:
    """Seconds from navigation until still, and (irkg's page) until the graph was first drawn."""
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "page.html"
        page_path.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page.goto(page_path.as_uri(), wait_until="commit")
        result = page.evaluate(_STILL, {"name": "__net", "cap": cap})
        drawn = page.evaluate("window.irkg && window.irkg.firstDrawn")
        page.close()
    still = None if result is None or result < 0 else float(result)
    return still, (float(drawn) / 1000 if drawn else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["seed", "2000", "10000"])
    parser.add_argument("--cap", type=float, default=60.0, help="seconds before giving up")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("IRKG_CHROMIUM") or shutil.which("chromium")
    if not executable:
        raise SystemExit("Chromium not found: apt-get install chromium, or set IRKG_CHROMIUM")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
            ],
        )
        print(
            f"{'graph':<14}{'irkg page':>12}{'page size':>11}{'1st drawn':>11}"
            f"{'irkg still':>12}{'pyvis still':>13}{'ratio':>9}"
        )
        for size in args.sizes:
            if size == "seed":
                from irkg.graph import KnowledgeGraph

                graph = KnowledgeGraph.from_data(ROOT / "data", reason=False).to_networkx()
            else:
                graph = synthetic(int(size))
            started = time.perf_counter()
            ours_html = irkg_page(graph)
            render = time.perf_counter() - started
            ours, drawn = measure(browser, ours_html, args.cap)
            theirs, _ = measure(browser, pyvis_page(graph), args.cap)
            size_text = f"{len(ours_html.encode()) / 2**20:.1f} MB"
            drawn_text = f"{drawn:.2f} s" if drawn is not None else "-"
            label = f"{graph.number_of_nodes():,} nodes"
            ours_text = f"{ours:.2f} s" if ours is not None else f"> {args.cap:.0f} s"
            theirs_text = f"{theirs:.2f} s" if theirs is not None else f"> {args.cap:.0f} s"
            floor = max(ours or args.cap, 0.01)
            ratio = (theirs if theirs is not None else args.cap) / floor
            prefix = ">" if theirs is None else ""
            print(
                f"{label:<14}{render:>10.2f} s{size_text:>11}{drawn_text:>11}"
                f"{ours_text:>12}{theirs_text:>13}{prefix:>4}{ratio:.0f}x"
            )
        browser.close()


if __name__ == "__main__":
    main()
