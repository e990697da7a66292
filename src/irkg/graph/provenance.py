"""Where facts come from: named graphs, their documents and paragraphs."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from irkg.iris import INFERRED_GRAPH, PROVENANCE_GRAPH, id_of, is_entity_iri
from irkg.ontology import IRKG
from irkg.ontology.namespaces import PROV

__all__ = ["Source", "graph_source", "source_labels", "sources_of_triple"]


@dataclass(frozen=True)
class Source:
    """A document and, for article facts, the paragraph that states them."""

    document: str
    paragraph: int | None = None

    @property
    def sort_key(self) -> tuple[str, int]:
        """Document, then paragraph as a number (the document's own facts first)."""
        return (self.document, self.paragraph or 0)

    def __str__(self) -> str:
        slug = self.document.removeprefix("doc/")
        return slug if self.paragraph is None else f"{slug} ¶{self.paragraph}"


def graph_source(dataset: Dataset, graph: Node) -> Source | None:
    """Return the source of a named graph, from the provenance graph.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> from irkg.iris import paragraph_graph
        >>> ds = load_data_dir("data")
        >>> str(graph_source(ds, paragraph_graph("doc/moscow-diplomats-meeting", 3)))
        'moscow-diplomats-meeting ¶3'
    """
    meta = dataset.graph(PROVENANCE_GRAPH)
    doc = meta.value(graph, PROV.wasDerivedFrom)
    if not is_entity_iri(doc):
        return None
    paragraph = meta.value(graph, IRKG.paragraph)
    number = int(paragraph.toPython()) if isinstance(paragraph, Literal) else None
    return Source(id_of(doc), number)  # type: ignore[arg-type]


def _fact_graphs(
    dataset: Dataset, triple: tuple[Node | None, Node | None, Node | None]
) -> set[Node]:
    skip = (PROVENANCE_GRAPH, INFERRED_GRAPH)
    return {g for _, _, _, g in dataset.quads(triple) if g is not None and g not in skip}


def sources_of_triple(
    dataset: Dataset, triple: tuple[Node | None, Node | None, Node | None]
) -> list[Source]:
    """Return every source that states facts matching ``triple`` (None is a wildcard)."""
    sources = {graph_source(dataset, g) for g in _fact_graphs(dataset, triple)}
    return sorted((s for s in sources if s is not None), key=lambda s: s.sort_key)


def source_labels(dataset: Dataset, subject: Node) -> list[str]:
    """Return readable sources of every fact about ``subject``, such as ``'doc ¶2'``."""
    if not isinstance(subject, URIRef):
        return []
    return [str(s) for s in sources_of_triple(dataset, (subject, None, None))]
