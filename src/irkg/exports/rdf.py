"""RDF serialisations of the knowledge graph, byte-for-byte deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from irkg.errors import ExportError
from irkg.exports.files import write_atomic
from irkg.graph.sparql import PREFIXES, to_memory_dataset

__all__ = [
    "FORMATS",
    "JSONLD_CONTEXT",
    "to_jsonld",
    "to_nquads",
    "to_ntriples",
    "to_trig",
    "to_turtle",
    "write_rdf",
]

#: The compact JSON-LD context: prefixes only, inline, never fetched from anywhere.
JSONLD_CONTEXT: dict[str, str] = dict(sorted(PREFIXES.items()))


def _bound(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def _union(dataset: Dataset) -> Graph:
    union = _bound(Graph())
    for graph in to_memory_dataset(dataset).graphs():
        union += graph
    return union


def _sorted_dataset(dataset: Dataset) -> Dataset:
    """A copy whose graphs are added in IRI order, so serialisers meet them in that order."""
    copy = Dataset()
    for graph in sorted(to_memory_dataset(dataset).graphs(), key=lambda g: str(g.identifier)):
        if not len(graph):
            continue
        target = copy.graph(graph.identifier)
        for triple in sorted(graph):
            target.add(triple)
    return copy


def _sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def to_turtle(dataset: Dataset) -> str:
    """Serialise the union of all graphs as Turtle.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> "bloc:eaeu" in to_turtle(load_data_dir("data"))
        True
    """
    return _union(dataset).serialize(format="turtle")


def to_ntriples(dataset: Dataset) -> str:
    """Serialise the union of all graphs as sorted N-Triples."""
    return _sorted_lines(_union(dataset).serialize(format="nt"))


def to_nquads(dataset: Dataset) -> str:
    """Serialise every named graph as sorted N-Quads (provenance kept)."""
    return _sorted_lines(_sorted_dataset(dataset).serialize(format="nquads"))


def to_trig(dataset: Dataset) -> str:
    """Serialise every named graph as TriG, graphs in IRI order (provenance kept).

    rdflib's TriG writer meets graphs in store order, which changes between runs,
    so each graph is written as a Turtle block of its own.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> "graph:background {" in to_trig(load_data_dir("data"))
        True
    """
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    blocks = [header]
    for graph in sorted(to_memory_dataset(dataset).graphs(), key=lambda g: str(g.identifier)):
        if not len(graph):
            continue
        block = _bound(Graph())
        block += graph
        body = block.serialize(format="turtle")
        body = "\n".join(line for line in body.splitlines() if not line.startswith("@prefix"))
        name = block.namespace_manager.normalizeUri(graph.identifier)
        blocks.append(f"{name} {{\n{body.strip()}\n}}\n")
    return "\n".join(blocks)


def to_jsonld(dataset: Dataset) -> str:
    """Serialise every named graph as compact JSON-LD with an inline context (provenance kept).

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> '"@id": "graph:background"' in to_jsonld(load_data_dir("data"))
        True
    """
    text = _sorted_dataset(dataset).serialize(
        format="json-ld", context=JSONLD_CONTEXT, auto_compact=True
    )
    document = json.loads(text)
    return json.dumps(_canonical(document), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _canonical(value: Any) -> Any:
    """Sort every JSON array, so the order rdflib met triples in does not matter."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


#: File suffix -> serialiser.
FORMATS = {
    ".ttl": to_turtle,
    ".nt": to_ntriples,
    ".nq": to_nquads,
    ".trig": to_trig,
    ".jsonld": to_jsonld,
}


def write_rdf(dataset: Dataset, destination: Path | str) -> Path:
    """Write ``dataset`` to ``destination`` in the format its suffix names (see :data:`FORMATS`).

    Raises:
        ExportError: if the suffix names no known format, or the file cannot be written.
    """
    path = Path(destination)
    serialise = FORMATS.get(path.suffix)
    if serialise is None:
        known = ", ".join(sorted(FORMATS))
        raise ExportError(f"{path}: unknown RDF format {path.suffix!r}; expected one of {known}")
    return write_atomic(path, serialise(dataset))
