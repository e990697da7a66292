"""Plain text into its title and paragraphs.

News text comes in two shapes, and a file may mix them:

- **a paragraph a line**, as copied from a web page or a wire feed, with or without
  blank lines between paragraphs;
- **hard-wrapped**, each paragraph broken into lines of at most some width (72, 80),
  with a blank line or a short last line ending each paragraph.

The rule that tells them apart is the one a text wrapper follows: it breaks a line only
when the next word does not fit on it. A text reads as wrapped when its blocks of several
lines (between blank lines) are between :data:`MIN_WRAP` and :data:`MAX_WRAP` characters
wide and at least a third of their line breaks fall where a wrapper puts them: no room
left for the next word, in the middle of a sentence. In wrapped text, a line that had
room for the next line's first word was broken by its writer, and a paragraph ends there
(a short last line, a heading); the other lines are joined. Otherwise each line is a
paragraph.

A dateline on a line of its own (``NEW DELHI, Dec 4 (Reuters) -``) begins the paragraph
after it. The first paragraph is the article's title when it reads as one (see
:func:`is_title`); otherwise the article has no title line, and keeps all its text.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["MAX_WRAP", "MIN_WRAP", "is_title", "plain_paragraphs"]

#: The widths hard-wrapped text is read at: a text whose blocks have a longer line, or
#: none this long, is a paragraph a line.
MIN_WRAP, MAX_WRAP = 40, 120

#: The longest line taken as a title, in characters and in words.
_TITLE_CHARS, _TITLE_WORDS = 150, 25

#: A line that ends a sentence: a full stop, question or exclamation mark, perhaps
#: followed by closing quotation marks or brackets.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
#: A dateline alone on its line: a place, perhaps a date and an agency in brackets, then
#: a dash or colon ("NEW DELHI, Dec 4 (Reuters) -", "MOSCOW (AP) —", "New Delhi:");
#: or, without the dash, a place, a date and an agency ("New Delhi, Dec 4 (PTI)"), or a
#: place in capitals and an agency ("MOSCOW (TASS)").
_PLACE = r"[A-Z][\w.'\u2019 -]{1,40}"
_DATE = r",\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?"
_AGENCY = r"\s*\([A-Z][\w .&-]{0,30}\)"
_DATELINE = re.compile(
    rf"{_PLACE}(?:{_DATE})?(?:{_AGENCY})?\s*[-\u2013\u2014:]"
    rf"|{_PLACE}{_DATE}{_AGENCY}"
    rf"|[A-Z][A-Z.'\u2019 -]{{1,40}}{_AGENCY}"
)
#: A photo caption or credit ("REUTERS/Adnan Abidi", "(PTI Photo)", "Photo: AFP",
#: "FILE PHOTO: ...", "Image credit: ...").
_CAPTION = re.compile(
    r"\b[A-Z]{2,}(?: Photo)?/[A-Z]"
    r"|(?i:\((?:[a-z]+ )?(?:photo|image|picture)\b"
    r"|\b(?:photo|image|picture|photograph)(?: credit)?s?\s*[:|]"
    r"|^file photo\b"
    r"|\bgetty images\b)"
)
#: A byline ("By Manoj Kumar", "By our correspondent").
_BYLINE = re.compile(r"By\s+(?:[A-Z]|our\b)[\w.'\u2019 -]*(?:,[\w.'\u2019 -]+)?")


def plain_paragraphs(text: str) -> tuple[str, list[str]]:
    """The title (``""`` if the text has no title line) and the paragraphs of ``text``,
    each on one line (see the module's text).

    Example:
        >>> plain_paragraphs("Ports reopen\\nMUMBAI (Reuters) -\\nShips sailed.\\nMore came.")
        ('Ports reopen', ['MUMBAI (Reuters) - Ships sailed.', 'More came.'])
    """
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    width = _wrap_width([b for b in blocks if len(b) > 1])
    paragraphs = _attach_datelines([p for b in blocks if b for p in _unwrap(b, width)])
    if len(paragraphs) > 1 and is_title(paragraphs[0], paragraphs[1:]):
        return paragraphs[0], paragraphs[1:]
    return "", paragraphs


def is_title(line: str, rest: list[str]) -> bool:
    """Whether ``line``, the first paragraph of a text, is its title: short, not ending a
    sentence (a question or exclamation may), not a dateline, byline or photo caption,
    and followed by body text (``rest`` has a paragraph that ends a sentence).

    Example:
        >>> is_title("India and Russia agree to widen rupee trade", ["Officials said so."])
        True
        >>> is_title("NEW DELHI, Dec 4 (Reuters)", ["Officials said so."])
        False
        >>> is_title("Ministers meet in Moscow. Trade tops the agenda.", ["They met."])
        False
    """
    words = line.split()
    return bool(
        len(line) <= _TITLE_CHARS
        and len(words) <= _TITLE_WORDS
        and re.search(r"[^\W\d_]", line)
        and not line[0].islower()
        and not re.search(r"[.,;:\-\u2013\u2014]$", line)
        and not re.search(r"[a-z]{2}[.!?][\"'\u201d\u2019]?\s+[A-Z]", line)  # two sentences: body
        and not _DATELINE.fullmatch(line)
        and not _BYLINE.fullmatch(line)
        and not _CAPTION.search(line)
        and any(_SENTENCE_END.search(p) for p in rest)
    )


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The width the text was wrapped at, or None if its lines are paragraphs (see the
    module's text)."""
    if not blocks:
        return None
    width = max(len(line) for block in blocks for line in block)
    breaks = [(a, b) for block in blocks for a, b in itertools.pairwise(block)]
    by_wrapper = sum(1 for a, b in breaks if not _fits(a, b, width) and not _SENTENCE_END.search(a))
    return width if MIN_WRAP <= width <= MAX_WRAP and by_wrapper * 3 >= len(breaks) else None


def _fits(line: str, after: str, width: int) -> bool:
    """Whether the first word of ``after`` would have fitted on ``line``."""
    return len(line) + 1 + len(after.split()[0]) <= width


def _unwrap(block: list[str], width: int | None) -> list[str]:
    """The paragraphs of a block of lines: a line each, or, in wrapped text, the lines
    between the breaks a person made."""
    if width is None:
        return [line.strip() for line in block]
    paragraphs, current = [], [block[0].strip()]
    for before, line in itertools.pairwise(block):
        if _fits(before, line, width):
            paragraphs.append(_join(current))
            current = []
        current.append(line.strip())
    return [*paragraphs, _join(current)]


def _join(lines: list[str]) -> str:
    """Wrapped lines as one: a word broken after its hyphen ("well-" "known") is one word."""
    parts = [lines[0]]
    for before, line in itertools.pairwise(lines):
        hyphen = re.fullmatch(r"[^\W\d_]-", before[-2:]) and line[:1].isalpha()
        parts += [line] if hyphen else [" ", line]
    return "".join(parts)


def _attach_datelines(paragraphs: list[str]) -> list[str]:
    """Each dateline alone on its line joined to the paragraph it begins."""
    out: list[str] = []
    pending: list[str] = []
    for paragraph in paragraphs:
        pending.append(paragraph)
        if not _DATELINE.fullmatch(paragraph):
            out.append(" ".join(pending))
            pending = []
    return [*out, " ".join(pending)] if pending else out
