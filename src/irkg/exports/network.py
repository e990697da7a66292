"""Network exports from networkx: GraphML, GEXF (Gephi) and CSV nodes/edges (Neo4j)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import networkx as nx

__all__ = ["to_csv_edges", "to_csv_nodes", "to_gexf", "to_graphml"]

_LIST_SEPARATOR = ";"


def _flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are plain str/int/float (GraphML and GEXF need scalars)."""

    def plain(attrs: dict[str, Any]) -> dict[str, Any]:
        return {
            str(k): _LIST_SEPARATOR.join(map(str, v)) if isinstance(v, list) else v
            for k, v in sorted(attrs.items())
        }

    flat = nx.MultiDiGraph()
    flat.add_nodes_from((str(n), plain(d)) for n, d in graph.nodes(data=True))
    flat.add_edges_from(
        (str(u), str(v), str(k), plain(d)) for u, v, k, d in graph.edges(keys=True, data=True)
    )
    return flat


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """Serialise a network as GraphML (lists joined with ``;``).

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_edge("country/india", "bloc/brics", key="memberOf", sources=["a", "b"])
        'memberOf'
        >>> "a;b" in to_graphml(g)
        True
    """
    return "\n".join(nx.generate_graphml(_flat(graph), edge_id_from_attribute=None)) + "\n"


def to_gexf(graph: nx.MultiDiGraph) -> str:
    """Serialise a network as GEXF 1.2 for Gephi, without the writer's date stamp."""
    text = "\n".join(nx.generate_gexf(_flat(graph), version="1.2draft")) + "\n"
    text = re.sub(r"<creator>[^<]*</creator>", "<creator>irkg</creator>", text)
    return re.sub(r' lastmodifieddate="[^"]*"', "", text)


def _neo4j_type(key: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).upper()


def _csv(rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def to_csv_nodes(graph: nx.MultiDiGraph) -> str:
    """Nodes as CSV with Neo4j ``neo4j-admin import`` headers (``id:ID``, ``:LABEL``)."""
    header = [
        "id:ID",
        "label",
        ":LABEL",
        "aliases:string[]",
        "value:double",
        "unit",
        "sentence",
        "sources:string[]",
    ]
    rows: list[list[Any]] = [header]
    for node, d in sorted(graph.nodes(data=True)):
        rows.append(
            [
                node,
                d.get("label", ""),
                d.get("kind", ""),
                _LIST_SEPARATOR.join(d.get("aliases", [])),
                d.get("value", ""),
                d.get("unit", ""),
                d.get("sentence", ""),
                _LIST_SEPARATOR.join(d.get("sources", [])),
            ]
        )
    return _csv(rows)


def to_csv_edges(graph: nx.MultiDiGraph) -> str:
    """Edges as CSV with Neo4j import headers (``:START_ID``, ``:END_ID``, ``:TYPE``)."""
    rows: list[list[Any]] = [[":START_ID", ":END_ID", ":TYPE", "label", "sources:string[]"]]
    for u, v, key, d in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        rows.append(
            [u, v, _neo4j_type(key), d.get("label", ""), _LIST_SEPARATOR.join(d.get("sources", []))]
        )
    return _csv(rows)
