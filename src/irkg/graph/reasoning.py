"""OWL 2 RL reasoning into a named graph of its own, apart from asserted facts."""

from __future__ import annotations

import owlrl
from rdflib import Dataset, Graph, URIRef

from irkg.iris import INFERRED_GRAPH, PROVENANCE_GRAPH, is_entity_iri
from irkg.ontology import load_ontology
from irkg.ontology.namespaces import OWL, RDF

__all__ = ["infer"]


def infer(dataset: Dataset) -> Graph:
    """Compute what OWL 2 RL entails from the asserted facts and the ontology.

    The closure runs on a scratch graph (asserted facts plus ontology); only new
    triples about irkg entities are kept, without trivia such as ``x owl:sameAs x``
    or ``x a owl:Thing``. The result replaces the dataset's inferred graph.

    Args:
        dataset: the knowledge graph's dataset; its inferred graph is rewritten.

    Returns:
        The inferred graph (a named graph of ``dataset``).

    Example:
        >>> from irkg.iris import entity_iri
        >>> from irkg.ontology import IRKG
        >>> ds = Dataset(default_union=True)
        >>> g = ds.graph(URIRef("urn:example:g"))
        >>> _ = g.add((entity_iri("bloc/eaeu"), IRKG.hasMember, entity_iri("country/armenia")))
        >>> inferred = infer(ds)
        >>> (entity_iri("country/armenia"), IRKG.memberOf, entity_iri("bloc/eaeu")) in inferred
        True
    """
    asserted = {
        triple
        for graph in dataset.graphs()
        if graph.identifier not in (INFERRED_GRAPH, PROVENANCE_GRAPH)
        for triple in graph
    }
    scratch = Graph()
    for triple in asserted:
        scratch.add(triple)
    scratch += load_ontology().graph
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(scratch)
    dataset.remove_graph(INFERRED_GRAPH)
    inferred = dataset.graph(INFERRED_GRAPH)
    for s, p, o in scratch:
        if not is_entity_iri(s) or (s, p, o) in asserted:
            continue
        if (p == OWL.sameAs and s == o) or (p == RDF.type and o == OWL.Thing):
            continue
        if isinstance(o, URIRef) or p != RDF.type:
            inferred.add((s, p, o))
    return inferred
