"""Records read as sentences: trade figures, targets, changes, initiatives and statements.

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

from irkg.graph.figures import READINGS, readings_of

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
    """' in FY2024-25' for a dated or named period, ' (pre-pandemic level)' for a vague one."""
    periods = [t for _, t, key in graph.out_edges(node, keys=True) if key == "period"]
    if not periods:
        return ""
    period = graph.nodes[periods[0]]
    dated = "startDate" in period or "namedYear" in period
    return f" in {period['label']}" if dated else f" ({period['label']})"


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
    deadline = _linked(graph, node, "deadline")
    by = f" by {deadline[0]}" if deadline else ""
    return f"{_joined(setters)} aim for {goal}{by}." if setters else f"Target: {goal}{by}."


def _change(graph: nx.MultiDiGraph, node: Hashable) -> str:
    """The stated multiple in the source's words, and what the figures give under each reading."""
    data = graph.nodes[node]
    wording = data.get("wording")
    stated = data.get("statedMultiple")
    text = f"{data['label']}. Stated: " + (
        f"\u201c{wording}\u201d ({stated:g})" if wording else f"{stated:g} times"
    )
    ends = [
        next((t for _, t, k in graph.out_edges(node, keys=True) if k == key), None)
        for key in ("fromObservation", "toObservation")
    ]
    start, end = (graph.nodes[e] if e is not None else {} for e in ends)
    old, new = start.get("value"), end.get("value")
    if isinstance(old, int | float) and isinstance(new, int | float) and old:
        values = {"ratio": new / old, "increase": (new - old) / old}
        read = [f"{values[r]:.2f} {READINGS[r].split(',')[0]}" for r in readings_of(wording)]
        text += f"; from {amount(start)} to {amount(end)} the figures give " + " or ".join(read)
    return text + "."


def _initiative(graph: nx.MultiDiGraph, node: Hashable) -> str:
    data = graph.nodes[node]
    status = f" ({data['status']})" if data.get("status") else ""
    text = f"{data['label']}{status}"
    for relation, words in (("pursuedBy", "by"), ("hasFocus", "focus:"), ("platform", "on")):
        linked = _linked(graph, node, relation)
        if linked:
            text += f", {words} {_joined(linked)}"
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
    "Initiative": _initiative,
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
        'India-Russia trade gap was 6.6 billion US dollars in 2021, according to S. Jaishankar.'
        >>> describe(g, "change/summit-trade-growth")
        'Rise in India-Russia trade from pre-pandemic to FY25. Stated: \u201cnearly 5.8 times higher than\u201d (5.8); from 10.1 billion US dollars to 68.7 billion US dollars the figures give 6.80 as a ratio or 5.80 as an increase over the base.'
        >>> describe(g, "initiative/multilateral-cooperation")
        'India-Russia cooperation on multilateral platforms (committed to strengthening it), by India and Russia, on BRICS, G20, Shanghai Cooperation Organisation and United Nations.'
        >>> describe(g, "country/india") is None
        True
    """
    writer = _BY_KIND.get(str(graph.nodes[node].get("kind", "")))
    return writer(graph, node) if writer else None
