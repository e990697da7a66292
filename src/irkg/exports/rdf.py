"""RDF serialisations of the knowledge graph, byte-for-byte deterministic.

Every format is written by Oxigraph's serialisers from the quads in one canonical order
(:class:`SortedQuads`: graph, subject, ``rdf:type`` first, predicate, object), so the
same graph gives the same bytes whatever order a store holds it in, and in a fraction
of the time rdflib's writers took (benchmarks/build_scale.py). JSON-LD is Oxigraph's
expanded form, compacted against irkg's prefixes (:data:`JSONLD_CONTEXT`, inline, never
fetched) by :func:`_compacted`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from irkg.errors import ExportError
from irkg.exports.files import write_atomic
from irkg.graph.sparql import PREFIXES, all_quads
from irkg.ontology.namespaces import RDF, XSD

__all__ = [
    "FORMATS",
    "JSONLD_CONTEXT",
    "RdfSource",
    "SortedQuads",
    "to_jsonld",
    "to_nquads",
    "to_ntriples",
    "to_trig",
    "to_turtle",
    "write_rdf",
]

#: The compact JSON-LD context: prefixes only, inline, never fetched from anywhere.
JSONLD_CONTEXT: dict[str, str] = dict(sorted(PREFIXES.items()))

_TYPE = str(RDF.type)
_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in JSONLD_CONTEXT.items())


@dataclass(frozen=True)
class SortedQuads:
    """Every quad of every named graph, in the canonical order the writers follow."""

    quads: Sequence[ox.Quad]

    @classmethod
    def of(cls, quads: Iterable[ox.Quad]) -> SortedQuads:
        """``quads`` (of named graphs; others are left out) in canonical order.

        Example:
            >>> from irkg.graph import KnowledgeGraph
            >>> found = SortedQuads.of(KnowledgeGraph.from_data("data").store.quads())
            >>> str(found.quads[0].graph_name)
            '<https://w3id.org/irkg/graph/background>'
        """
        named = (q for q in quads if isinstance(q.graph_name, ox.NamedNode | ox.BlankNode))
        return cls(sorted(named, key=_order))

    @functools.cached_property
    def triples(self) -> list[ox.Triple]:
        """The union of the graphs: each triple once, in canonical order."""
        return sorted({q.triple for q in self.quads}, key=_triple_order)


#: What the writers take: an rdflib Dataset (whose named graphs are written), or quads
#: already in canonical order (what a build hands them, read from its store once).
RdfSource = Dataset | SortedQuads


def _order(quad: ox.Quad) -> tuple[str, str, bool, str, str]:
    return (str(quad.graph_name), *_triple_order(quad))


def _triple_order(term: ox.Quad | ox.Triple) -> tuple[str, bool, str, str]:
    return (str(term.subject), term.predicate.value != _TYPE, str(term.predicate), str(term.object))


def _sorted(source: RdfSource) -> SortedQuads:
    if isinstance(source, SortedQuads):
        return source
    from irkg.graph.stores.oxigraph import ox_quads

    return SortedQuads.of(ox_quads(all_quads(source)))


def _written(terms: Iterable[ox.Triple] | Iterable[ox.Quad], fmt: ox.RdfFormat) -> str:
    written = ox.serialize(terms, format=fmt, prefixes=JSONLD_CONTEXT)
    assert written is not None  # bytes, given no output
    return written.decode("utf-8")


def _with_header(text: str) -> str:
    """``text`` with irkg's prefixes declared first, in name order (Oxigraph declares them
    in an order of its own)."""
    body = "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith("@prefix")
    )
    return f"{_HEADER}\n{body}"


def _sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def to_turtle(source: RdfSource) -> str:
    """Serialise the union of all graphs as Turtle.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> "bloc:eaeu a irkg:Bloc" in to_turtle(load_data_dir("data"))
        True
    """
    return _with_header(_written(_sorted(source).triples, ox.RdfFormat.TURTLE))


def to_ntriples(source: RdfSource) -> str:
    """Serialise the union of all graphs as sorted N-Triples."""
    return _sorted_lines(_written(_sorted(source).triples, ox.RdfFormat.N_TRIPLES))


def to_nquads(source: RdfSource) -> str:
    """Serialise every named graph as sorted N-Quads (provenance kept)."""
    return _sorted_lines(_written(_sorted(source).quads, ox.RdfFormat.N_QUADS))


def to_trig(source: RdfSource) -> str:
    """Serialise every named graph as TriG, graphs in IRI order (provenance kept).

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> "graph:background {" in to_trig(load_data_dir("data"))
        True
    """
    return _with_header(_written(_sorted(source).quads, ox.RdfFormat.TRIG))


def to_jsonld(source: RdfSource) -> str:
    """Serialise every named graph as compact JSON-LD with an inline context (provenance kept).

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> '"@id": "graph:background"' in to_jsonld(load_data_dir("data"))
        True
    """
    expanded = json.loads(_written(_sorted(source).quads, ox.RdfFormat.JSON_LD))
    document = {"@context": JSONLD_CONTEXT, "@graph": [_compacted(g) for g in expanded]}
    # Arrays keep the quads' canonical order; keys are sorted.
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


#: Prefixes longest namespace first, so an IRI takes the most specific one.
_BY_LENGTH = sorted(JSONLD_CONTEXT.items(), key=lambda item: -len(item[1]))


@functools.lru_cache(maxsize=1 << 16)
def _curie(iri: str) -> str:
    """``iri`` as ``prefix:local`` under the longest namespace it starts with, else itself
    (so too where the local part holds a ``/`` or ``#``: it reads as a path, not a name)."""
    for prefix, namespace in _BY_LENGTH:
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and not set(local) & {"/", "#"}:
            return f"{prefix}:{local}"
    return iri


def _compacted(node: Any) -> Any:
    """One object of Oxigraph's expanded JSON-LD, compacted against :data:`JSONLD_CONTEXT`
    as the JSON-LD compaction algorithm does with a context of prefixes only: IRIs as
    compact IRIs, ``rdf:type`` as ``@type``, plain strings, whole numbers and booleans as
    JSON values, and a single value out of its array."""
    if isinstance(node, list):
        items = [_compacted(item) for item in node]
        return items[0] if len(items) == 1 else items
    if not isinstance(node, dict):
        return node
    if "@value" in node:
        return _value(node)
    compact: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@id":
            compact["@id"] = _curie(value)
        elif key == "@graph":
            compact["@graph"] = [_compacted(item) for item in value]
        elif key == _TYPE and all(set(v) == {"@id"} for v in value):
            types = [_curie(v["@id"]) for v in value]
            compact["@type"] = types[0] if len(types) == 1 else types
        else:
            compact[_curie(key)] = _compacted(value)
    return compact


def _value(node: dict[str, str]) -> Any:
    value, datatype = node["@value"], node.get("@type")
    if "@language" in node:
        return {"@language": node["@language"], "@value": value}
    if datatype is None or datatype == str(XSD.string):
        return value
    if datatype == str(XSD.integer) and value.lstrip("-").isdigit():
        return int(value)
    if datatype == str(XSD.boolean) and value in ("true", "false"):
        return value == "true"
    return {"@type": _curie(datatype), "@value": value}


#: File suffix -> serialiser.
FORMATS = {
    ".ttl": to_turtle,
    ".nt": to_ntriples,
    ".nq": to_nquads,
    ".trig": to_trig,
    ".jsonld": to_jsonld,
}


def write_rdf(source: RdfSource, destination: Path | str) -> Path:
    """Write ``source`` to ``destination`` in the format its suffix names (see :data:`FORMATS`).

    Raises:
        ExportError: if the suffix names no known format, or the file cannot be written.
    """
    path = Path(destination)
    serialise = FORMATS.get(path.suffix)
    if serialise is None:
        known = ", ".join(sorted(FORMATS))
        raise ExportError(f"{path}: unknown RDF format {path.suffix!r}; expected one of {known}")
    return write_atomic(path, serialise(source))
