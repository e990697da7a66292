"""Every export of a build, rendered in memory first and then written atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from irkg.errors import ExportError
from irkg.exports.chart import to_trade_chart
from irkg.exports.explorer import to_explorer_html
from irkg.exports.files import write_folder_atomic
from irkg.exports.network import to_csv_edges, to_csv_nodes, to_gexf, to_graphml
from irkg.exports.rdf import SortedQuads, to_jsonld, to_nquads, to_ntriples, to_trig, to_turtle
from irkg.ontology import ONTOLOGY_PATH, SHAPES_PATH

if TYPE_CHECKING:
    from irkg.graph.knowledge_graph import KnowledgeGraph

__all__ = ["EXPORT_FILES", "render_exports", "write_exports"]

#: The files ``irkg build`` writes, and what each holds.
EXPORT_FILES: dict[str, str] = {
    "irkg.ttl": "Turtle: the union of every graph (asserted, provenance, inferred)",
    "irkg.nt": "N-Triples: the same union, one sorted triple a line",
    "irkg.jsonld": "JSON-LD: every named graph, compact, with an inline @context",
    "irkg.trig": "TriG: every named graph, so each fact keeps its source paragraph",
    "irkg.nq": "N-Quads: the same named graphs, one sorted quad a line",
    "irkg.graphml": "GraphML: entities and relations for networkx, yEd, Cytoscape",
    "irkg.gexf": "GEXF: the same network for Gephi",
    "nodes.csv": "CSV nodes with Neo4j import headers",
    "edges.csv": "CSV relations with Neo4j import headers",
    "explorer.html": "the interactive explorer, one offline HTML file",
    "trade.svg": "the trade chart: every figure by period and flow, each source marked",
    "ontology.ttl": "the irkg ontology (OWL)",
    "shapes.ttl": "the SHACL shapes the build validates against",
}


def render_exports(kg: KnowledgeGraph) -> dict[str, str]:
    """Render every export of ``kg`` as text, keyed by file name."""
    dataset = SortedQuads.of(kg.store.quads())  # read from the store once, in canonical order
    network = kg.to_networkx()
    rendered = {
        "irkg.ttl": to_turtle(dataset),
        "irkg.nt": to_ntriples(dataset),
        "irkg.jsonld": to_jsonld(dataset),
        "irkg.trig": to_trig(dataset),
        "irkg.nq": to_nquads(dataset),
        "irkg.graphml": to_graphml(network),
        "irkg.gexf": to_gexf(network),
        "nodes.csv": to_csv_nodes(network),
        "edges.csv": to_csv_edges(network),
        "explorer.html": to_explorer_html(network),
        "trade.svg": to_trade_chart(kg.trade(), kg.targets(), "svg").decode("utf-8"),
        "ontology.ttl": ONTOLOGY_PATH.read_text(encoding="utf-8"),
        "shapes.ttl": SHAPES_PATH.read_text(encoding="utf-8"),
    }
    assert list(rendered) == list(EXPORT_FILES)
    return rendered


def write_exports(kg: KnowledgeGraph, out_dir: Path | str) -> list[Path]:
    """Render every export, then replace the files of ``out_dir`` with them in one step.

    Nothing is written until every export has rendered, and the folder is swapped whole
    (:func:`~irkg.exports.files.write_folder_atomic`): whatever stops the build, the
    folder holds the previous exports or the new ones, never a mix.

    Only an empty or new folder, or one that holds irkg's exports (``irkg.ttl`` among
    them), is replaced; its other files are kept.

    Returns:
        The paths written, in :data:`EXPORT_FILES` order.

    Raises:
        ExportError: before anything is rendered, if ``out_dir`` holds files but not
            irkg's exports; if it cannot be written.
    """
    target = Path(out_dir)
    real = Path(os.path.realpath(target))
    if real.is_dir() and not (real / "irkg.ttl").is_file() and any(real.iterdir()):
        held = sorted(entry.name for entry in real.iterdir())
        raise ExportError(
            f"{target}: holds {', '.join(held[:5])}{' ...' if len(held) > 5 else ''} but "
            "no irkg exports: irkg writes its exports only into a new or empty folder, or "
            "one that holds them (irkg.ttl among them); choose another folder"
        )
    return write_folder_atomic(target, render_exports(kg))
