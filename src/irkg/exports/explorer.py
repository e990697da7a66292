"""The interactive HTML explorer: pyvis data and options, irkg's own offline template."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["KIND_COLOURS", "MAX_NODES", "to_explorer_html"]

#: Colour and shape per group of kinds; every irkg kind maps to one group.
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "Country": ("#d1495b", "dot"),
    "Place": ("#edae49", "dot"),
    "Person": ("#00798c", "dot"),
    "Organization": ("#30638e", "square"),
    "Post": ("#66a182", "square"),
    "Event": ("#8e5572", "diamond"),
    "Agreement": ("#e07a5f", "triangle"),
    "Route": ("#3d405b", "triangle"),
    "Film": ("#f2cc8f", "star"),
    "PolicyMeasure": ("#9c2c2c", "triangleDown"),
    "Concept": ("#81b29a", "dot"),
    "Period": ("#b8b8b8", "dot"),
    "Record": ("#7d8597", "dot"),
    "Entity": ("#999999", "dot"),
}


def _layout(graph: nx.Graph, seed: int) -> dict[Any, Any]:
    """Positions in pixels: Kamada-Kawai for small graphs, a seeded spring layout beyond."""
    if not len(graph):
        return {}
    if len(graph) <= 500:
        return dict(nx.kamada_kawai_layout(graph, scale=900))
    return dict(nx.spring_layout(graph, seed=seed, scale=1500))


def _group_label(group: str) -> str:
    from irkg.ontology import IRKG, load_ontology

    return load_ontology().label(IRKG[group])


def _group(kind: str) -> str:
    from irkg.ontology import IRKG, load_ontology

    ontology = load_ontology()
    cls = ontology.classes.get(kind)
    if cls is None:
        return "Entity"
    for group in KIND_COLOURS:
        if ontology.is_subclass(cls, IRKG[group]):
            return group
    return "Entity"


#: Beyond this many nodes the page shows the most connected ones and says so.
MAX_NODES = 3000


def to_explorer_html(graph: nx.MultiDiGraph, *, seed: int = 7, max_nodes: int = MAX_NODES) -> str:
    """Render the network as one self-contained HTML page (no network requests).

    Positions are computed in Python (see :func:`_layout`) and physics is off,
    so the page is still from the first frame and the same graph gives the same file.
    Labels and quotations are data, put in JSON script blocks with ``<`` escaped,
    and written into the page with ``textContent`` only.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("person/x", label="<img src=x onerror=alert(1)>", kind="Person")
        >>> "<img" in to_explorer_html(g)
        False
    """
    from pyvis.network import Network

    notice = ""
    if graph.number_of_nodes() > max_nodes:
        ranked = sorted(graph.degree(), key=lambda item: (-item[1], str(item[0])))[:max_nodes]
        notice = (
            f"Showing the {max_nodes:,} most connected of {graph.number_of_nodes():,} entities. "
            "Narrow the view with: irkg explore --focus ENTITY --depth N, --types, --source."
        )
        graph = nx.MultiDiGraph(graph.subgraph(node for node, _ in ranked))
    undirected = nx.Graph(graph)
    positions = _layout(undirected, seed)
    degree = dict(undirected.degree())
    net = Network(directed=True, height="100%", width="100%", heading=notice)
    template_dir = resources.files("irkg.exports").joinpath("templates")
    net.set_template_dir(str(template_dir), "explorer.html")
    for node, data in sorted(graph.nodes(data=True)):
        category = _group(str(data.get("kind", "")))
        colour, shape = KIND_COLOURS[category]
        extra = {k: v for k, v in data.items() if k not in ("label", "iri")}
        x, y = positions.get(node, (0.0, 0.0))
        name = str(data.get("label", node))
        is_record = category == "Record"
        net.add_node(
            node,
            # Records (statements, figures) are many and wordy: their names show on hover.
            label=" " if is_record else name,
            name=name,
            shape=shape,
            color=colour,
            category=category,
            category_label=_group_label(category),
            x=round(float(x)),
            y=round(float(y)),
            size=(6 if is_record else 10) + 2 * min(degree.get(node, 0), 12),
            title=f"{name} ({data.get('kind_label', '')})",
            **extra,
        )
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        net.edges.append(
            {
                "id": f"{u}|{key}|{v}",
                "from": u,
                "to": v,
                "relation": data.get("label", key),
                "title": f"{data.get('label', key)}",
                "sources": data.get("sources", []),
                "arrows": "to",
            }
        )
    net.options = _options()
    with tempfile.TemporaryDirectory() as scratch:
        html: str = net.generate_html(name=str(Path(scratch) / "explorer.html"))
    return _inline_vis(html)


def _options() -> dict[str, Any]:
    return {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "nodes": {"font": {"size": 14, "face": "system-ui"}, "borderWidth": 1},
        "edges": {
            "smooth": False,
            "color": {"color": "#c3c9d4", "highlight": "#1d2433", "hover": "#5b6475"},
            "width": 1,
            "font": {"size": 0},
        },
        "layout": {"improvedLayout": False},
    }


def _inline_vis(html: str) -> str:
    lib = resources.files("pyvis").joinpath("lib", "vis-9.1.2")
    script = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    style = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    # The bundle is trusted package code; keep "</script" inside it from closing the tag.
    script = script.replace("</script", "<\\/script")
    html = html.replace("/*VIS_NETWORK_CSS*/", style, 1)
    return html.replace("/*VIS_NETWORK_JS*/", script, 1) + ("" if html.endswith("\n") else "\n")
