"""Recognising an article the project curated by hand, so that ingesting its text again
makes no second document of it.

A curated document (``data/articles/``) holds no text of its article, only facts in the
project's words, each in the paragraph that states it. What it does hold is enough to
know the article again: its URL, the file it was curated from (``seedFile``), how many
paragraphs it has, and the quotations its statements keep verbatim, each in its
paragraph. An article read is that document when

- both have a URL, and it is the same; or else
- it has as many paragraphs as the document, or a few more at the top (a title, a
  byline or a date line the document does not count), and every quotation of the
  document is in its paragraph of that number; for a document with no quotation, the
  article is read from the document's own file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from irkg.ingest.read import Article
from irkg.iris import id_of, is_entity_iri

__all__ = ["MAX_EXTRA", "CuratedDocument", "curated_documents", "find_curated"]

#: How many paragraphs an article may have above those its curated document counts.
MAX_EXTRA = 3


@dataclass(frozen=True)
class CuratedDocument:
    """What a curated document says of the article it was made from."""

    id: str
    paragraphs: int
    url: str = ""
    seed_file: str = ""
    #: The quotations of its statements, each with its paragraph's number.
    quotes: tuple[tuple[int, str], ...] = ()

    def is_read_as(self, article: Article) -> bool:
        """Whether ``article`` is this document's article (see the module's text).

        Example:
            >>> doc = CuratedDocument("doc/talks", 2, quotes=((2, "a fair deal"),))
            >>> doc.is_read_as(Article("a.txt", "Talks", ("Ministers met.", "It is “A fair deal”, he said.")))
            True
            >>> doc.is_read_as(Article("a.txt", "Talks", ("It is a fair deal.", "Ministers met.")))
            False
        """
        if self.url and article.url:
            return self.url == article.url
        extra = len(article.paragraphs) - self.paragraphs
        if not 0 <= extra <= MAX_EXTRA:
            return False
        if not self.quotes:
            return bool(self.seed_file) and Path(article.path).name == self.seed_file
        return all(
            _words(quote) in _words(article.paragraphs[number - 1 + extra])
            for number, quote in self.quotes
        )


def curated_documents(kg: Any) -> list[CuratedDocument]:
    """The documents of ``kg`` whose paragraphs hold no text (the curated articles; an
    ingested one is known by its text), in the order of their ids."""
    rows = kg.query(
        "SELECT ?doc (MAX(?n) AS ?last) (SAMPLE(?u) AS ?url) (SAMPLE(?s) AS ?seed) WHERE { "
        "GRAPH graph:provenance { ?g prov:wasDerivedFrom ?doc ; irkg:paragraph ?n "
        "FILTER NOT EXISTS { ?g irkg:paragraphText ?text } "
        "OPTIONAL { ?doc irkg:url ?u } OPTIONAL { ?doc irkg:seedFile ?s } } } GROUP BY ?doc",
        own=True,
    )
    found = {
        id_of(doc): (int(last.toPython()), str(url or ""), str(seed or ""))
        for doc, last, url, seed in rows
        if is_entity_iri(doc)
    }
    quotes: dict[str, list[tuple[int, str]]] = {}
    if found:
        rows = kg.query(
            "SELECT ?doc ?n ?quote WHERE { GRAPH ?g { ?statement irkg:quote ?quote } "
            "GRAPH graph:provenance { ?g prov:wasDerivedFrom ?doc ; irkg:paragraph ?n } }",
            own=True,
        )
        for doc, number, quote in rows:
            if is_entity_iri(doc) and id_of(doc) in found:
                quotes.setdefault(id_of(doc), []).append((int(number.toPython()), str(quote)))
    return [
        CuratedDocument(doc, last, url, seed, tuple(sorted(quotes.get(doc, []))))
        for doc, (last, url, seed) in sorted(found.items())
    ]


def find_curated(article: Article, documents: Sequence[CuratedDocument]) -> str | None:
    """The id of the curated document ``article`` is, if it is one.

    Example:
        >>> docs = [CuratedDocument("doc/forum", 1, seed_file="forum.txt")]
        >>> find_curated(Article("in/forum.txt", "Forum", ("Delegates met.",)), docs)
        'doc/forum'
    """
    return next((doc.id for doc in documents if doc.is_read_as(article)), None)


def _words(text: str) -> str:
    """``text``'s words, in lower case, between single spaces (quotation marks, dashes
    and line breaks do not count)."""
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "
