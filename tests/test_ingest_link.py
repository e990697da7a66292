"""Linking: every mention of a known entity found in new text, under the spellings news
uses, and nothing inside a longer word. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from irkg.graph import KnowledgeGraph
from irkg.ingest import Gazetteer


@pytest.fixture(scope="module")
def gazetteer(asserted_kg: KnowledgeGraph) -> Gazetteer:
    return Gazetteer.of(asserted_kg)


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [(m.surface, m.entity) for m in gazetteer.find(text)]


def test_known_entities_under_varied_spellings(gazetteer: Gazetteer) -> None:
    text = (
        "Russia\u2019s envoy met officials of the Eurasian Economic Union (EAEU) in "
        "Bombay; the FICCI delegation and Ficci's chair spoke of the India\u2013EAEU FTA."
    )
    assert found(gazetteer, text) == [
        ("Russia", "country/russia"),
        ("Eurasian Economic Union", "bloc/eaeu"),
        ("EAEU", "bloc/eaeu"),
        ("Bombay", "city/mumbai"),
        ("FICCI", "organization/ficci"),
        ("Ficci", "organization/ficci"),
        ("India\u2013EAEU FTA", "agreement/india-eaeu-fta"),
    ]
    mention = gazetteer.find(text)[0]
    assert text[mention.start : mention.end] == "Russia"


def test_acronyms_keep_their_case_and_periods(gazetteer: Gazetteer) -> None:
    text = "Both the U.S. and the US Treasury watch the UN; let us see, said the un-named aide."
    assert found(gazetteer, text) == [
        ("U.S.", "country/united-states"),
        ("US", "country/united-states"),
        ("UN", "organization/un"),
    ]


def test_nothing_inside_a_longer_word(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "Prussian Indiana rubles; Russians; Moscowitz; SCOUT") == []


def test_the_longest_name_wins(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "the Shanghai Cooperation Organisation summit") == [
        ("Shanghai Cooperation Organisation", "bloc/sco")
    ]


def test_an_ambiguous_name_is_decided_by_the_paragraph_or_kept_for_review() -> None:
    gazetteer = Gazetteer(
        [("city/georgia", "Georgia"), ("country/georgia", "Georgia"), ("bloc/eaeu", "EAEU"),
         ("city/atlanta", "Atlanta")],
        related=[("country/georgia", "bloc/eaeu"), ("city/atlanta", "city/georgia")],
    )  # fmt: skip
    assert found(gazetteer, "Georgia and the EAEU") == [
        ("Georgia", "country/georgia"),
        ("EAEU", "bloc/eaeu"),
    ]
    [alone] = gazetteer.find("Georgia, again")
    assert alone.entity is None and alone.candidates == ("city/georgia", "country/georgia")


def test_a_common_noun_is_found_in_the_singular_and_the_plural() -> None:
    g = Gazetteer(
        [("topic/pay", "payment mechanisms"), ("sector/t", "tractors"),
         ("commodity/oil", "crude oil"), ("topic/logistics", "logistics"), ("city/x", "Chennai")]
    )  # fmt: skip
    text = "A payment mechanism for tractor parts, crude oils and logistic costs; Chennais"
    assert [(m.surface, m.entity) for m in g.find(text)] == [
        ("payment mechanism", "topic/pay"),
        ("tractor", "sector/t"),
        ("crude oils", "commodity/oil"),
    ]  # no 'logistic' from 'logistics', no plural of a proper name


def test_an_acronym_is_found_from_the_initials_of_a_long_name() -> None:
    g = Gazetteer(
        [("organization/ficci", "Federation of Indian Chambers of Commerce and Industry"),
         ("bloc/sco", "Shanghai Cooperation Organisation"), ("agreement/x", "Strategic Cooperation Outline"),
         ("org/y", "Somebody Calls Often"), ("org/y", "SCO")]
    )  # fmt: skip
    found = [(m.surface, m.entity, m.candidates) for m in g.find("FICCI and the SCO; ficci")]
    # SCO is a name given to org/y: it wins over the initials of the other two.
    assert found == [("FICCI", "organization/ficci", ()), ("SCO", "org/y", ())]
