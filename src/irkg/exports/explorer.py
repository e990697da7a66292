"""The interactive HTML explorer: pyvis data and options, irkg's own offline template."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from irkg.errors import ExportError
from irkg.exports.layout import Box, layout, separate
from irkg.iris import ID_BASE

__all__ = [
    "KIND_COLOURS",
    "LABEL_WRAP",
    "MAX_NODES",
    "neighbour_records",
    "to_explorer_html",
    "write_explorer_html",
]

#: Colour and shape per group of kinds, most specific first: a kind falls in the first
#: group it is a subclass of. Records are split so that an analyst can show or hide
#: statements, figures, changes, targets and initiatives apart.
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "Country": ("#d1495b", "dot"),
    "Place": ("#edae49", "dot"),
    "Person": ("#00798c", "dot"),
    "Organization": ("#30638e", "square"),
    "Post": ("#8f6bb3", "square"),
    "Event": ("#8e5572", "diamond"),
    "Agreement": ("#e07a5f", "triangle"),
    "Route": ("#3d405b", "triangle"),
    "Film": ("#e0a526", "star"),
    "PolicyMeasure": ("#9c2c2c", "triangleDown"),
    "Concept": ("#6fa287", "dot"),
    "Period": ("#a3a3a3", "dot"),
    "Statement": ("#1b7f9e", "hexagon"),
    "Observation": ("#c46a16", "diamond"),
    "Change": ("#b5512a", "triangle"),
    "Target": ("#2d8a4e", "star"),
    "Initiative": ("#5b6b2e", "hexagon"),
    "Record": ("#7d8597", "dot"),
    "Entity": ("#999999", "dot"),
}

#: Short forms of units, for the names drawn on figures.
_UNIT_SHORT = {
    "billion US dollars": "bn USD",
    "trillion US dollars": "tn USD",
    "million US dollars": "m USD",
    "per cent": "%",
}


def _group_label(group: str) -> str:
    from irkg.ontology import IRKG, load_ontology

    return load_ontology().label(IRKG[group])


def _group(kind: str) -> str | None:
    """The group of an irkg kind; None for a kind the ontology does not know."""
    from irkg.ontology import IRKG, load_ontology

    ontology = load_ontology()
    cls = ontology.classes.get(kind)
    if cls is None:
        return "Entity" if kind in ("", "Entity") else None
    for group in KIND_COLOURS:
        if ontology.is_subclass(cls, IRKG[group]):
            return group
    return "Entity"


#: Colours and shapes for kinds of other vocabularies (schema:Person, foaf:Person ...),
#: given to the most frequent first; kinds beyond these are drawn as plain entities.
_FOREIGN_LOOKS = [
    (colour, shape)
    for shape in ("dot", "square", "diamond")
    for colour in ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#9c755f")
]


def _groups(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str, str, str]]:
    """Each node's group: key, label, colour and shape.

    irkg's kinds fall in the groups of :data:`KIND_COLOURS`; a kind of another vocabulary
    is a group of its own, named by its label, while colours last.
    """
    own = {node: _group(str(data.get("kind", ""))) for node, data in graph.nodes(data=True)}
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for node, data in sorted(graph.nodes(data=True)):
        if own[node] is None:
            kind = str(data["kind"])
            counts[kind] = counts.get(kind, 0) + 1
            names.setdefault(kind, str(data.get("kind_label") or kind))
    ranked = sorted(counts, key=lambda kind: (-counts[kind], kind))
    foreign = {
        kind: (names[kind], *look) for kind, look in zip(ranked, _FOREIGN_LOOKS, strict=False)
    }
    result = {}
    for node, data in graph.nodes(data=True):
        group = own[node]
        kind = str(data.get("kind", ""))
        if group is None and kind in foreign:
            result[node] = (kind, *foreign[kind])
        else:
            key = group or "Entity"
            result[node] = (key, _group_label(key), *KIND_COLOURS[key])
    return result


#: Beyond this many nodes the page shows the most connected ones and says so.
MAX_NODES = 3000

#: Names wrap at this width in screen pixels (the page draws them, see explorer.js).
LABEL_WRAP = 160


@dataclass(frozen=True)
class _Look:
    """How one node is drawn, and the room that takes at zoom 1."""

    name: str
    short: str
    category: str
    category_label: str
    colour: str
    shape: str
    size: float
    weight: float
    box: Box


def _short_name(data: dict[str, Any]) -> str:
    """The name drawn on the canvas: a figure's label ends with its value and unit.

    Example:
        >>> _short_name({"label": "Trade in FY25", "value": 68.7, "unit": "billion US dollars"})
        'Trade in FY25: 68.7 bn USD'
    """
    name = str(data.get("label", ""))
    value = data.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        unit = str(data.get("unit", ""))
        comparator = f"{data['comparator']} " if data.get("comparator") else ""
        figure = f"{comparator}{value:g} {_UNIT_SHORT.get(unit, unit)}".strip()
        name = f"{name}: {figure}"
    return name


def _look(
    node: str, data: dict[str, Any], group: tuple[str, str, str, str], degree: int, top: int
) -> _Look:
    """Size and name grow with the square root of degree, from 1 up to ``top``."""
    category, category_label, colour, shape = group
    name = str(data.get("label", node))
    short = _short_name(data) or node
    weight = math.sqrt((degree - 1) / (top - 1)) if top > 1 and degree > 1 else 0.0
    size = round(8 + 24 * weight, 1)
    font_size = 12 + 4 * weight  # screen pixels, as explorer.js draws it
    width = 0.56 * font_size * len(short)
    lines = min(3, math.ceil(width / LABEL_WRAP))
    return _Look(
        name,
        short,
        category,
        category_label,
        colour,
        shape,
        size,
        round(weight, 3),
        # From the node's top to the name's last line, which hangs under the node.
        Box(
            max(size, min(width, LABEL_WRAP) / 2) + 4,
            size + lines * font_size * 0.6 + 4,
            below=lines * font_size * 0.6,
        ),
    )


def _inverse_labels() -> dict[str, str]:
    """Each object property's inverse, by local name, read as the inverse's label."""
    from rdflib import URIRef

    from irkg.ontology import load_ontology
    from irkg.ontology.namespaces import OWL

    ontology = load_ontology()
    by_iri = {prop.iri: prop for prop in ontology.properties.values()}
    inverses: dict[str, str] = {}
    for a, b in ontology.graph.subject_objects(OWL.inverseOf):
        if isinstance(a, URIRef) and isinstance(b, URIRef) and a in by_iri and b in by_iri:
            inverses[by_iri[a].name] = by_iri[b].label
            inverses[by_iri[b].name] = by_iri[a].label
    return inverses


def write_explorer_html(
    graph: nx.MultiDiGraph, path: Path | str, *, title: str | None = None
) -> Path:
    """Write the explorer of ``graph`` to ``path`` (see :func:`to_explorer_html`): a new
    file, or over an explorer page irkg wrote before, never over another file.

    Raises:
        ExportError: before anything is drawn, if ``path`` holds a file that is not an
            irkg explorer page (or something that is not a file at all).
    """
    from irkg.exports.files import write_atomic

    target = Path(path)
    if target.is_file():
        with open(target, "rb") as handle:
            head = handle.read(4096)
        if _MARK not in head:
            raise ExportError(
                f"{path}: a file that is not an irkg explorer page is there; irkg does not "
                "write over it: give another name, or remove it first"
            )
    return write_atomic(target, to_explorer_html(graph, title=title))


#: In the head of every explorer page irkg has written, and of no other file.
_MARK = b"<title>irkg explorer: "


def explorer_policy(script_hashes: list[str]) -> str:
    """The explorer's Content-Security-Policy: only its own three scripts run (by their
    hashes; the data blocks are JSON, never run), it may ask its own server for more of
    the graph, and nothing else is fetched, framed or posted."""
    return (
        "default-src 'none'; script-src " + " ".join(script_hashes) + "; "
        "style-src 'unsafe-inline'; img-src data: blob:; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'"
    )


def _json(value: Any) -> str:
    """JSON for a script block: ``<``, ``>`` and ``&`` escaped, so no data closes the tag."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def to_explorer_html(
    graph: nx.MultiDiGraph,
    *,
    seed: int = 7,
    max_nodes: int = MAX_NODES,
    title: str | None = None,
    served: bool = False,
) -> str:
    """Render the network as one self-contained HTML page (no network requests).

    Positions are computed in Python (see :mod:`irkg.exports.layout`) and physics is off,
    so the page is still from the first frame and the same graph gives the same file.
    ``title`` names a graph other than irkg's own (the files it was read from).
    ``served``: the page comes from `irkg serve`, which it may ask for an entity's
    neighbours (:func:`neighbour_records`); a page written to a file asks nothing.
    Names, labels and quotations are data, put in JSON script blocks with ``<`` escaped,
    drawn on the canvas or written into the page with ``textContent`` only.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("person/x", label="<img src=x onerror=alert(1)>", kind="Person")
        >>> "<img" in to_explorer_html(g)
        False
    """
    from pyvis.network import Network

    total = graph.number_of_nodes()
    notice = ""
    documents = graph.graph.get("documents", {})
    if total > max_nodes:
        ranked = sorted(graph.degree(), key=lambda item: (-item[1], str(item[0])))[:max_nodes]
        notice = f"Showing the {max_nodes:,} most connected of {total:,} entities. " + (
            "Open an entity to load its neighbours from the server."
            if served
            else "Narrow the view with: irkg explore --focus ENTITY --depth N, --types, --source."
        )
        graph = nx.MultiDiGraph(graph.subgraph(node for node, _ in ranked))
    undirected = nx.Graph(graph)
    degree = dict(undirected.degree())
    top = max(degree.values(), default=1)
    kinds = _groups(graph)
    looks = {
        node: _look(node, data, kinds[node], degree[node], top)
        for node, data in graph.nodes(data=True)
    }
    positions = separate(
        layout(undirected, seed=seed), {node: look.box for node, look in looks.items()}
    )
    net = Network(directed=True, height="100%", width="100%", heading=notice)
    template_dir = resources.files("irkg.exports").joinpath("templates")
    net.set_template_dir(str(template_dir), "explorer.html")
    for record in _node_records(graph, looks, degree, positions):
        net.node_ids.append(record["id"])
        net.nodes.append(record)
    net.edges.extend(_edge_records(graph))
    net.options = _options()
    legend = {
        look.category: {
            "key": look.category,
            "label": look.category_label,
            "color": look.colour,
            "shape": look.shape,
        }
        for look in looks.values()
    }
    # irkg's groups in their order, then other vocabularies' kinds, most frequent first.
    order = {group: i for i, group in enumerate(KIND_COLOURS) if group != "Entity"}
    order |= {
        f"{colour} {shape}": len(order) + i for i, (colour, shape) in enumerate(_FOREIGN_LOOKS)
    }

    def place(group: dict[str, str]) -> int:
        return order.get(group["key"], order.get(f"{group['color']} {group['shape']}", len(order)))

    groups = sorted(legend.values(), key=place)
    with tempfile.TemporaryDirectory() as scratch:
        html: str = net.generate_html(name=str(Path(scratch) / "explorer.html"))
    page = {
        "documents": documents,
        "groups": groups,
        "total": total,
        "wrap": LABEL_WRAP,
        "base": ID_BASE,
        "vocab": _vocabulary(),
    }
    if title is not None:
        page["title"] = title
    if served:
        page["served"] = True
    return _fill(html, page)


def _node_records(
    graph: nx.MultiDiGraph,
    looks: dict[str, _Look],
    degree: dict[str, int],
    positions: Mapping[Any, tuple[float, float]],
) -> list[dict[str, Any]]:
    """The page's record of each node: its data, how it is drawn, and where."""
    records = []
    for node, data in sorted(graph.nodes(data=True)):
        if node not in looks:
            continue
        look = looks[node]
        # vis reads "value" as a node's weight and draws "label": a record's figure
        # travels as "amount", and names are drawn by the page itself.
        extra = {
            ("amount" if k == "value" else k): v
            for k, v in data.items()
            if k not in ("label", "iri")
        }
        x, y = positions.get(node, (0.0, 0.0))
        records.append(
            {
                **extra,
                "id": node,
                "name": look.name,
                "short": look.short,
                "shape": look.shape,
                "color": look.colour,
                "category": look.category,
                "category_label": look.category_label,
                "x": x,
                "y": y,
                "size": look.size,
                "weight": look.weight,
                "degree": degree[node],
                "title": f"{look.name} ({data.get('kind_label', '')})",
            }
        )
    return records


def _edge_records(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The page's record of each relation, with its sources and claims."""
    inverses = _inverse_labels()
    between: dict[frozenset[str], int] = {}
    records = []
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        relation = str(data.get("label", key))
        edge: dict[str, Any] = {
            "id": f"{u}|{key}|{v}",
            "from": u,
            "to": v,
            "key": str(key),
            "relation": relation,
            "sources": data.get("sources", []),
            "claims": data.get("claims", []),
            "arrows": "to",
        }
        if key in inverses:
            edge["inverse"] = inverses[str(key)]
        # Several relations between the same two nodes bend apart, so each stays visible.
        pair = frozenset((u, v))
        between[pair] = nth = between.get(pair, -1) + 1
        if nth:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * nth}
        records.append(edge)
    return records


def neighbour_records(graph: nx.MultiDiGraph, node: str, limit: int = 50) -> dict[str, Any]:
    """What a served explorer asks for when it opens ``node``: its ``limit`` most
    connected neighbours and the relations among them and it, as the page's records
    (placed by the page), and how many neighbours were left out.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("a/x", label="X", kind="Place"); g.add_node("a/y", label="Y", kind="Place")
        >>> g.add_edge("a/x", "a/y", key="near", label="near")
        'near'
        >>> found = neighbour_records(g, "a/x")
        >>> [n["id"] for n in found["nodes"]], found["more"]
        (['a/x', 'a/y'], 0)
    """
    if node not in graph:
        return {"nodes": [], "edges": [], "more": 0}
    undirected = nx.Graph(graph)
    around = sorted(undirected.neighbors(node), key=lambda n: (-undirected.degree(n), n))
    chosen = [node, *around[:limit]]
    sub = nx.MultiDiGraph(graph.subgraph(chosen))
    degree = {n: undirected.degree(n) for n in chosen}
    top = max(dict(undirected.degree()).values(), default=1)
    kinds = _groups(sub)
    looks = {n: _look(n, data, kinds[n], degree[n], top) for n, data in sub.nodes(data=True)}
    return {
        "nodes": _node_records(sub, looks, degree, {}),
        "edges": _edge_records(sub),
        "more": max(len(around) - limit, 0),
    }


def _vocabulary() -> str:
    from irkg.ontology import IRKG

    return str(IRKG)


def _options() -> dict[str, Any]:
    return {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 300, "hideEdgesOnDrag": False},
        "nodes": {"borderWidth": 1, "font": {"size": 0}},
        "edges": {
            "smooth": False,
            "color": {"color": "#c3c9d4", "highlight": "#1d2433", "hover": "#5b6475"},
            "width": 1,
            "selectionWidth": 1.5,
        },
        "layout": {"improvedLayout": False},
    }


def _fill(html: str, page: dict[str, Any]) -> str:
    """Put the styles, scripts and page data into their places in the rendered template.

    Each placeholder is replaced where the template has it (the last one of its kind,
    after the data blocks), so no label that spells a placeholder can move code.
    """
    lib = resources.files("pyvis").joinpath("lib", "vis-9.1.2")
    vis = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    style = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    templates = resources.files("irkg.exports").joinpath("templates")
    own = templates.joinpath("explorer.js").read_text("utf-8")
    tools = templates.joinpath("explorer-tools.js").read_text("utf-8")

    def put(text: str, placeholder: str, content: str) -> str:
        head, found, tail = text.rpartition(placeholder)
        assert found, placeholder
        return head + content + tail

    hashes: list[str] = []

    def script(code: str) -> str:
        # Trusted package code; keep "</script" inside it from closing the tag.
        code = code.replace("</script", "<\\/script")
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
        return "<script>" + code + "</script>"

    html = style.join(html.split("/*VIS_NETWORK_CSS*/", 1))  # in <head>, before any data
    html = put(html, "<script>/*IRKG_TOOLS_JS*/</script>", script(tools))
    html = put(html, "<script>/*IRKG_JS*/</script>", script(own))
    html = put(html, "<script>/*VIS_NETWORK_JS*/</script>", script(vis))
    html = put(html, "/*IRKG_PAGE*/", _json(page))
    html = html.replace("/*IRKG_CSP*/", explorer_policy(hashes), 1)
    return html + ("" if html.endswith("\n") else "\n")
