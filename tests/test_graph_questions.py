"""Real questions of the design, asked in SPARQL of the built graph."""

from __future__ import annotations

from decimal import Decimal

import pytest

from irkg.errors import QueryError
from irkg.graph import KnowledgeGraph


def _labels(kg: KnowledgeGraph, sparql: str) -> list[str]:
    return sorted(str(row[0]) for row in kg.query(sparql))


def test_question_who_are_the_eaeu_members(kg: KnowledgeGraph) -> None:
    members = _labels(
        kg, "SELECT ?name WHERE { bloc:eaeu irkg:hasMember ?m . ?m rdfs:label ?name }"
    )
    assert members == ["Armenia", "Belarus", "Kazakhstan", "Kyrgyz Republic", "Russia"]


def test_question_which_blocs_are_india_and_russia_both_in(kg: KnowledgeGraph) -> None:
    blocs = _labels(
        kg,
        """SELECT DISTINCT ?name WHERE {
             country:india irkg:memberOf ?b . country:russia irkg:memberOf ?b .
             ?b a irkg:Bloc ; rdfs:label ?name }""",
    )
    assert blocs == ["BRICS", "G20", "Shanghai Cooperation Organisation"]
    bodies = _labels(
        kg,
        """SELECT DISTINCT ?name WHERE {
             country:india irkg:memberOf ?b . country:russia irkg:memberOf ?b .
             ?b a irkg:MultilateralOrganization ; rdfs:label ?name }""",
    )
    assert bodies == [*blocs, "United Nations"]  # a bloc is a multilateral body; the UN no bloc


def test_question_fy25_trade_keeps_both_sources(kg: KnowledgeGraph) -> None:
    rows = kg.query(
        """SELECT ?value ?doc ?para WHERE {
             GRAPH ?g { ?obs a irkg:TradeObservation ; irkg:flow flow:total ;
                             irkg:period period:fy2024-25 ; irkg:value ?value }
             ?g prov:wasDerivedFrom ?doc ; irkg:paragraph ?para }
           ORDER BY ?value"""
    )
    found = [(Decimal(str(r[0])), str(r[1]).rsplit("/", 1)[-1], int(r[2])) for r in rows]
    assert found == [
        (Decimal("68"), "moscow-diplomats-meeting", 2),
        (Decimal("68.7"), "india-russia-business-summit", 6),
    ]


def test_question_what_did_oreshkin_say_and_where(kg: KnowledgeGraph) -> None:
    rows = kg.query(
        """SELECT ?summary ?event ?para WHERE {
             GRAPH ?g { ?s irkg:speaker person:maxim-oreshkin ; irkg:summary ?summary ;
                           irkg:statedAt ?event }
             ?g irkg:paragraph ?para } ORDER BY ?para"""
    )
    paragraphs = [int(r[2]) for r in rows]
    assert paragraphs == [11, 12, 13]
    # Oreshkin spoke at the FICCI forum meeting, which the article keeps apart from the summit.
    assert {str(r[1]).rsplit("/", 1)[-1] for r in rows} == {"russia-business-forum-meeting"}


def test_question_which_corridors_connect_the_two_countries(kg: KnowledgeGraph) -> None:
    routes = _labels(
        kg,
        """SELECT ?name WHERE { ?r a irkg:Route ; irkg:connects country:india, country:russia ;
                                   rdfs:label ?name }""",
    )
    assert routes == [
        "Chennai-Vladivostok Maritime Corridor",
        "International North-South Transport Corridor",
    ]
    via = _labels(kg, "SELECT ?n WHERE { route:instc irkg:passesThrough ?p . ?p rdfs:label ?n }")
    assert "Bandar Abbas" in via and "Iran" in via


def test_question_every_article_fact_is_traceable_to_a_paragraph(kg: KnowledgeGraph) -> None:
    rows = kg.query(
        """SELECT ?g (COUNT(*) AS ?n) WHERE {
             GRAPH ?g { ?s ?p ?o }
             FILTER (?g NOT IN (graph:provenance, graph:inferred, graph:background))
             FILTER NOT EXISTS { ?g prov:wasDerivedFrom ?doc }
           } GROUP BY ?g"""
    )
    assert list(rows) == []


def test_question_malformed_sparql_is_a_query_error(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="line 1"):
        kg.query("SELECT ?x WHERE { ?x ")


def test_question_service_is_refused(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        kg.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
