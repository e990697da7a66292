from __future__ import annotations

import pytest

from conftest import EXAMPLES
from irkg.errors import QueryError
from irkg.graph import KnowledgeGraph
from irkg.graph.resolve import normalise
from irkg.loaders import load_rdf_files


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("EAEU", "bloc/eaeu"),
        ("eurasian economic union", "bloc/eaeu"),
        ("bloc/eaeu", "bloc/eaeu"),
        ("Pearl", "film/zhemchug"),
        ("ZHEMCHUG", "film/zhemchug"),
        ("Jaishankr", "person/s-jaishankar"),
        ("Chennai\u2013Vladivostok Corridor", "route/chennai-vladivostok"),
        ("Shanghai Cooperation Organization", "bloc/sco"),
        ("trade imbalance", "topic/trade-imbalance"),
    ],
)
def test_resolve_finds_by_label_alias_id_and_close_spelling(
    asserted_kg: KnowledgeGraph, name: str, expected: str
) -> None:
    assert asserted_kg.resolve(name).id == expected


def test_resolve_ambiguous_name_lists_the_candidates() -> None:
    kg = KnowledgeGraph(load_rdf_files([EXAMPLES / "ambiguous_alias.ttl"]))
    with pytest.raises(QueryError) as caught:
        kg.resolve("delhi")
    message = str(caught.value)
    assert "ambiguous" in message
    assert "city/new-delhi" in message and "region/delhi" in message
    assert kg.resolve("New Delhi").id == "city/new-delhi"  # a label wins over an alias


def test_resolve_unknown_name_suggests_the_nearest(asserted_kg: KnowledgeGraph) -> None:
    with pytest.raises(
        QueryError, match=r"no entity is called 'Vladivostock port'; nearest: .*city/vladivostok"
    ):
        asserted_kg.resolve("Vladivostock port")


def test_normalise_folds_case_accents_and_dashes() -> None:
    assert normalise("Ré\u2014Union") == normalise("re-union")
