"""Records read as sentences: every figure, target, change and statement of the seed data."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from irkg.graph import KnowledgeGraph
from irkg.graph.sentences import amount, describe

RECORD_KINDS = {"TradeObservation", "Observation", "Target", "Change", "Statement"}


@pytest.fixture(scope="module")
def network(asserted_kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return asserted_kg.to_networkx()


def test_every_record_has_a_sentence_without_codes(network: nx.MultiDiGraph) -> None:
    records = [n for n, d in network.nodes(data=True) if d["kind"] in RECORD_KINDS]
    assert len(records) == 29
    for node in records:
        sentence = network.nodes[node]["sentence"]
        assert sentence == describe(network, node)
        assert not re.search(r"https?://|\b(obs|stmt|country|period|flow|unit)/", sentence), (
            sentence
        )
        assert sentence[-1] in ".!?" or sentence.endswith("\u201d"), sentence


def test_entities_are_not_records(network: nx.MultiDiGraph) -> None:
    assert describe(network, "country/india") is None
    assert "sentence" not in network.nodes["bloc/eaeu"]


def test_trade_sentences_name_reporter_partner_figure_and_period(
    network: nx.MultiDiGraph, asserted_kg: KnowledgeGraph
) -> None:
    for figure in asserted_kg.trade():
        sentence = network.nodes[figure.id]["sentence"]
        for part in (figure.reporter, figure.partner, f"{figure.value.normalize():f}", figure.unit):
            assert part in sentence, (part, sentence)
        if figure.stated_by:
            assert sentence.endswith(f"according to {figure.stated_by}.")


def test_change_sentences_give_the_wording_and_every_reading(
    network: nx.MultiDiGraph, asserted_kg: KnowledgeGraph
) -> None:
    """The sentence quotes the source's wording and gives the multiple under each reading,
    the figure check's among them, so a reader sees how the words fit the figures."""
    checks = {c.subject: c for c in asserted_kg.check_figures() if c.kind == "multiple"}
    changes = [n for n, d in network.nodes(data=True) if d["kind"] == "Change"]
    assert len(changes) == 3
    for node in changes:
        data = network.nodes[node]
        check = checks[data["label"]]
        reading = check.reading.split(",")[0]
        assert f"\u201c{data['wording']}\u201d" in data["sentence"]
        assert f"{check.computed} {reading}" in data["sentence"]
        assert " or " in data["sentence"]  # every seed change's wording admits two readings


def test_statement_sentences_start_with_the_speaker(
    network: nx.MultiDiGraph, asserted_kg: KnowledgeGraph
) -> None:
    for said in asserted_kg.said_by("Maxim Oreshkin"):
        assert network.nodes[said.id]["sentence"] == f"Maxim Oreshkin said: {said.summary}"


def test_amount_reads_comparator_value_and_unit() -> None:
    assert amount({"value": 68.7, "unit": "billion US dollars"}) == "68.7 billion US dollars"
    assert amount({"value": 100.0, "unit": "billion US dollars"}) == "100 billion US dollars"
    assert (
        amount({"comparator": "less than", "value": 2.0, "unit": "per cent"})
        == "less than 2 per cent"
    )
    assert amount({"unit": "per cent"}) == ""
