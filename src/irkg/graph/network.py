"""The knowledge graph as a networkx graph: entities as nodes, relations as edges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import networkx as nx
from rdflib import Dataset, Literal, URIRef

from irkg.graph.foreign import (
    DESCRIPTION_PROPERTIES,
    NAME_PROPERTIES,
    ForeignTerms,
    is_vocabulary_iri,
    key_of,
    local_name,
    vocabulary_terms,
)
from irkg.graph.provenance import Source, describe_documents, graph_sources
from irkg.graph.sentences import describe
from irkg.graph.sparql import all_quads
from irkg.iris import (
    INFERRED_GRAPH,
    PROVENANCE_GRAPH,
    id_of,
    is_entity_iri,
    is_ledger_iri,
    is_mention_iri,
)
from irkg.ontology import IRKG, Ontology, load_ontology
from irkg.ontology.namespaces import DCTERMS, RDF, RDFS, SKOS

__all__ = ["CODE_KINDS", "narrow", "to_networkx"]

#: Kinds that describe other nodes rather than stand for themselves: they become
#: attributes of the records that use them, not nodes (so that every trade figure
#: is not linked to every other through "billion US dollars").
CODE_KINDS = frozenset({"Unit", "Measure", "Flow", "SourceDocument", "NewsArticle"})

#: Literals that name or describe an entity, kept as its name, aliases and description.
_NAMING = frozenset((*NAME_PROPERTIES, *DESCRIPTION_PROPERTIES))

_RECORD_VALUES = ("measure", "flow", "unit", "value", "comparator", "qualifier", "statedMultiple")


def to_networkx(dataset: Dataset) -> nx.MultiDiGraph:
    """Convert the asserted facts of ``dataset`` to a networkx ``MultiDiGraph``.

    Nodes are keyed by curated id (``country/india``) and carry ``label``,
    ``kind`` (the most specific irkg class), ``kind_label``, ``aliases``,
    ``sources``, ``mentioned_in`` (the paragraphs of ingested articles that name it, if
    any) and, for records, their value, unit and codes as readable text
    and the whole record as a ``sentence`` (see :mod:`irkg.graph.sentences`).
    Each edge is one relation, keyed by the property's local name, with its
    ``predicate`` IRI, readable ``label`` and the ``sources`` that state it.
    Nodes and edges that a claim of the claims ledger cites carry ``claims``:
    each claim's source and text (``moscow-diplomats-meeting ¶2: ...``).
    Nodes and edges are added in sorted order, so the result is deterministic.
    ``graph.graph["documents"]`` describes each source document (see
    :func:`irkg.graph.provenance.describe_documents`).

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> g = to_networkx(load_data_dir("data"))
        >>> g.nodes["bloc/eaeu"]["label"], g.has_edge("bloc/eaeu", "country/armenia", "hasMember")
        ('Eurasian Economic Union', True)
    """
    ontology = load_ontology()
    entity_classes = ontology.entity_classes()
    by_iri = {iri: name for name, iri in entity_classes.items()}
    facts: dict[tuple[URIRef, URIRef, Any], set[Source]] = defaultdict(set)
    ledger: dict[URIRef, dict[URIRef, list[Any]]] = defaultdict(lambda: defaultdict(list))
    mentioned: dict[URIRef, set[Source]] = defaultdict(set)
    sources_of_graph = graph_sources(dataset)
    for s, p, o, g in all_quads(dataset):
        if g in (INFERRED_GRAPH, PROVENANCE_GRAPH):
            continue
        source = sources_of_graph.get(g)
        if is_ledger_iri(s):
            ledger[s][p].append(o)  # type: ignore[index]
            if p == IRKG.text and source is not None:
                ledger[s][IRKG.paragraph].append(source)  # type: ignore[index]
        elif is_mention_iri(s):
            if p == IRKG.mentionOf and source is not None:
                mentioned[o].add(source)  # type: ignore[index]
        elif isinstance(s, URIRef) and not is_vocabulary_iri(s):
            facts[(s, p, o)].update([source] if source else [])  # type: ignore[index]

    types: dict[URIRef, list[Any]] = defaultdict(list)
    for s, p, o in facts:
        if p == RDF.type:
            types[s].append(o)
    terms = ForeignTerms.of(facts)
    # irkg's own classes first; then any IRI with a type or a name (see irkg.graph.foreign).
    kinds: dict[URIRef, tuple[str, str, str | None]] = {}
    for s, found in types.items():
        known = [t for t in found if t in by_iri]
        if known:
            name = by_iri[ontology.most_specific(known)]
            kinds[s] = (name, ontology.label(entity_classes[name]), None)
    vocabulary = vocabulary_terms(facts)
    for s in {s for s in types} | set(terms.names):
        if s in kinds or is_entity_iri(s) or s in vocabulary or not isinstance(s, URIRef):
            continue
        cls = ForeignTerms.kind_of(types.get(s, []))
        kinds[s] = (
            (local_name(str(cls)), terms.term_label(cls), str(cls))
            if cls is not None
            else ("Entity", "entity", None)
        )
    graph = nx.MultiDiGraph()
    nodes = {s for s, kind in kinds.items() if kind[0] not in CODE_KINDS}
    labels = {s: str(o) for (s, p, o) in facts if p == RDFS.label and is_entity_iri(s)}

    attributes: dict[URIRef, dict[str, Any]] = {
        s: {
            "iri": str(s),
            "label": labels.get(s) or terms.names.get(s) or _fallback_name(s),
            "kind": kinds[s][0],
            "kind_label": kinds[s][1],
            "aliases": [],
            "sources": set(),
        }
        for s in nodes
    }
    for s in nodes:
        if kinds[s][2] is not None:
            attributes[s]["kind_iri"] = kinds[s][2]
        if s in mentioned:  # the ingested paragraphs that name it
            attributes[s]["mentioned_in"] = _source_list(mentioned[s])
    edges: dict[tuple[URIRef, str, URIRef], dict[str, Any]] = {}
    for (s, p, o), sources in facts.items():
        if s not in nodes:
            continue
        attrs = attributes[s]
        attrs["sources"].update(sources)
        local = str(p)[len(str(IRKG)) :] if str(p).startswith(str(IRKG)) else None
        if p == SKOS.altLabel or (p in NAME_PROPERTIES and str(o) != attrs["label"]):
            attrs["aliases"].append(str(o))
        elif p == DCTERMS.description:
            attrs["description"] = str(o)
        elif local in _RECORD_VALUES:
            attrs[local] = labels.get(o, str(o)) if isinstance(o, URIRef) else _plain(o)
        elif local is not None and isinstance(o, Literal):
            attrs.setdefault(local, _plain(o))
        elif o in nodes and p != RDF.type:
            key = (s, local or str(p), o)
            if local is not None and local in ontology.properties:
                relation = ontology.properties[local].label
            else:
                relation = local if local is not None else terms.term_label(p)
            edge = edges.setdefault(key, {"predicate": str(p), "label": relation, "sources": set()})
            edge["sources"].update(sources)
        elif local is None and isinstance(o, Literal) and p not in _NAMING:
            attrs.setdefault("values", set()).add((terms.term_label(p), str(o)))
    for s in nodes:
        attrs = attributes[s]
        if "description" not in attrs and s in terms.descriptions:
            attrs["description"] = terms.descriptions[s]
        if "values" in attrs:
            attrs["values"] = [list(pair) for pair in sorted(attrs["values"])]

    _attach_claims(ledger, attributes, edges)
    for s in sorted(nodes):
        attrs = attributes[s]
        attrs["aliases"] = sorted(set(attrs["aliases"]))
        attrs["sources"] = _source_list(attrs["sources"])
        graph.add_node(key_of(s), **attrs)
    for (s, local, o), attrs in sorted(edges.items()):
        attrs["sources"] = _source_list(attrs["sources"])
        graph.add_edge(key_of(s), key_of(o), key=local, **attrs)
    graph.graph["documents"] = describe_documents(dataset)
    _attach_when(graph, ontology)
    sentences = {node: describe(graph, node) for node in graph}
    for node, sentence in sentences.items():
        if sentence:
            graph.nodes[node]["sentence"] = sentence
    return graph


def _attach_when(graph: nx.MultiDiGraph, ontology: Ontology) -> None:
    """Give every dated node ``when``: the first and last day it is about, as ISO dates.

    A period has its own dates (``startDate``/``endDate``, or a ``namedYear``); a node
    linked to periods by a property whose range is a period (a figure's ``period``, a
    target's ``deadline``) spans them; a node still undated that compares observations (a
    change's ``fromObservation``/``toObservation``) spans theirs. Other nodes are undated.
    """

    def ranged(cls: URIRef) -> set[str]:
        return {
            name
            for name, prop in ontology.properties.items()
            if prop.is_object and prop.range is not None and ontology.is_subclass(prop.range, cls)
        }

    when: dict[str, tuple[str, str]] = {}
    for node, data in graph.nodes(data=True):
        if "startDate" in data and "endDate" in data:
            when[node] = (str(data["startDate"]), str(data["endDate"]))
        elif isinstance(data.get("namedYear"), int):
            when[node] = (f"{data['namedYear']:04d}-01-01", f"{data['namedYear']:04d}-12-31")
    for keys in (ranged(IRKG.Period), ranged(IRKG.Observation)):
        found: dict[str, tuple[str, str]] = {}
        for u, v, key in graph.edges(keys=True):
            if key in keys and u not in when and v in when:
                start, end = found.get(u, when[v])
                found[u] = (min(start, when[v][0]), max(end, when[v][1]))
        when |= found
    for node, span in when.items():
        graph.nodes[node]["when"] = list(span)


def _attach_claims(
    ledger: dict[URIRef, dict[URIRef, list[Any]]],
    attributes: dict[URIRef, dict[str, Any]],
    edges: dict[tuple[URIRef, str, URIRef], dict[str, Any]],
) -> None:
    """Give each record and relation the claims that cite it, in ledger order."""

    def order(claim: URIRef) -> tuple[str, int]:
        source = ledger[claim][IRKG.paragraph]
        number = ledger[claim][IRKG.claimNumber]
        key = source[0].sort_key if source else ("", 0)
        return (key[0], key[1] * 1000 + int(number[0]) if number else 0)

    claims = sorted((c for c, d in ledger.items() if d.get(RDF.type) == [IRKG.Claim]), key=order)
    for claim in claims:
        data = ledger[claim]
        where = data[IRKG.paragraph]
        line = f"{where[0]}: {data[IRKG.text][0]}" if where else str(data[IRKG.text][0])
        for carrier in data.get(IRKG.carriedBy, []):
            if carrier in attributes:
                attributes[carrier].setdefault("claims", []).append(line)
                continue
            triple = ledger.get(carrier, {})
            s, p, o = (
                triple.get(part, [None])[0] for part in (RDF.subject, RDF.predicate, RDF.object)
            )
            local = str(p)[len(str(IRKG)) :] if str(p).startswith(str(IRKG)) else None
            edge = edges.get((s, local, o)) if local else None
            if edge is not None:
                edge.setdefault("claims", []).append(line)


def _fallback_name(iri: URIRef) -> str:
    """A name for an entity with none: its id, or its IRI's last segment."""
    return id_of(iri) if is_entity_iri(iri) else local_name(str(iri))


def _source_list(sources: set[Source]) -> list[str]:
    return [str(s) for s in sorted(sources, key=lambda s: s.sort_key)]


def _plain(literal: Any) -> Any:
    value = literal.toPython() if isinstance(literal, Literal) else literal
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def narrow(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    kinds: Sequence[str] = (),
    source: str | None = None,
) -> nx.MultiDiGraph:
    """A copy of ``graph`` cut down to what a reader asked to see.

    Args:
        graph: a network from :func:`to_networkx`.
        focus: keep only this node's neighbourhood, ``depth`` relations deep.
        depth: how far the neighbourhood reaches.
        kinds: keep only nodes of these kinds (class names such as ``Person``,
            case-insensitive); the focus node is always kept.
        source: keep only relations stated by this document (``doc/...`` or its
            slug), and the nodes they join.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> g = to_networkx(load_data_dir("data"))
        >>> sorted(narrow(g, focus="bloc/eaeu", kinds=["Country"]))[:2]
        ['bloc/eaeu', 'country/armenia']
    """
    keep = set(graph)
    if focus is not None:
        keep = set(nx.ego_graph(graph.to_undirected(as_view=True), focus, radius=depth))
    if kinds:
        wanted = {k.casefold() for k in kinds}
        keep = {
            n
            for n in keep
            if n == focus or str(graph.nodes[n].get("kind", "")).casefold() in wanted
        }
    result = nx.MultiDiGraph(graph.subgraph(keep))
    if source is not None:
        slug = source.removeprefix("doc/")

        def stated(sources: list[str]) -> bool:
            return any(s == slug or s.startswith(f"{slug} ¶") for s in sources)

        result.remove_edges_from(
            [
                (u, v, k)
                for u, v, k, d in result.edges(keys=True, data=True)
                if not stated(d["sources"])
            ]
        )
        result.remove_nodes_from([n for n in list(result) if n != focus and result.degree(n) == 0])
    return result
