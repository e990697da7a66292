from __future__ import annotations

from rdflib import URIRef

from irkg.graph import KnowledgeGraph
from irkg.iris import INFERRED_GRAPH, entity_iri
from irkg.ontology import IRKG
from irkg.ontology.namespaces import OWL, RDF

SCHEMA_PERSON = URIRef("https://schema.org/Person")
ORG_MEMBER_OF = URIRef("http://www.w3.org/ns/org#memberOf")


def test_reasoning_writes_inverses_into_the_inferred_graph(kg: KnowledgeGraph) -> None:
    inferred = kg.dataset.graph(INFERRED_GRAPH)
    triple = (entity_iri("country/armenia"), IRKG.memberOf, entity_iri("bloc/eaeu"))
    assert triple in inferred
    asserted = [g for _, _, _, g in kg.dataset.quads(triple) if g != INFERRED_GRAPH]
    assert asserted == []


def test_reasoning_symmetric_transitive_and_superclasses(kg: KnowledgeGraph) -> None:
    inferred = kg.dataset.graph(INFERRED_GRAPH)
    russia, india = entity_iri("country/russia"), entity_iri("country/india")
    assert (russia, IRKG.strategicPartnerOf, india) in inferred
    assert (entity_iri("city/chennai"), IRKG.locatedIn, india) in kg.dataset
    assert (entity_iri("person/piyush-goyal"), RDF.type, SCHEMA_PERSON) in inferred
    assert (india, ORG_MEMBER_OF, entity_iri("bloc/brics")) in inferred


def test_reasoning_leaves_out_trivia(kg: KnowledgeGraph) -> None:
    inferred = kg.dataset.graph(INFERRED_GRAPH)
    assert not any(s == o for s, _, o in inferred.triples((None, OWL.sameAs, None)))
    assert (None, RDF.type, OWL.Thing) not in inferred


def test_reasoning_off_leaves_no_inferred_graph(asserted_kg: KnowledgeGraph) -> None:
    assert len(asserted_kg.dataset.graph(INFERRED_GRAPH)) == 0
    assert asserted_kg.stats().inferred == 0
