"""Records read as sentences: trade figures, targets, changes and statements.

A trade observation is a node with a value, a unit, a flow and relations to a
reporter, a partner and a period; read raw it is a row of codes. These
functions put it back into a sentence for people (the explorer's details panel).
They read the networkx form (:func:`irkg.graph.to_networkx`), where all of it is
at hand.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

__all__ = ["amount", "describe"]

#: How a flow's sentence starts, by the flow's label; other flows read "R-P <flow>".
_FLOWS = {
    "exports": "{r}'s exports to {p}",
    "imports": "{r}'s imports from {p}",
    "total trade": "Trade between {r} and {p}",
    "trade deficit": "{r}'s trade deficit with {p}",
}


def amount(data: dict[str, Any]) -> str:
    """A record's figure with its comparator and unit: ``less than 2 per cent``.

    Example:
        >>> amount({"value": 63.84, "unit": "billion US dollars"})
        '63.84 billion US dollars'
        >>> amount({"value": 2.0, "comparator": "less than", "unit": "per cent"})
        'less than 2 per cent'
    """
    value = data.get("value")
    if value is None:
        return ""
    number = f"{value:,.10g}" if isinstance(value, int | float) else str(value)
    words = [data.get("comparator", ""), number, data.get("unit", "")]
    return " ".join(str(w) for w in words if w)


def _linked(graph: nx.MultiDiGraph, node: Hashable, relation: str) -> list[str]:
    return sorted(
        graph.nodes[target]["label"]
        for _, target, key in graph.out_edges(node, keys=True)
        if key == relation
    )


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _when(graph: nx.MultiDiGraph, node: Hashable) -> str:
    """' in FY2024-25' for a dated period, ' (pre-pandemic level)' for an undated one."""
    periods = [t for _, t, key in graph.out_edges(node, keys=True) if key == "period"]
    if not periods:
        return ""
    period = graph.nodes[periods[0]]
    return f" in {period['label']}" if "startDate" in period else f" ({period['label']})"


def _trade(graph: nx.MultiDiGraph, node: Hashable) -> str:
    data = graph.nodes[node]
    reporter, partner = _linked(graph, node, "reporter"), _linked(graph, node, "partner")
    flow = str(data.get("flow", ""))
    if not reporter or not partner or not flow:
        return f"{data['label']}: {amount(data)}{_when(graph, node)}."
    start = _FLOWS.get(flow, "{r}-{p} " + flow).format(r=reporter[0], p=partner[0])
    text = f"{start} {'were' if flow in ('exports', 'imports') else 'was'} {amount(data)}"
    text += _when(graph, node)
    if data.get("qualifier"):
        text += f" ({data['qualifier']})"
    speakers = _linked(graph, node, "statedBy")
    if speakers:
        text += f", according to {_joined(speakers)}"
    return text + "."


def _target(graph: nx.MultiDiGraph, node: Hashable) -> str:
    data = graph.nodes[node]
    setters = _linked(graph, node, "setBy")
    goal = f"{data.get('flow', 'a value')} of {amount(data)}"
    period = _linked(graph, node, "period")
    by = f" by {period[0]}" if period else ""
    return f"{_joined(setters)} aim for {goal}{by}." if setters else f"Target: {goal}{by}."


def _change(graph: nx.MultiDiGraph, node: Hashable) -> str:
    data = graph.nodes[node]
    text = f"{data['label']}. Stated: {data.get('qualifier') or data.get('statedMultiple')}"
    ends = [
        next((t for _, t, k in graph.out_edges(node, keys=True) if k == key), None)
        for key in ("fromObservation", "toObservation")
    ]
    start, end = (graph.nodes[e] if e is not None else {} for e in ends)
    if isinstance(start.get("value"), int | float) and isinstance(end.get("value"), int | float):
        if start["value"]:
            text += f"; the figures give {end['value'] / start['value']:.2f} times"
        text += f" ({amount(start)} to {amount(end)})"
    return text + "."


def _statement(graph: nx.MultiDiGraph, node: Hashable) -> str:
    data = graph.nodes[node]
    speakers = _linked(graph, node, "speaker")
    said = f"{_joined(speakers)} said" if speakers else "Said"
    return f"{said}: {data.get('summary') or data['label']}"


_BY_KIND = {
    "TradeObservation": _trade,
    "Observation": _trade,
    "Target": _target,
    "Change": _change,
    "Statement": _statement,
}


def describe(graph: nx.MultiDiGraph, node: Hashable) -> str | None:
    """The record ``node`` as one sentence, or None if it is not a record.

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> g = KnowledgeGraph.from_data("data", reason=False).to_networkx()
        >>> describe(g, "obs/summit-india-exports-fy2024-25")
        "India's exports to Russia were 4.88 billion US dollars in FY2024-25."
        >>> describe(g, "obs/moscow-deficit-2021")
        "India's trade deficit with Russia was 6.6 billion US dollars in 2021, according to S. Jaishankar."
        >>> describe(g, "change/summit-trade-growth")
        'Rise in India-Russia trade from pre-pandemic to FY25. Stated: nearly 5.8 times; the figures give 6.80 times (10.1 billion US dollars to 68.7 billion US dollars).'
        >>> describe(g, "country/india") is None
        True
    """
    writer = _BY_KIND.get(str(graph.nodes[node].get("kind", "")))
    return writer(graph, node) if writer else None
