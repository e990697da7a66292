"""Checks of derived figures against stated ones: multiples, balances, totals.

Nothing is merged: when two sources give different figures for the same thing,
or a stated multiple does not match its figures, the check says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from rdflib import Dataset

from irkg.graph.provenance import sources_of_triple
from irkg.ontology import IRKG

__all__ = ["MULTIPLE_TOLERANCE", "TOLERANCE", "FigureCheck", "check_figures"]

#: Relative difference under which two figures count as agreeing (rounding).
TOLERANCE = Decimal("0.01")
#: Stated multiples are words ("five-fold"), so they get more room.
MULTIPLE_TOLERANCE = Decimal("0.10")

_PREFIXES = """
PREFIX irkg: <https://w3id.org/irkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

_CHANGES = (
    _PREFIXES
    + """
SELECT ?change ?label ?stated ?from ?to ?fromValue ?toValue WHERE {
  ?change a irkg:Change ; rdfs:label ?label ; irkg:statedMultiple ?stated ;
          irkg:fromObservation ?from ; irkg:toObservation ?to .
  ?from irkg:value ?fromValue ; irkg:unit ?unit .
  ?to irkg:value ?toValue ; irkg:unit ?unit .
} ORDER BY ?change
"""
)

_TRADE = (
    _PREFIXES
    + """
SELECT ?obs ?period ?periodLabel ?flow ?value ?unit ?reporter ?partner WHERE {
  ?obs a irkg:TradeObservation ; irkg:period ?period ; irkg:flow ?flow ; irkg:value ?value ;
       irkg:unit ?unit ; irkg:reporter ?reporter ; irkg:partner ?partner .
  ?period rdfs:label ?periodLabel .
  FILTER NOT EXISTS { ?obs irkg:comparator ?anyComparator }
} ORDER BY ?obs
"""
)


@dataclass(frozen=True)
class FigureCheck:
    """One comparison of a figure with another figure or with its own parts."""

    kind: str
    subject: str
    stated: Decimal
    computed: Decimal
    sources: tuple[str, ...]
    tolerance: Decimal = TOLERANCE

    @property
    def agrees(self) -> bool:
        """Whether the two figures match within :data:`TOLERANCE`."""
        if self.stated == 0:
            return self.computed == 0
        return abs(self.computed - self.stated) / abs(self.stated) <= self.tolerance

    def __str__(self) -> str:
        verdict = "agrees" if self.agrees else "DISAGREES"
        return (
            f"{self.kind}: {self.subject}: stated {_num(self.stated)}, "
            f"computed {_num(self.computed)} ({verdict}; {', '.join(self.sources)})"
        )


def check_figures(dataset: Dataset) -> list[FigureCheck]:
    """Compare stated multiples, balances and totals with what the figures give.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> checks = check_figures(load_data_dir("data"))
        >>> [str(c.stated) for c in checks if not c.agrees and c.kind == "multiple"]
        ['5.8']
    """
    checks: list[FigureCheck] = []
    for row in dataset.query(_CHANGES):
        computed = Decimal(str(row.toValue)) / Decimal(str(row.fromValue))  # type: ignore[union-attr]
        sources = sources_of_triple(dataset, (row.change, IRKG.statedMultiple, None))  # type: ignore[union-attr]
        checks.append(
            FigureCheck(
                "multiple",
                str(row.label),  # type: ignore[union-attr]
                Decimal(str(row.stated)),  # type: ignore[union-attr]
                computed.quantize(Decimal("0.01")),
                tuple(str(s) for s in sources),
                MULTIPLE_TOLERANCE,
            )
        )
    # Group trade figures by (reporter, partner, period, unit); compare within each group.
    groups: dict[tuple[str, ...], dict[str, list[tuple[Decimal, str]]]] = {}
    for row in dataset.query(_TRADE):
        key = (str(row.reporter), str(row.partner), str(row.periodLabel), str(row.unit))  # type: ignore[union-attr]
        flow = str(row.flow).rsplit("/", 1)[-1]  # type: ignore[union-attr]
        source = ", ".join(str(s) for s in sources_of_triple(dataset, (row.obs, IRKG.value, None)))  # type: ignore[union-attr]
        groups.setdefault(key, {}).setdefault(flow, []).append((Decimal(str(row.value)), source))  # type: ignore[union-attr]
    for (_, _, period, _), flows in sorted(groups.items()):
        for flow, figures in sorted(flows.items()):
            for (a, source_a), (b, source_b) in pairwise(figures):
                checks.append(FigureCheck(f"{flow} by source", period, a, b, (source_a, source_b)))
        imports, exports = flows.get("imports", []), flows.get("exports", [])
        for (imp, source_i), (exp, source_e) in ((i, e) for i in imports for e in exports):
            parts = (source_i, source_e)  # the figures the sum is computed from
            for total, source_t in flows.get("total", []):
                cited = tuple(dict.fromkeys((source_t, *parts)))
                checks.append(FigureCheck("total", period, total, imp + exp, cited))
            for balance, source_b in flows.get("balance", []):
                cited = tuple(dict.fromkeys((source_b, *parts)))
                checks.append(FigureCheck("balance", period, balance, imp - exp, cited))
    return checks


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")
