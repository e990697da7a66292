"""The claims ledger: claims as RDF in their paragraph's graph, and the coverage check."""

from __future__ import annotations

import pytest
from rdflib import Literal

from conftest import EXAMPLES
from irkg.errors import QueryError
from irkg.graph import KnowledgeGraph, check_ledger
from irkg.iris import claim_iri, entity_iri, paragraph_graph, statement_iri
from irkg.loaders import load_yaml_files
from irkg.ontology import IRKG
from irkg.ontology.namespaces import RDF


def test_ledger_claims_are_nodes_in_their_paragraph_graph_citing_reified_facts() -> None:
    ds = load_yaml_files([EXAMPLES / "valid" / "minimal.yaml"])
    graph = ds.graph(paragraph_graph("doc/example", 1))
    first, second = claim_iri("doc/example", 1, 1), claim_iri("doc/example", 1, 2)
    triple = (entity_iri("country/utopia"), IRKG.memberOf, entity_iri("bloc/union"))
    fact = statement_iri("doc/example", 1, triple)
    assert (first, RDF.type, IRKG.Claim) in graph
    assert (first, IRKG.text, Literal("Utopia is a member of the Example Union.")) in graph
    assert (first, IRKG.carriedBy, fact) in graph
    assert (fact, RDF.type, RDF.Statement) in graph
    assert (fact, RDF.subject, triple[0]) in graph and (fact, RDF.object, triple[2]) in graph
    assert (second, IRKG.unmodelledBecause, None) in graph
    assert (second, IRKG.carriedBy, None) not in graph


def test_ledger_of_a_complete_example_counts_its_claims() -> None:
    report = check_ledger(load_yaml_files([EXAMPLES / "valid" / "minimal.yaml"]))
    assert report.complete
    assert (report.paragraphs, report.claims, report.modelled, report.unmodelled) == (1, 2, 1, 1)
    assert (report.facts, report.carried) == (1, 1)
    assert (
        str(report) == "2 claims in 1 paragraphs (1 modelled, 1 unmodelled); 1 of 1 facts carried"
    )


def test_ledger_names_uncarried_facts_and_paragraphs_without_claims() -> None:
    report = check_ledger(load_yaml_files([EXAMPLES / "ledger_gaps.yaml"]))
    assert not report.complete
    assert report.without_claims == ["example ¶2"]
    assert "example ¶1: [country/utopia, advocates, topic/peace]" in report.uncarried
    assert "example ¶1: [topic/peace, label, 'peace']" in report.uncarried
    assert "example ¶2: [bloc/union, hasMember, country/utopia]" in report.uncarried
    assert report.carried == 1
    assert "example ¶2: no claims" in report.problems()


def test_ledger_helper_reads_a_paragraph_claim_by_claim(asserted_kg: KnowledgeGraph) -> None:
    claims = asserted_kg.claims("moscow-diplomats-meeting", 6)
    assert [c.number for c in claims] == [1, 2, 3]
    assert claims[2].carried_by == ("initiative/multilateral-cooperation",)
    assert claims[1].carried_by == (
        "country/india advocates topic/multipolar-world-order",
        "country/russia advocates topic/multipolar-world-order",
    )
    with pytest.raises(QueryError, match="no claims in paragraph 40"):
        asserted_kg.claims("doc/moscow-diplomats-meeting", 40)


def test_ledger_unmodelled_claims_give_their_reason(asserted_kg: KnowledgeGraph) -> None:
    (heading,) = asserted_kg.claims("india-russia-business-summit", 5)
    assert heading.carried_by == () and "sub-heading" in heading.unmodelled
