"""Names a text uses that the graph does not know: candidate entities for review.

No model is needed: a name is a run of capitalised words (with "of", "and", "the" and
dashes inside it: "Ministry of External Affairs", "Chennai-Vladivostok Corridor") or an
acronym, that is not a known entity's mention and does not merely open a sentence. Its
kind is guessed from the words in and around it (a role before a person's name, "Bank"
or "Ministry" ending an organisation's, "Summit" an event's, "in" before a place), and
the cue that decided is kept as the evidence; the sentences it appears in come along.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Candidate", "find_candidates"]

#: Last words that tell an entity's kind, and the kind.
_ENDINGS = {
    "organisation": (
        "Ministry Department Government Bank Corporation Corp Company Ltd Limited Group "
        "Council Agency Federation "
        "Chamber Association Institute Authority Committee Commission Board Fund Party "
        "Parliament Duma Exchange University Organisation Organization Industries Club "
        "Energy Petroleum Railways Airlines Shipping Steel Motors Holdings Systems Archive"
    ),
    "event": "Summit Forum Meeting Conference Talks Visit Exercise Dialogue Session Expo",
    "agreement": "Agreement Treaty Accord Pact Memorandum MoU Deal Protocol Declaration",
    "route": "Corridor Route Railway Line Pipeline Highway Canal Link",
    "place": "Port City Province Region Oblast Sea River Bay Gulf Island Islands Strait State",
}
_KIND_OF_END = {word: kind for kind, words in _ENDINGS.items() for word in words.split()}
#: Words just before a name that make it a person's.
_ROLES = set(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "President",
        "Minister",
        "Premier",
        "Chancellor",
        "Ambassador",
        "Envoy",
        "Secretary",
        "Governor",
        "Chairman",
        "Chair",
        "CEO",
        "Director",
        "Spokesperson",
        "Spokesman",
        "Adviser",
        "Advisor",
        "Deputy",
        "General",
        "Senator",
        "Sheikh",
        "King",
        "Prince",
    ]
)
#: Endings of the adjectives of peoples and places (Russian, Chinese, Turkish, Emirati).
_DEMONYM = re.compile(r"(?:ian|ean|ican|ese|ish|ani|ati)$|^Soviet$")
#: How many Russian and Indian companies' one-word names end: Gazprom, Rosneft, Rosatom,
#: Aeroflot, Sberbank, Lukoil, Infosys, Rosoboronexport.
_COMPANY = re.compile(r"(?:prom|neft|atom|flot|bank|oil|gaz|sys|export|tech)$")
#: What joins a known name to the next words: a possessive, spaces, dashes.
_AFTER_KNOWN = re.compile(r"(?:['\u2019]s)?[\s\-\u2013]*")
_PLACE_BEFORE = {"in", "at", "from", "to", "near", "via"}
_GLUE = {"of", "for", "de", "&"}
#: A word: letters and digits, with inner apostrophes and dashes (no periods).
_TOKEN = re.compile("\\w(?:[\\w&-]|['\u2019](?=\\w))*")
#: Capitalised words that are not names when they stand alone.
_COMMON = set(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "With",
        "And",
        "But",
        "Or",
        "If",
        "As",
        "It",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Their",
        "Our",
        "Also",
        "However",
        "While",
        "When",
        "After",
        "Before",
        "Since",
        "During",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)


@dataclass
class Candidate:
    """A name the graph does not know: its guessed kind, why, and where it is used."""

    name: str
    kind: str
    evidence: str
    sentences: list[str] = field(default_factory=list)
    #: Where the name stands: (sentence index, start, end) of each time.
    spans: list[tuple[int, int, int]] = field(default_factory=list, compare=False, repr=False)


def find_candidates(
    sentences: Iterable[str], known: Iterable[tuple[int, int, int]] = ()
) -> list[Candidate]:
    """Candidate entities in ``sentences`` (a paragraph's), leaving out the spans of
    ``known`` mentions, given as (sentence index, start, end).

    Example:
        >>> [(c.name, c.kind) for c in find_candidates(
        ...     ["Foreign Minister Ivan Petrov met the Reserve Bank of India in Kazan."])]
        [('Ivan Petrov', 'person'), ('Reserve Bank of India', 'organisation'), ('Kazan', 'place')]
    """
    skip: dict[int, list[tuple[int, int]]] = {}
    for index, start, end in known:
        skip.setdefault(index, []).append((start, end))
    found: dict[str, Candidate] = {}
    for index, sentence in enumerate(sentences):
        for start, end in _names(sentence):
            spans = sorted((a, b) for a, b in skip.get(index, ()) if start < b and end > a)
            whole = False
            if spans and spans[0][0] <= start:
                if spans[0][1] >= end:
                    continue  # a known name
                lead = _AFTER_KNOWN.match(sentence, spans[0][1])
                after = lead.end() if lead else spans[0][1]
                # "Bharat Petroleum", "Oil India": a known name opens a new one; but
                # "India's Department of ...", "India-Russia ...": what follows is the name.
                whole = sentence[spans[0][1] : after] == " "
                if not whole:
                    start = after
                if start >= end:
                    continue
            inside = [] if whole else [a for a, b in spans if start < b and end > a]
            name = sentence[start:end].removesuffix("'s").removesuffix("\u2019s")
            guess = _kind(sentence, start, name)
            if whole and (guess is None or guess[0] in ("person", "unknown")):
                opener = sentence[spans[0][0] : spans[0][1]]
                guess = ("organisation", f"a known name in it, '{opener}' (as companies' are)")
            named_by_kind = guess is not None and "in the name" in guess[1]
            if inside and not (named_by_kind and start < inside[0]):
                # A known name inside: what stands before it is the candidate ("Olga
                # Smirnova, Russia"), unless the whole names a kind ("State Bank of
                # India" is a bank, not India).
                head = sentence[start : inside[0]].split()
                while head and head[-1].lower() in _GLUE:
                    head.pop()
                if not head:
                    continue
                name = " ".join(head)
                guess = _kind(sentence, start, name)
            if guess is None:
                continue
            kind, evidence = guess
            entry = found.setdefault(name, Candidate(name, kind, evidence))
            entry.spans.append((index, start, start + len(name)))
            if sentence not in entry.sentences:
                entry.sentences.append(sentence)
    return list(found.values())


def _names(sentence: str) -> list[tuple[int, int]]:
    """Runs of capitalised words, joined by glue words and dashes."""
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(_TOKEN, sentence)]
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []
    for start, end, word in tokens:
        if run and sentence[run[-1][1] : start].strip(" -\u2013"):  # a comma, a bracket: a break
            spans.extend(_close(run))
            run = []
        capital = word[0].isupper() or (word.isupper() and len(word) > 1)
        # "Ministry of Petroleum and Natural Gas", "Central Bank of the Russian Federation"
        glue = word.lower() in _GLUE or _joins(run, word)
        if capital or (run and glue):
            run.append((start, end, word))
        else:
            spans.extend(_close(run))
            run = []
    spans.extend(_close(run))
    return spans


def _close(run: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    for i, (_, _, word) in enumerate(run):
        # "Igor Sechenov of Rosatom" is two names; "Bank of Russia" is one.
        if 0 < i < len(run) - 1 and word == "of" and not _names_a_kind(run[i - 1][2]):
            return _close(run[:i]) + _close(run[i + 1 :])
    roles = [i for i, (_, _, word) in enumerate(run) if word in _ROLES]
    if roles and roles[-1] < len(run) - 1:  # "Foreign Minister Ivan Petrov": the name
        run = run[roles[-1] + 1 :]
    while run and run[-1][2].lower() in _GLUE:  # no trailing "of"
        run = run[:-1]
    while run and run[0][2] in _COMMON | _ROLES:  # "The", or a role, opens no name
        run = run[1:]
    return [(run[0][0], run[-1][1])] if run else []


def _joins(run: list[tuple[int, int, str]], word: str) -> bool:
    """Whether 'the' or 'and' goes on a name: "Bank of the Russian Federation" (a kind
    before 'of'), "Ministry of Petroleum and Natural Gas" (a body's name, opened by the
    kind of body), but not "State Bank of India and Gazprom" or "members of the SCO"."""
    if word == "the":
        return len(run) >= 2 and run[-1][2] == "of" and _names_a_kind(run[-2][2])
    if word == "and":
        return any(w == "of" for *_, w in run) and _KIND_OF_END.get(run[0][2]) == "organisation"
    return False


def _names_a_kind(word: str) -> bool:
    """Whether ``word`` (or its singular) is one that tells a name's kind ('Chambers')."""
    return word in _KIND_OF_END or word.removesuffix("s") in _KIND_OF_END


def _kind(sentence: str, start: int, name: str) -> tuple[str, str] | None:
    if not name[:1].isalpha() or sum(c.isalpha() for c in name) < 2:
        return None  # '2J', 'U': no name
    words = name.replace("-", " ").split()
    before = sentence[:start].split()
    last = words[-1]
    acronym = name.isupper() and 2 <= len(name) <= 6
    if start == 0 and len(words) == 1 and not acronym:
        return None  # a sentence's first word tells nothing
    # "Bank of India": the word before "of" tells as the last word does
    head = next((words[i - 1] for i, w in enumerate(words) if w.lower() in _GLUE and i), last)
    for cue in (last, head):
        if len(words) >= 2 and cue in _KIND_OF_END:  # "Memorandum" alone is a common noun
            return _KIND_OF_END[cue], f"'{cue}' in the name"
    if len(words) == 1 and not acronym and _DEMONYM.search(name):
        return None  # 'Russian producers', 'from Indian firms': an adjective, not a name
    if before and before[-1].rstrip(".,") in _ROLES:
        return "person", f"after '{before[-1].rstrip('.,')}'"
    company = _COMPANY.search(name) if len(words) == 1 else None
    if company:
        return "organisation", f"ends as companies' names do ('{company[0]}')"
    if acronym:
        return "organisation", "an acronym"
    if any(w.isupper() and len(w) > 1 for w in words):
        return "organisation", "holds an acronym"
    if before and before[-1].lower() in _PLACE_BEFORE and len(words) <= 2:
        return "place", f"after '{before[-1]}'"
    if 2 <= len(words) <= 3 and all(w[0].isupper() and w[1:].islower() for w in words):
        return "person", "two or three capitalised words"
    return "unknown", "a capitalised name inside a sentence"
