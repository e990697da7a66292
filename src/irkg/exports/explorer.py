"""The interactive HTML explorer: pyvis data and options, irkg's own offline template."""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from irkg.exports.layout import Box, layout, separate

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

#: Labels wrap at this width (pixels at zoom 1), so a long name takes lines, not a row.
LABEL_WRAP = 180

#: A label drawn smaller than this many screen pixels is left out: zoomed out, only
#: the big (well-connected) nodes are named; zooming in names the rest.
LABEL_DRAW_THRESHOLD = 9

#: Relation names are drawn this small (pixels at zoom 1) with this threshold, so
#: that they all appear from zoom 1.6 on, at 11 screen pixels and up.
EDGE_FONT_SIZE = 7
EDGE_LABEL_THRESHOLD = 12.2


@dataclass(frozen=True)
class _Look:
    """How one node is drawn, and the room that takes."""

    name: str
    label: str
    category: str
    colour: str
    shape: str
    size: float
    font_size: float
    box: Box


def _look(node: str, data: dict[str, Any], degree: int, top: int) -> _Look:
    """Size and name grow with the square root of degree, from 1 up to ``top``."""
    category = _group(str(data.get("kind", "")))
    colour, shape = KIND_COLOURS[category]
    name = str(data.get("label", node))
    weight = math.sqrt((degree - 1) / (top - 1)) if top > 1 and degree > 1 else 0.0
    size = round(8 + 24 * weight, 1)
    font_size = round(12 + 14 * weight, 1)
    if category == "Record":
        # Records (statements, figures) are many and wordy: their names show on hover.
        return _Look(name, " ", category, colour, shape, size, font_size, Box(size + 4, size + 4))
    width = 0.56 * font_size * len(name)
    lines = math.ceil(width / LABEL_WRAP)
    return _Look(
        name,
        name,
        category,
        colour,
        shape,
        size,
        font_size,
        # From the node's top to the label's last line, which hangs under the node.
        Box(
            max(size, min(width, LABEL_WRAP) / 2) + 4,
            size + lines * font_size * 0.6 + 4,
            below=lines * font_size * 0.6,
        ),
    )


def to_explorer_html(graph: nx.MultiDiGraph, *, seed: int = 7, max_nodes: int = MAX_NODES) -> str:
    """Render the network as one self-contained HTML page (no network requests).

    Positions are computed in Python (see :mod:`irkg.exports.layout`) and physics is off,
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
    degree = dict(undirected.degree())
    top = max(degree.values(), default=1)
    looks = {node: _look(node, data, degree[node], top) for node, data in graph.nodes(data=True)}
    positions = separate(
        layout(undirected, seed=seed), {node: look.box for node, look in looks.items()}
    )
    net = Network(directed=True, height="100%", width="100%", heading=notice)
    template_dir = resources.files("irkg.exports").joinpath("templates")
    net.set_template_dir(str(template_dir), "explorer.html")
    for node, data in sorted(graph.nodes(data=True)):
        look = looks[node]
        # vis reads "value" as a node's weight: a record's figure travels as "amount".
        extra = {
            ("amount" if k == "value" else k): v
            for k, v in data.items()
            if k not in ("label", "iri")
        }
        x, y = positions[node]
        net.add_node(
            node,
            label=look.label,
            name=look.name,
            shape=look.shape,
            color=look.colour,
            category=look.category,
            category_label=_group_label(look.category),
            x=x,
            y=y,
            size=look.size,
            font={"size": look.font_size},
            title=f"{look.name} ({data.get('kind_label', '')})",
            **extra,
        )
    between: dict[frozenset[str], int] = {}
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        relation = str(data.get("label", key))
        edge: dict[str, Any] = {
            "id": f"{u}|{key}|{v}",
            "from": u,
            "to": v,
            "label": relation,
            "relation": relation,
            "title": relation,
            "sources": data.get("sources", []),
            "claims": data.get("claims", []),
            "arrows": "to",
        }
        # Several relations between the same two nodes bend apart, so each stays visible.
        pair = frozenset((u, v))
        between[pair] = nth = between.get(pair, -1) + 1
        if nth:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * nth}
        net.edges.append(edge)
    net.options = _options()
    with tempfile.TemporaryDirectory() as scratch:
        html: str = net.generate_html(name=str(Path(scratch) / "explorer.html"))
    return _inline_vis(html)


def _options() -> dict[str, Any]:
    return {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "nodes": {
            "font": {"face": "system-ui", "strokeWidth": 3, "strokeColor": "#f7f8fa"},
            "borderWidth": 1,
            "widthConstraint": {"maximum": LABEL_WRAP},
            "scaling": {"label": {"drawThreshold": LABEL_DRAW_THRESHOLD, "maxVisible": 18}},
        },
        "edges": {
            "smooth": False,
            # Relation names show when zoomed in (see EDGE_LABEL_THRESHOLD), and on hover
            # or on a selected node's edges (the page enlarges those).
            "font": {
                "size": EDGE_FONT_SIZE,
                "face": "system-ui",
                "color": "#3c4454",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "labelHighlightBold": False,
            "scaling": {"label": {"drawThreshold": EDGE_LABEL_THRESHOLD}},
            "color": {"color": "#c3c9d4", "highlight": "#1d2433", "hover": "#5b6475"},
            "width": 1,
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
