"""Names the graph does not know, proposed with a guessed kind and the cue that decided
(sentences written for these tests)."""

from __future__ import annotations

from irkg.graph import KnowledgeGraph
from irkg.ingest import Gazetteer, find_candidates, sentences

PARAGRAPH = (
    "Deputy Minister Olga Smirnova of Russia spoke at the Eastern Economic Forum in "
    "Vladivostok. The State Bank of India and Gazprom signed a Rail Freight Agreement "
    "on the Chennai-Vladivostok Maritime Corridor. Talks resume in March, said the NSR "
    "office."
)


def test_new_names_get_a_kind_and_the_cue_for_it(asserted_kg: KnowledgeGraph) -> None:
    split = [PARAGRAPH[a:b] for a, b in sentences(PARAGRAPH)]
    gazetteer = Gazetteer.of(asserted_kg)
    known = [(i, m.start, m.end) for i, s in enumerate(split) for m in gazetteer.find(s)]
    found = {c.name: (c.kind, c.evidence) for c in find_candidates(split, known)}
    assert found == {
        "Olga Smirnova": ("person", "after 'Minister'"),
        "Eastern Economic Forum": ("event", "'Forum' in the name"),
        "State Bank of India": ("organisation", "'Bank' in the name"),
        "Gazprom": ("organisation", "ends as companies' names do ('prom')"),
        "Rail Freight Agreement": ("agreement", "'Agreement' in the name"),
    }
    # Russia, Vladivostok, the corridor and the NSR (the Northern Sea Route's alias) are
    # known: linked, not proposed again; "The" and "Talks" opening a sentence, and
    # "March", are no names.


def test_each_candidate_keeps_its_sentences() -> None:
    [candidate] = find_candidates(["Kazan hosted it.", "Officials met in Kazan again."])
    assert (candidate.name, candidate.kind) == ("Kazan", "place")
    assert candidate.sentences == ["Officials met in Kazan again."]
