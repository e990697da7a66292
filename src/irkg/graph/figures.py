"""Checks of derived figures against stated ones: multiples, totals, deficits, sources.

Nothing is merged: when two sources give different figures for the same thing,
or a stated multiple does not match its figures, the check says so. Three kinds
of check, in this order:

- **multiples**: a change's stated multiple against its two figures, under every
  reading its wording admits. "Five times as much" is a ratio (new / old); "5.8
  times higher than" and "five-fold" are also read as an increase by that many
  times the base ((new - old) / old). A multiple disagrees only when no reading
  agrees, and the check says which reading does.
- **within one source**: a total against its own source's exports plus imports,
  a deficit against its imports minus exports, and a gap (an imbalance whose
  direction the source leaves open) against the size of that difference.
- **across sources**: the same figure from two sources, or one source's figure
  against another's parts. A figure stated more coarsely is compared at its own
  precision: 68 agrees with 68.7 cut to whole units, though rounding would give
  69, and the check says which; only a difference beyond that is a conflict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from itertools import combinations
from typing import Any

from rdflib import Dataset, URIRef

from irkg.graph.provenance import Source
from irkg.graph.sparql import run_query
from irkg.iris import id_of, is_entity_iri

__all__ = ["MULTIPLE_TOLERANCE", "READINGS", "FigureCheck", "check_figures", "readings_of"]

#: Stated multiples are round words ("five-fold", "nearly nine"): a reading agrees
#: when it is within this relative distance of the stated multiple.
MULTIPLE_TOLERANCE = Decimal("0.10")

#: How a stated multiple N can be meant, and how each reading is computed.
READINGS = {
    "ratio": "as a ratio, new / old",
    "increase": "as an increase over the base, (new - old) / old",
}

_AS_MUCH = re.compile(r"\btimes\s+as\b")
_HIGHER = re.compile(
    r"\btimes\s+(higher|more|greater|larger|bigger|up|over)\b|fold\b", re.IGNORECASE
)

_CHANGES = """
SELECT ?change ?label ?stated ?wording ?fromValue ?toValue ?doc ?para WHERE {
  GRAPH ?g { ?change irkg:statedMultiple ?stated }
  ?g prov:wasDerivedFrom ?doc . OPTIONAL { ?g irkg:paragraph ?para }
  ?change rdfs:label ?label ; irkg:fromObservation ?from ; irkg:toObservation ?to .
  OPTIONAL { ?change irkg:wording ?wording }
  ?from irkg:value ?fromValue ; irkg:unit ?unit .
  ?to irkg:value ?toValue ; irkg:unit ?unit .
} ORDER BY ?change
"""

_TRADE = """
SELECT ?obs ?periodLabel ?flow ?value ?unit ?reporter ?partner ?doc ?para WHERE {
  GRAPH ?g { ?obs a irkg:TradeObservation ; irkg:value ?value }
  ?g prov:wasDerivedFrom ?doc . OPTIONAL { ?g irkg:paragraph ?para }
  ?obs irkg:period ?period ; irkg:flow ?flow ; irkg:unit ?unit ;
       irkg:reporter ?reporter ; irkg:partner ?partner .
  ?period rdfs:label ?periodLabel .
  FILTER NOT EXISTS { ?obs irkg:comparator ?anyComparator }
} ORDER BY ?obs
"""


@dataclass(frozen=True)
class FigureCheck:
    """One comparison of a stated figure with another figure or with its parts.

    ``reading`` says how the computed figure was arrived at or matched: for a
    multiple, the reading of its wording; across sources, whether the coarser
    figure is the finer one rounded or cut. ``note`` adds what a reader needs
    (the other reading of a multiple, say).
    """

    kind: str
    subject: str
    stated: Decimal
    computed: Decimal
    sources: tuple[str, ...]
    agrees: bool
    reading: str = ""
    note: str = ""
    wording: str = ""

    def __str__(self) -> str:
        verdict = "agrees" if self.agrees else "DISAGREES"
        wording = f" ('{self.wording}')" if self.wording else ""
        how = f" {self.reading}" if self.reading else ""
        note = f"; {self.note}" if self.note else ""
        return (
            f"{self.kind}: {self.subject}: stated {_num(self.stated)}{wording}, computed "
            f"{self.computed:f}{how} ({verdict}{note}; {', '.join(self.sources)})"
        )


def readings_of(wording: str | None) -> tuple[str, ...]:
    """The readings (see :data:`READINGS`) that a change's wording admits.

    Example:
        >>> readings_of("nearly 5.8 times higher than"), readings_of("five-fold increase")
        (('ratio', 'increase'), ('ratio', 'increase'))
        >>> readings_of("three times as much"), readings_of(None)
        (('ratio',), ('ratio',))
    """
    if wording is None or _AS_MUCH.search(wording.lower()):
        return ("ratio",)
    return ("ratio", "increase") if _HIGHER.search(wording) else ("ratio",)


def check_figures(dataset: Dataset) -> list[FigureCheck]:
    """Compare stated multiples, totals and deficits with what the figures give.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> checks = check_figures(load_data_dir("data"))
        >>> summit = next(c for c in checks if c.kind == "multiple" and c.stated == Decimal("5.8"))
        >>> summit.agrees, str(summit.computed), summit.reading
        (True, '5.80', 'as an increase over the base, (new - old) / old')
        >>> [c for c in checks if not c.agrees]
        []
    """
    checks = [_multiple(row) for row in run_query(dataset, _CHANGES)]
    figures = [_Figure.from_row(row) for row in run_query(dataset, _TRADE)]
    checks += _within_sources(figures)
    checks += _across_sources(figures)
    return checks


def _multiple(row: Any) -> FigureCheck:
    old, new = _decimal(row.fromValue), _decimal(row.toValue)
    stated = _decimal(row.stated)
    wording = str(row.wording) if row.wording is not None else None
    values = {
        "ratio": new / old if old else Decimal(0),
        "increase": (new - old) / old if old else Decimal(0),
    }
    readings = readings_of(wording)
    error = {r: abs(values[r] - stated) / stated if stated else abs(values[r]) for r in readings}
    best = min(readings, key=lambda r: (error[r], r))
    others = [
        f"{READINGS[r].split(',')[0]} it would be {values[r]:.2f}" for r in readings if r != best
    ]
    if len(readings) == 1:
        others.append("the wording admits no other reading")
    return FigureCheck(
        "multiple",
        str(row.label),
        stated,
        values[best].quantize(Decimal("0.01")),
        (str(Source(id_of(row.doc), _paragraph(row.para))),),
        error[best] <= MULTIPLE_TOLERANCE,
        READINGS[best],
        "; ".join(others),
        wording or "",
    )


@dataclass(frozen=True)
class _Figure:
    """A trade figure as one source states it."""

    key: tuple[str, str, str, str]  # reporter, partner, period label, unit
    flow: str
    value: Decimal
    document: str
    source: str

    @classmethod
    def from_row(cls, row: Any) -> _Figure:
        key = (str(row.reporter), str(row.partner), str(row.periodLabel), str(row.unit))
        document = id_of(row.doc) if is_entity_iri(row.doc) else str(row.doc)
        source = str(Source(document, _paragraph(row.para)))
        return cls(key, _local(row.flow), _decimal(row.value), document, source)


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def _paragraph(literal: Any) -> int | None:
    return int(literal.toPython()) if literal is not None else None


def _derived(figures: list[_Figure]) -> list[tuple[str, Decimal, tuple[str, ...]]]:
    """Totals, deficits and gaps computed from one group's exports and imports."""
    imports = [f for f in figures if f.flow == "imports"]
    exports = [f for f in figures if f.flow == "exports"]
    out = []
    for i in imports:
        for e in exports:
            parts = tuple(dict.fromkeys((i.source, e.source)))
            out.append(("total", i.value + e.value, parts))
            out.append(("deficit", i.value - e.value, parts))
            out.append(("gap", abs(i.value - e.value), parts))
    return out


def _within_sources(figures: list[_Figure]) -> list[FigureCheck]:
    groups: dict[tuple[Any, ...], list[_Figure]] = defaultdict(list)
    for f in figures:
        groups[(*f.key, f.document)].append(f)
    checks = []
    for key, group in sorted(groups.items()):
        for flow, computed, parts in _derived(group):
            for stated in (f for f in group if f.flow == flow):
                agrees, how = _compare(stated.value, computed)
                sources = tuple(dict.fromkeys((stated.source, *parts)))
                checks.append(
                    FigureCheck(flow, key[2], stated.value, computed, sources, agrees, how)
                )
    return checks


def _across_sources(figures: list[_Figure]) -> list[FigureCheck]:
    """The same figure from different documents; else one's figure against another's parts."""
    groups: dict[tuple[str, ...], list[_Figure]] = defaultdict(list)
    for f in figures:
        groups[f.key].append(f)
    checks = []
    for key, group in sorted(groups.items()):
        documents = sorted({f.document for f in group})
        for doc_a, doc_b in combinations(documents, 2):
            a = [f for f in group if f.document == doc_a]
            b = [f for f in group if f.document == doc_b]
            for f in a:
                for g in b:
                    if f.flow == g.flow:
                        checks.append(_pair(f, g.value, (g.source,), key[2]))
            # A flow one source states and the other only gives the parts of.
            for x, y in ((a, b), (b, a)):
                stated = {g.flow for g in y}
                for f in x:
                    for flow, value, sources in _derived(y):
                        if flow == f.flow and flow not in stated:
                            checks.append(_pair(f, value, sources, key[2]))
    return checks


def _pair(f: _Figure, other: Decimal, sources: tuple[str, ...], period: str) -> FigureCheck:
    """Compare the coarser of two figures with the finer one, at the coarser precision."""
    coarse, fine = (f.value, other) if _exponent(f.value) >= _exponent(other) else (other, f.value)
    agrees, how = _compare(coarse, fine)
    cited = (f.source, *sources) if coarse == f.value else (*sources, f.source)
    return FigureCheck(f"{f.flow} across sources", period, coarse, fine, cited, agrees, how)


def _exponent(value: Decimal) -> int:
    """The place of a figure's last significant digit: 0 for 68, -1 for 68.7 (never above 0)."""
    return min(int(value.normalize().as_tuple().exponent), 0)


def _compare(stated: Decimal, computed: Decimal) -> tuple[bool, str]:
    """Whether ``computed``, rounded or cut to ``stated``'s precision, gives ``stated``.

    Example:
        >>> _compare(Decimal("68"), Decimal("68.7"))
        (True, 'which cut to whole units is 68 (rounded, 69)')
        >>> _compare(Decimal("58.9"), Decimal("58.96"))
        (True, 'which cut to 0.1 is 58.9 (rounded, 59.0)')
        >>> _compare(Decimal("68.7"), Decimal("68.72"))
        (True, 'which rounded to 0.1 is 68.7')
        >>> _compare(Decimal("65"), Decimal("68.7"))
        (False, 'a gap of 3.7 (5.7%), beyond rounding')
    """
    quantum = Decimal(1).scaleb(_exponent(stated))
    places = "whole units" if quantum == 1 else _num(quantum)
    rounded = computed.quantize(quantum, rounding=ROUND_HALF_UP)
    cut = computed.quantize(quantum, rounding=ROUND_DOWN)
    if computed == stated:
        return True, "the same figure"
    if rounded == stated:
        return True, f"which rounded to {places} is {rounded}"
    if cut == stated:
        return True, f"which cut to {places} is {cut} (rounded, {rounded})"
    gap = abs(computed - stated)
    share = gap / abs(stated) * 100 if stated else Decimal(0)
    return False, f"a gap of {_num(gap)} ({share:.1f}%), beyond rounding"


def _decimal(literal: Any) -> Decimal:
    return Decimal(str(literal))


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")
