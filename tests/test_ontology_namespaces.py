from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from irkg.ontology import IRKG, ONTOLOGY_PATH, load_ontology
from irkg.ontology.namespaces import OWL, RDF, RDFS


def _ontology_terms() -> set[str]:
    graph = Graph().parse(ONTOLOGY_PATH)
    prefix = str(IRKG)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        str(s)[len(prefix) :]
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(prefix)
    }


def test_namespace_matches_ontology_both_ways() -> None:
    declared = set(IRKG.__annotations__)
    assert declared == _ontology_terms()


def test_namespace_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = IRKG.membrOf


def test_ontology_every_term_has_label_and_comment() -> None:
    graph = load_ontology().graph
    missing = [
        name
        for name in sorted(_ontology_terms())
        if graph.value(IRKG[name], RDFS.label) is None
        or graph.value(IRKG[name], RDFS.comment) is None
    ]
    assert missing == []


def test_ontology_aligns_with_shared_vocabularies() -> None:
    onto = load_ontology()
    graph = onto.graph
    assert (IRKG.Person, RDFS.subClassOf, URIRef("https://schema.org/Person")) in graph
    assert (IRKG.memberOf, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#memberOf")) in graph
    assert (
        IRKG.Concept,
        RDFS.subClassOf,
        URIRef("http://www.w3.org/2004/02/skos/core#Concept"),
    ) in graph
    assert (IRKG.memberOf, OWL.inverseOf, IRKG.hasMember) in graph
    assert (IRKG.strategicPartnerOf, RDF.type, OWL.SymmetricProperty) in graph
    assert (IRKG.locatedIn, RDF.type, OWL.TransitiveProperty) in graph


def test_ontology_every_kind_of_the_design_exists() -> None:
    classes = load_ontology().classes
    design = [
        "Country", "City", "Region", "Person", "Post", "GovernmentBody", "Bloc", "IndustryBody",
        "ThinkTank", "MediaOutlet", "BilateralMeeting", "Summit", "BusinessForum", "StateVisit",
        "TradeAgreement", "TermsOfReference", "Mechanism", "Route", "Film", "Sector", "Commodity",
        "Topic", "PolicyMeasure", "TradeObservation", "Target", "Statement", "SourceDocument",
    ]  # fmt: skip
    assert [name for name in design if name not in classes] == []
