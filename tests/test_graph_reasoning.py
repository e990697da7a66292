from __future__ import annotations

from pathlib import Path

import pytest
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


def test_reasoning_packaged_schema_is_the_ontology_closed_afresh() -> None:
    """The closed schema shipped with irkg is owlrl's closure of today's ontology: after
    an edit to irkg.ttl, `python -m irkg.graph.rules` writes it again."""
    from irkg.graph.rules import SCHEMA_PATH, schema_json

    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_json(), (
        "the ontology changed: run `python -m irkg.graph.rules`"
    )


def test_reasoning_schema_of_another_ontology_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A packaged schema made from another ontology (its digest differs) is closed
    afresh, never trusted."""
    import json

    from irkg.graph import rules

    kept = json.loads(rules.SCHEMA_PATH.read_text(encoding="utf-8"))
    kept["ontology"] = "0" * 64
    kept["forward"] = []
    stale = tmp_path / "schema.json"
    stale.write_text(json.dumps(kept), encoding="utf-8")
    monkeypatch.setattr(rules, "SCHEMA_PATH", stale)
    rules._schema.cache_clear()
    try:
        assert rules._schema() == rules._closed_schema()
        assert rules._schema().forward
    finally:
        rules._schema.cache_clear()
