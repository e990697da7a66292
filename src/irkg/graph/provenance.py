"""Where facts come from: named graphs, their documents and paragraphs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from irkg.iris import INFERRED_GRAPH, PROVENANCE_GRAPH, id_of, is_entity_iri
from irkg.ontology import IRKG
from irkg.ontology.namespaces import DCTERMS, PROV, RDFS

__all__ = [
    "Source",
    "describe_documents",
    "graph_source",
    "graph_sources",
    "source_labels",
    "sources_of_triple",
]


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


def graph_sources(
    dataset: Dataset, graphs: Iterable[Node] | None = None, within: URIRef = PROVENANCE_GRAPH
) -> dict[Node, Source]:
    """The source of every named graph, or of ``graphs``: read in one query (a few, for
    many graphs named), whatever the store. ``within`` is the graph that says (a load in
    progress may stage it under another name).

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> from irkg.iris import paragraph_graph
        >>> p3 = paragraph_graph("doc/moscow-diplomats-meeting", 3)
        >>> str(graph_sources(load_data_dir("data"))[p3])
        'moscow-diplomats-meeting ¶3'
        >>> list(graph_sources(load_data_dir("data"), [p3]).values())
        [Source(document='doc/moscow-diplomats-meeting', paragraph=3)]
    """
    from irkg.graph.sparql import run_query

    if graphs is None:
        batches = [""]
    else:
        named = sorted({str(g) for g in graphs if isinstance(g, URIRef)})
        batches = [
            "VALUES ?g { " + " ".join(f"<{g}>" for g in named[i : i + 1000]) + " }"
            for i in range(0, len(named), 1000)
        ]
    found: dict[Node, Source] = {}
    for values in batches:
        query = _SOURCES.replace("#VALUES", values).replace("#WITHIN", within.n3())
        for row in run_query(dataset, query, own=True):
            graph, doc, paragraph = row  # type: ignore[misc]
            if isinstance(doc, URIRef) and is_entity_iri(doc):
                number = int(paragraph.toPython()) if isinstance(paragraph, Literal) else None
                found[graph] = Source(id_of(doc), number)
    return found


_SOURCES = """SELECT ?g ?doc ?n WHERE { GRAPH #WITHIN { #VALUES
  ?g prov:wasDerivedFrom ?doc OPTIONAL { ?g irkg:paragraph ?n } } }"""


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


def describe_documents(dataset: Dataset) -> dict[str, dict[str, object]]:
    """Return what a reader needs to know of each source document, by slug.

    Each entry has the document's ``title``, and where recorded its ``description``,
    ``dateline`` (a place's label), ``date_note`` and ``paragraphs``: the summary of each
    numbered paragraph, keyed by its number as text.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> docs = describe_documents(load_data_dir("data"))
        >>> docs["india-russia-business-summit"]["dateline"], "1" in docs["background"]["paragraphs"]
        ('New Delhi', False)
    """
    from irkg.graph.sparql import select_rows

    prov = f"<{PROVENANCE_GRAPH}>"
    # Two queries, not a copy of the provenance graph (a triple per paragraph and mention).
    derived = select_rows(
        dataset,
        f"SELECT ?g ?doc ?number ?summary WHERE {{ GRAPH {prov} {{ ?g prov:wasDerivedFrom ?doc "
        "OPTIONAL { ?g irkg:paragraph ?number } OPTIONAL { ?g irkg:summary ?summary } } }",
    )
    about: dict[Node, dict[Node, Node]] = {}
    for doc, term, value in sorted(  # the first value of each, in a set order
        select_rows(
            dataset,
            f"SELECT DISTINCT ?doc ?p ?o WHERE {{ GRAPH {prov} {{ ?x prov:wasDerivedFrom ?doc . "
            "?doc ?p ?o VALUES ?p { rdfs:label dcterms:description irkg:dateNote irkg:dateline } } }",
        ),
        key=lambda row: tuple(str(t) for t in row),
        reverse=True,
    ):
        about.setdefault(doc, {})[term] = value  # type: ignore[arg-type,index,assignment]
    documents: dict[str, dict[str, object]] = {}

    def label(node: Node) -> str:
        found = about.get(node, {}).get(RDFS.label) or next(dataset.objects(node, RDFS.label), None)
        return str(found) if found is not None else str(node).rsplit("/", 1)[-1]

    for doc in sorted({d for _, d, _, _ in derived if isinstance(d, URIRef) and is_entity_iri(d)}):
        entry: dict[str, object] = {"title": label(doc), "paragraphs": {}}
        known = about.get(doc, {})
        for key, term in (("description", DCTERMS.description), ("date_note", IRKG.dateNote)):
            if term in known:
                entry[key] = str(known[term])
        if IRKG.dateline in known:
            entry["dateline"] = label(known[IRKG.dateline])
        documents[id_of(doc).removeprefix("doc/")] = entry
    for _, source, number, summary in derived:
        slug = id_of(source).removeprefix("doc/") if isinstance(source, URIRef) else None
        if slug in documents and number is not None and summary is not None:
            paragraphs = documents[slug]["paragraphs"]
            assert isinstance(paragraphs, dict)
            paragraphs[str(number)] = str(summary)
    for entry in documents.values():
        paragraphs = entry["paragraphs"]
        assert isinstance(paragraphs, dict)
        entry["paragraphs"] = dict(sorted(paragraphs.items(), key=lambda item: int(item[0])))
    return documents
