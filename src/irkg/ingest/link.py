"""Find the entities a text mentions, by every label and alias the graph knows.

One Aho-Corasick automaton (pyahocorasick) holds every name in a folded form (case,
dashes, quotes and spaces made uniform, periods of an abbreviation dropped), so that a
text is scanned once however many names there are. A second, case-exact automaton holds
short all-capital names (``US``, ``UN``, ``SCO``): ``us`` in a sentence is not the
United States. A match counts only as a whole word ("Russia's" is Russia; "Prussia" is
not), and the longest match wins where matches overlap ("Eurasian Economic Union" over
"Union"). A name that several entities bear is linked only when the paragraph decides:
when exactly one of them is related in the graph to another entity the paragraph names;
otherwise it is kept as ambiguous, with its candidates, for review.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

__all__ = ["Gazetteer", "Mention"]

#: Characters read as one: dashes, quotes and spaces of every kind.
_SAME = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u2018\u2019\u02bc\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d", '"'),
    **dict.fromkeys("\t\n\r\u00a0\u2009\u202f", " "),
}
_TABLE = str.maketrans(_SAME)


def fold(text: str, *, keep_case: bool = False) -> str:
    """``text`` with case (unless ``keep_case``), dashes, quotes and spaces made uniform,
    one character for one, so that positions in it are positions in ``text``.

    Example:
        >>> fold("Russia\u2019s  Foreign\u2013Minister")
        "russia's  foreign-minister"
    """
    same = text.translate(_TABLE)
    if keep_case:
        return same
    lower = same.lower()
    if len(lower) == len(same):  # lowering never shortens: then each char stayed one
        return lower
    return "".join(c if len(c := char.lower()) == 1 else char for char in same)


def _word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char) == "Mn"


@dataclass(frozen=True, order=True)
class Mention:
    """A name found in a text: its span (``text[start:end]``), and the entity it stands
    for, or None with the ``candidates`` when the paragraph does not decide."""

    start: int
    end: int
    surface: str
    entity: str | None
    candidates: tuple[str, ...] = field(default=())


@dataclass
class Gazetteer:
    """Every name of every entity, ready to be found in text (see the module's text).

    Args:
        names: (entity id, name) pairs: labels and aliases.
        related: pairs of entity ids the graph relates (either way), to decide between
            the entities an ambiguous name may mean.
    """

    names: Sequence[tuple[str, str]]
    related: Iterable[tuple[str, str]] = ()

    def __post_init__(self) -> None:
        self._folded = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        found: dict[tuple[bool, str], set[str]] = defaultdict(set)
        for entity, name in self.names:
            for key, exact in _keys(name):
                found[(exact, key)].add(entity)
        derived: dict[str, set[str]] = defaultdict(set)
        for entity, name in self.names:
            initials = _initials(name)
            if initials and (True, initials) not in found:  # a name given wins
                derived[initials].add(entity)
        for initials, entities in derived.items():
            found[(True, initials)] = entities
        for (exact, key), entities in found.items():
            (self._exact if exact else self._folded).add_word(
                key, (len(key), tuple(sorted(entities)))
            )
        for automaton in (self._folded, self._exact):
            if len(automaton):
                automaton.make_automaton()
        self._near: dict[str, set[str]] = defaultdict(set)
        for a, b in self.related:
            self._near[a].add(b)
            self._near[b].add(a)

    @classmethod
    def of(cls, kg: Any) -> Gazetteer:
        """The gazetteer of a graph: every label and alias of its entities (but units,
        measures and flows, the codes of records, and documents), and which of them it
        relates, in two queries.

        Example:
            >>> from irkg.graph import KnowledgeGraph
            >>> g = Gazetteer.of(KnowledgeGraph.from_data("data", reason=False))
            >>> [m.entity for m in g.find("Talks in the U.S. and at the UN, not with us.")]
            ['country/united-states', 'organization/un']
        """
        from irkg.iris import ID_BASE, id_of

        names = [
            (id_of(s), str(name))
            for s, name in kg.query(
                "SELECT DISTINCT ?s ?name WHERE { { ?s rdfs:label ?name } UNION "
                f'{{ ?s skos:altLabel ?name }} FILTER(STRSTARTS(STR(?s), "{ID_BASE}")) '
                # Units and other codes of records ('per cent' names no subject of a
                # text), and documents (an article's title is no name in the next one).
                "FILTER NOT EXISTS { VALUES ?code { irkg:Unit irkg:Measure irkg:Flow "
                "irkg:SourceDocument irkg:NewsArticle } ?s a ?code } }",
                own=True,
            )
        ]
        related = [
            (id_of(a), id_of(b))
            for a, b in kg.query(
                "SELECT DISTINCT ?a ?b WHERE { ?a ?p ?b "
                f'FILTER(isIRI(?b) && STRSTARTS(STR(?a), "{ID_BASE}") '
                f'&& STRSTARTS(STR(?b), "{ID_BASE}") && ?a != ?b) }}',
                own=True,
            )
        ]
        return cls(sorted(names), related)

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text`` (one paragraph), in order.

        Example:
            >>> g = Gazetteer([("country/russia", "Russia"), ("bloc/eaeu", "EAEU"),
            ...                ("bloc/eaeu", "Eurasian Economic Union")])
            >>> [(m.surface, m.entity) for m in g.find("Russia's role in the EAEU; Prussia")]
            [('Russia', 'country/russia'), ('EAEU', 'bloc/eaeu')]
        """
        spans: list[tuple[int, int, tuple[str, ...]]] = []
        for automaton, folded in (
            (self._folded, _dotless(fold(text))),
            (self._exact, _dotless(fold(text, keep_case=True))),
        ):
            if not len(automaton):
                continue
            plain, where, dropped = folded
            for end, (length, entities) in automaton.iter(plain):
                start, stop = where[end - length + 1], where[end] + 1
                if stop in dropped:  # the closing period of U.S. belongs to the name
                    stop += 1
                if (start == 0 or not _word(text[start - 1])) and (
                    stop == len(text) or not _word(text[stop])
                ):
                    spans.append((start, stop, entities))
        # The longest match wins where matches overlap; then left to right.
        chosen: list[tuple[int, int, tuple[str, ...]]] = []
        taken = [False] * (len(text) + 1)
        for start, stop, entities in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if not any(taken[start:stop]):
                chosen.append((start, stop, entities))
                for i in range(start, stop):
                    taken[i] = True
        chosen.sort()
        sure = {entities[0] for _, _, entities in chosen if len(entities) == 1}
        mentions = []
        for start, stop, entities in chosen:
            entity = entities[0] if len(entities) == 1 else self._decide(entities, sure)
            mentions.append(
                Mention(start, stop, text[start:stop], entity, () if entity else entities)
            )
        return mentions

    def _decide(self, candidates: tuple[str, ...], context: set[str]) -> str | None:
        """The one candidate the paragraph's other entities are related to, if one."""
        near = [c for c in candidates if self._near[c] & context]
        return near[0] if len(near) == 1 else None


def _keys(name: str) -> list[tuple[str, bool]]:
    """The forms a name is looked for in: folded (and without an abbreviation's periods),
    or case-exact for a short all-capital name."""
    name = " ".join(name.split())
    if not name:
        return []
    plain = name.replace(".", "")
    if plain.isupper() and len(plain) <= 6:  # an acronym: US, U.S., UN, SCO
        return [(plain, True)]
    keys = {fold(name)}
    if "." in name:
        keys.add(fold(plain))
    head, _, last = name.rpartition(" ")
    if last.isalpha() and last.islower() and len(last) > 2:  # a common noun: one or many
        keys |= {fold(f"{head} {form}".strip()) for form in _number_forms(last)}
    return [(key, False) for key in sorted(keys)]


def _number_forms(word: str) -> set[str]:
    """The singular or plural of an English noun, by the regular rules ('mechanisms' ->
    'mechanism', 'tractor' -> 'tractors', 'economy' -> 'economies'); none for words the
    rules get wrong ('logistics', 'gas', 'status').

    Example:
        >>> sorted(_number_forms("mechanisms")), sorted(_number_forms("economy"))
        (['mechanism'], ['economies'])
    """
    if word.endswith(("ss", "us", "is", "ics", "ws")):
        return set()
    if word.endswith("ies"):
        return {word[:-3] + "y"}
    if word.endswith(("ches", "shes", "xes", "sses")):
        return {word[:-2]}
    if word.endswith("s"):
        return {word[:-1]} if not word.endswith("as") else set()
    if word.endswith("y") and word[-2] not in "aeiou":
        return {word[:-1] + "ies"}
    if word.endswith(("ch", "sh", "x")):
        return {word + "es"}
    return {word + "s"}


def _initials(name: str) -> str:
    """The acronym of a name of three or more capitalised words ('Federation of Indian
    Chambers of Commerce and Industry' -> 'FICCI'), or "" for any other name.

    Example:
        >>> _initials("Shanghai Cooperation Organisation"), _initials("New Delhi")
        ('SCO', '')
    """
    words = [w for w in re.split(r"[\s\-\u2013]+", name) if w]
    capitals = [w[0] for w in words if w[0].isupper() and w[0].isalpha()]
    small = all(w.islower() and w.isalpha() for w in words if not w[0].isupper())
    return "".join(capitals) if 3 <= len(capitals) <= 6 and small else ""


#: An abbreviation written with periods: U.S., U.N. (two or more single letters).
_ABBREVIATION = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}")


def _dotless(folded: str) -> tuple[str, Sequence[int], set[int]]:
    """``folded`` without the periods of abbreviations (U.S. reads as US): the text, the
    position in ``folded`` of each character kept, and the positions dropped."""
    dropped = {
        m.start() + i
        for m in _ABBREVIATION.finditer(folded)
        for i, char in enumerate(m.group())
        if char == "."
    }
    if not dropped:
        return folded, range(len(folded)), dropped
    kept = [i for i in range(len(folded)) if i not in dropped]
    return "".join(folded[i] for i in kept), kept, dropped
