"""One article ingested: its paragraphs, the known entities each mentions, the figures
and dates it states, and the names the graph does not know, as proposals for review.

What goes into the graph at once is the document, its paragraphs and their mentions
(:meth:`Ingested.quads`), in the provenance model of the curated articles: the document
in the provenance graph, one assertion graph per paragraph, each mention in its
paragraph's graph. The same quads come from loading the data file
:func:`irkg.ingest.review.data_file` writes, so a store and ``data/`` hold the same.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import Literal, URIRef
from rdflib.term import Node

from irkg.errors import DataError, Issue
from irkg.ingest.candidates import Candidate, find_candidates
from irkg.ingest.figures import Figure, find_figures, sentences
from irkg.ingest.link import Gazetteer, Mention
from irkg.ingest.read import Article
from irkg.iris import PROVENANCE_GRAPH, document_graph, entity_iri, paragraph_graph
from irkg.loaders.yaml_loader import paragraph_quads
from irkg.ontology import IRKG
from irkg.ontology.namespaces import PROV, RDF, RDFS, XSD

__all__ = ["KIND_CLASSES", "Ingested", "Paragraph", "Proposal", "ingest_article"]

Quad = tuple[Node, Node, Node, URIRef]

#: A candidate's guessed kind -> the class it is proposed as, and its ids' kind.
KIND_CLASSES = {
    "person": ("Person", "person"),
    "organisation": ("Organization", "organization"),
    "event": ("Event", "event"),
    "agreement": ("Agreement", "agreement"),
    "route": ("Route", "route"),
    "place": ("Place", "place"),
    "unknown": ("Entity", "entity"),
}


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an ingested article: its number (from 1), text, the names found
    in it (linked, or ambiguous) and its figures and dates."""

    number: int
    text: str
    mentions: tuple[Mention, ...]
    figures: tuple[Figure, ...]

    @cached_property
    def linked(self) -> list[Mention]:
        """The mentions of one known entity each."""
        return [m for m in self.mentions if m.entity is not None]

    @property
    def ambiguous(self) -> list[Mention]:
        """The names that may mean several known entities, left for a person to decide."""
        return [m for m in self.mentions if m.entity is None]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The spans of the paragraph's sentences."""
        return sentences(self.text)

    @cached_property
    def _starts(self) -> list[int]:
        return [a for a, _ in self.sentences]

    @cached_property
    def _by_sentence(self) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for m in self.linked:
            index = bisect.bisect_right(self._starts, m.start) - 1
            found.setdefault(index, []).append(m.entity)  # type: ignore[arg-type]
        return {index: list(dict.fromkeys(entities)) for index, entities in found.items()}

    def entities_near(self, start: int) -> list[str]:
        """The entities linked in the sentence that holds ``start``, in order, once each."""
        return self._by_sentence.get(bisect.bisect_right(self._starts, start) - 1, [])


@dataclass(frozen=True)
class Proposal:
    """A candidate entity as proposed for review: under which id, in which paragraph."""

    id: str
    type: str
    paragraph: int
    candidate: Candidate


@dataclass(frozen=True)
class Ingested:
    """What one article gave (see the module's text)."""

    article: Article
    doc_id: str
    paragraphs: tuple[Paragraph, ...]
    proposals: tuple[Proposal, ...] = field(default=())

    @property
    def mentions(self) -> int:
        """How many mentions were linked."""
        return sum(len(p.linked) for p in self.paragraphs)

    @property
    def figures(self) -> int:
        """How many figures and dates were found."""
        return sum(len(p.figures) for p in self.paragraphs)

    def quads(self) -> list[Quad]:
        """The document, its paragraphs and their mentions, as quads."""
        doc = entity_iri(self.doc_id)
        meta = PROVENANCE_GRAPH
        quads: list[Quad] = [
            (doc, RDF.type, IRKG.NewsArticle, meta),
            (doc, RDFS.label, Literal(self.article.title), meta),
        ]
        if self.article.date:
            date = dt.date.fromisoformat(self.article.date)
            quads.append((doc, IRKG.date, Literal(date, datatype=XSD.date), meta))
        if self.article.publisher:
            quads.append((doc, IRKG.publisherName, Literal(self.article.publisher), meta))
        if self.article.url:
            quads.append((doc, IRKG.url, Literal(self.article.url), meta))
        graphs: list[tuple[URIRef, int | None]] = [(document_graph(self.doc_id), None)]
        graphs += [(paragraph_graph(self.doc_id, p.number), p.number) for p in self.paragraphs]
        for graph, number in graphs:
            quads += [
                (graph, RDF.type, IRKG.AssertionGraph, meta),
                (graph, PROV.wasDerivedFrom, doc, meta),
            ]
            if number is not None:
                quads.append((graph, IRKG.paragraph, Literal(number), meta))
        for p in self.paragraphs:
            spans = [(m.entity, m.start, m.end) for m in p.linked]
            quads += paragraph_quads(self.doc_id, p.number, p.text, spans)  # type: ignore[arg-type]
        return quads


def ingest_article(
    article: Article, gazetteer: Gazetteer, taken: dict[str, str] | None = None
) -> Ingested:
    """Link, extract and propose for one article read by :func:`irkg.ingest.read_article`.

    Args:
        article: the article.
        gazetteer: the names of the graph's entities.
        taken: the ids in use, each with the name it was proposed for ("" for the
            graph's own): the new proposals are added to it, and a name proposed for an
            article before in the same run keeps its id (so that accepting both reviews
            says the id is declared twice, instead of making two entities of one).
            By default, the gazetteer's ids.

    Raises:
        DataError: if the article's date is not a date (``--date``, or the page's).

    Example:
        >>> from irkg.ingest.read import Article
        >>> g = Gazetteer([("country/russia", "Russia"), ("country/india", "India")])
        >>> done = ingest_article(Article("a.txt", "Talks", ("Minister Ivan Petrov of Russia met India's envoy.",)), g)
        >>> [(m.surface, m.entity) for m in done.paragraphs[0].linked], [p.id for p in done.proposals]
        ([('Russia', 'country/russia'), ('India', 'country/india')], ['person/ivan-petrov'])
    """
    if article.date:
        try:
            dt.date.fromisoformat(article.date)
        except ValueError:
            raise DataError(
                [
                    Issue(
                        article.path,
                        None,
                        None,
                        "date",
                        f"expected a date YYYY-MM-DD, got {article.date!r}",
                    )
                ]
            ) from None
    taken = taken if taken is not None else dict.fromkeys((e for e, _ in gazetteer.names), "")
    paragraphs, proposals = [], []
    proposed: dict[str, Proposal] = {}
    for number, text in enumerate(article.paragraphs, 1):
        mentions = tuple(gazetteer.find(text))
        paragraph = Paragraph(number, text, mentions, tuple(find_figures(text)))
        paragraphs.append(paragraph)
        spans, starts = paragraph.sentences, paragraph._starts
        # Names the graph knows, and figures ('Rs 40 crore', 'FY2026-27'), are no candidates.
        known = []
        for start, end in [(m.start, m.end) for m in mentions] + [
            (f.start, f.end) for f in paragraph.figures
        ]:
            index = max(bisect.bisect_right(starts, start) - 1, 0)
            while index < len(spans) and spans[index][0] < end:
                a, b = spans[index]
                if start < b:
                    known.append((index, max(start, a) - a, min(end, b) - a))
                index += 1
        found = find_candidates([text[a:b] for a, b in spans], known)
        new_names = sorted((spans[i][0] + s, spans[i][0] + e) for c in found for i, s, e in c.spans)
        paragraphs[-1] = _outside(paragraph, new_names)
        for candidate in found:
            if candidate.name in proposed:
                for sentence in candidate.sentences:
                    if sentence not in proposed[candidate.name].candidate.sentences:
                        proposed[candidate.name].candidate.sentences.append(sentence)
                continue
            type_name, kind = KIND_CLASSES.get(candidate.kind, KIND_CLASSES["unknown"])
            proposal = Proposal(_new_id(kind, candidate.name, taken), type_name, number, candidate)
            proposed[candidate.name] = proposal
            proposals.append(proposal)
    return Ingested(article, f"doc/article-{article.key}", tuple(paragraphs), tuple(proposals))


def _outside(paragraph: Paragraph, names: list[tuple[int, int]]) -> Paragraph:
    """The paragraph without the mentions inside a new name (``names``: sorted spans):
    'India' in 'Reserve Bank of India' names a bank, not the country."""
    starts = [a for a, _ in names]

    def inside(m: Mention) -> bool:
        index = bisect.bisect_right(starts, m.start) - 1
        return index >= 0 and names[index][1] >= m.end

    kept = tuple(m for m in paragraph.mentions if not inside(m))
    return Paragraph(paragraph.number, paragraph.text, kept, paragraph.figures)


def _new_id(kind: str, name: str, taken: dict[str, str]) -> str:
    """An id for a proposed entity, from its name, that no other entity has (the same
    for the same name proposed again)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-") or "unnamed"
    found, n = f"{kind}/{slug}", 1
    while found in taken and taken[found] != name:
        n += 1
        found = f"{kind}/{slug}-{n}"
    taken[found] = name
    return found
