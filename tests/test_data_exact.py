"""The curated facts state what each article says, no more and no less.

Each test asks the built graph one question a fact-check of the two articles
raised: a word the article hedges, a list it gives as examples, a name or a
direction it does not give. The text an article is credited with is every
literal of the graphs derived from it (its document graph, its paragraphs'
graphs, their summaries) and of its document record.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal

from irkg.graph import KnowledgeGraph
from irkg.iris import BACKGROUND_GRAPH, PROVENANCE_GRAPH, entity_iri, paragraph_graph

MOSCOW = "doc/moscow-diplomats-meeting"
SUMMIT = "doc/india-russia-business-summit"


def _texts(kg: KnowledgeGraph, doc: str, paragraph: int | None = None) -> list[str]:
    """The literals credited to ``doc`` (or to one of its paragraphs)."""
    graphs = (
        f"VALUES ?g {{ {paragraph_graph(doc, paragraph).n3()} }}"
        if paragraph is not None
        else f"?g prov:wasDerivedFrom {entity_iri(doc).n3()} ."
    )
    rows = kg.query(
        f"""SELECT DISTINCT ?text WHERE {{
          {graphs}
          {{ GRAPH ?g {{ ?s ?p ?text }} }}
          UNION {{ GRAPH {PROVENANCE_GRAPH.n3()} {{ ?g irkg:summary ?text }} }}
          UNION {{ GRAPH {PROVENANCE_GRAPH.n3()} {{ ?g prov:wasDerivedFrom ?doc .
                                                   ?doc ?p ?text }} }}
          FILTER (isLiteral(?text))
        }}"""
    )
    return sorted(str(text) for (text,) in rows)  # type: ignore[misc]


def _containing(texts: list[str], *words: str) -> list[str]:
    return [t for t in texts if any(w.casefold() in t.casefold() for w in words)]


def test_data_moscow_meeting_is_of_top_diplomats_not_foreign_ministers(
    kg: KnowledgeGraph,
) -> None:
    # The article names India's External Affairs Minister and no one on Russia's side.
    assert _containing(_texts(kg, MOSCOW), "foreign minister") == []
    assert _containing(_texts(kg, MOSCOW, 1), "top diplomats") != []


def test_data_moscow_paragraph_1_states_its_backdrop(kg: KnowledgeGraph) -> None:
    graph = paragraph_graph(MOSCOW, 1).n3()
    assert kg.query(
        f"""ASK {{ GRAPH {graph} {{
          topic:geopolitical-complexities irkg:trend "growing" ;
                                          irkg:concerns country:india, country:united-states .
          topic:india-russia-trade irkg:trend "increasing" ;
                                   irkg:concerns country:india, country:russia .
          ?a irkg:carriedBy topic:geopolitical-complexities .
          ?b irkg:carriedBy topic:india-russia-trade .
        }} }}"""
    ).askAnswer


def test_data_moscow_imbalance_has_no_direction(kg: KnowledgeGraph) -> None:
    rows = kg.query(
        f"""SELECT ?obs ?flow WHERE {{
          GRAPH ?g {{ ?obs a irkg:TradeObservation ; irkg:wording "trade imbalance" }}
          ?g prov:wasDerivedFrom {entity_iri(MOSCOW).n3()} .
          ?obs irkg:flow ?flow .
        }}"""
    )
    flows = {str(flow).rsplit("/", 1)[-1] for _, flow in rows}  # type: ignore[misc]
    assert flows == {"gap"}
    assert _containing(_texts(kg, MOSCOW), "deficit", "India buys") == []


def test_data_moscow_gap_is_checked_against_the_summit_parts(kg: KnowledgeGraph) -> None:
    # No direction, so a gap: its size is the summit's imports minus exports, 58.96.
    [check] = [c for c in kg.check_figures() if c.kind == "gap across sources"]
    assert (check.stated, check.computed, check.agrees) == (Decimal("58.9"), Decimal("58.96"), True)


def test_data_summit_keeps_the_direction_it_states(kg: KnowledgeGraph) -> None:
    graph = paragraph_graph(SUMMIT, 4).n3()
    assert kg.query(
        f"ASK {{ GRAPH {graph} {{ country:russia irkg:inSurplusWith country:india }} }}"
    ).askAnswer


def test_data_summit_surge_is_largely_driven_by_imports(kg: KnowledgeGraph) -> None:
    graph = paragraph_graph(SUMMIT, 6).n3()
    hedged = f"""ASK {{ GRAPH {graph} {{
      change:summit-trade-growth irkg:largelyCausedBy obs:summit-india-imports-fy2024-25 }} }}"""
    unhedged = f"ASK {{ GRAPH {graph} {{ change:summit-trade-growth irkg:causedBy ?cause }} }}"
    assert kg.query(hedged).askAnswer
    assert not kg.query(unhedged).askAnswer


def test_data_summit_says_nothing_of_where_or_what_the_visit_was(kg: KnowledgeGraph) -> None:
    rows = kg.query(
        """SELECT ?g WHERE { GRAPH ?g {
          { event:putin-visit-india a irkg:StateVisit }
          UNION { event:putin-visit-india irkg:heldIn ?place }
          UNION { event:putin-visit-india irkg:visitor ?visitor }
        } FILTER (?g != graph:inferred) }"""
    )
    assert {g for (g,) in rows} == {BACKGROUND_GRAPH}  # type: ignore[misc]
    assert not kg.query("ASK { event:india-russia-business-summit irkg:partOf ?visit }").askAnswer
    assert _containing(_texts(kg, SUMMIT), "state visit", "during Putin", "visit to India") == []


def test_data_summit_paragraph_15_keeps_will(kg: KnowledgeGraph) -> None:
    texts = _texts(kg, SUMMIT, 15)
    assert _containing(texts, "would") == []
    assert len(_containing(texts, "will lock in")) >= 3  # the summary, a claim, the statement


@pytest.mark.parametrize(
    ("doc", "paragraph", "examples"),
    [(MOSCOW, 4, "among which are"), (SUMMIT, 8, "among them")],
)
def test_data_lists_of_examples_are_not_read_as_complete(
    kg: KnowledgeGraph, doc: str, paragraph: int, examples: str
) -> None:
    claims = [c.claim for c in kg.claims(doc, paragraph)]
    assert _containing(claims, "three", "the sectors") == []
    assert _containing(claims, examples) != []


@pytest.mark.parametrize(
    ("entity", "name"),
    [
        ("organization/ficci", "Federation of Indian Chambers of Commerce and Industry"),
        ("organization/russia-presidential-executive-office", "Kremlin administration"),
        ("media/mint", "Livemint"),
        ("person/maxim-oreshkin", "Maksim Oreshkin"),
        ("person/s-jaishankar", "Subrahmanyam Jaishankar"),
        ("person/s-jaishankar", "Dr. S. Jaishankar"),
        ("film/zhemchug", "Жемчуг"),
        ("topic/strategic-partnership", "special and privileged strategic partnership"),
    ],
)
def test_data_names_no_article_gives_are_background(
    kg: KnowledgeGraph, entity: str, name: str
) -> None:
    rows = kg.query(
        f"""SELECT ?g WHERE {{
          GRAPH ?g {{ {entity_iri(entity).n3()} rdfs:label|skos:altLabel {Literal(name).n3()} }}
        }}"""
    )
    assert {g for (g,) in rows} == {BACKGROUND_GRAPH}  # type: ignore[misc]


def test_data_target_deadline_reads_the_same_in_timeline_and_targets(kg: KnowledgeGraph) -> None:
    timeline = {e.id: (e.start, e.end, e.when) for e in kg.timeline()}
    targets = kg.targets()
    assert targets
    for target in targets:
        start, end, when = timeline[target.id]
        assert (target.deadline, when) == (start, f"by {target.period}")
        assert start == end
