"""``irkg ingest``: read articles, link and extract, and write what they gave.

All articles are read first: if any cannot be, nothing is written and every problem is
reported together. Then each new article's document and mentions go into the graph at
once (a data file under ``data/ingested/``, or the store), and its proposals into a
review file. An article already in the graph (the same URL, or else the same text; for
an article curated by hand, see :mod:`irkg.ingest.curated`) changes nothing, and a
review file a person has edited is never overwritten.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from irkg.errors import DataError, Issue
from irkg.ingest.article import Ingested, ingest_article
from irkg.ingest.curated import curated_documents, find_curated
from irkg.ingest.link import Gazetteer
from irkg.ingest.read import ARTICLE_SUFFIXES, read_article
from irkg.ingest.review import data_file, review_file

__all__ = ["IngestReport", "find_articles", "ingest_files"]

#: A web address as --url takes it: http(s), a host, no spaces or controls.
_WEB_ADDRESS = re.compile(r"^https?://[^\s/?#@]+(?:[/?#][^\s]*)?$")


@dataclass
class IngestReport:
    """What a run of ``irkg ingest`` did."""

    #: Each article: the file, its document id, and whether it was new.
    documents: list[tuple[str, str, bool]] = field(default_factory=list)
    mentions: int = 0
    ambiguous: int = 0
    candidates: int = 0
    figures: int = 0
    #: Files written, and review files left alone because a person changed them.
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def new(self) -> int:
        """How many articles were new to the graph."""
        return sum(1 for *_, new in self.documents if new)


def ingest_files(
    paths: Sequence[Path],
    *,
    data_dir: Path = Path("data"),
    store: str | None = None,
    review_dir: Path | None = Path("review"),
    title: str | None = None,
    date: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    step: Callable[[str], None] | None = None,
    phase: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest the articles at ``paths`` (see the module's text).

    Args:
        paths: the articles (``.txt``, ``.md``, ``.html``), or folders of them.
        data_dir: the curated data; new articles' data files go to ``data_dir/ingested``
            unless ``store`` is given.
        store: a store spec (``oxigraph:DIR``, ``sparql:URL``) to add the documents and
            mentions to instead, checked and reasoned as ``irkg load`` does.
        review_dir: where review files go (None: none are written).
        title, url: the article's, for a single article; date, publisher: for all.
        step: told each file's name as it is ingested (for a progress bar).
        phase: told when the work moves on to the store (``adding to the store``,
            then the store's ``checking`` and ``reasoning``).

    Raises:
        DataError: for every article that cannot be read, or for flags that do not fit;
            nothing is written.
    """
    started = time.perf_counter()
    paths = find_articles(paths)
    if (title or url) and len(paths) > 1:
        flag = "--title" if title else "--url"
        raise DataError([Issue(flag, None, None, None, "names one article: give one file")])
    if url and not _WEB_ADDRESS.fullmatch(url):
        raise DataError([Issue("--url", None, None, None, f"expected an http(s) URL, got {url!r}")])
    kg = _graph(data_dir, store)
    gazetteer = Gazetteer.of(kg)
    issues: list[Issue] = []
    articles = []
    for path in paths:
        try:
            articles.append(
                read_article(Path(path), title=title, date=date, publisher=publisher, url=url)
            )
        except DataError as exc:
            issues += exc.issues
    taken = dict.fromkeys((entity for entity, _ in gazetteer.names), "")
    done: dict[str, Ingested] = {}
    report = IngestReport()
    curated = curated_documents(kg)
    for article in articles:
        if step is not None:
            step(article.path)
        known = find_curated(article, curated)
        if known is not None:
            report.documents.append((article.path, known, False))
            continue
        try:
            ingested = ingest_article(article, gazetteer, taken)
        except DataError as exc:
            issues += exc.issues
            continue
        first = done.setdefault(ingested.doc_id, ingested)
        if first.article.paragraphs != article.paragraphs:
            issues.append(_same_url(article, first.article.path))
        report.documents.append((article.path, ingested.doc_id, first is ingested))
    present = _present(kg, list(done))
    for doc_id, texts in present.items():
        if texts and texts != done[doc_id].article.paragraphs:
            issues.append(_same_url(done[doc_id].article, "the graph"))
    if issues:
        raise DataError(issues)
    report.documents = [(p, d, new and d not in present) for p, d, new in report.documents]
    fresh = [i for i in done.values() if i.doc_id not in present]
    for ingested in fresh:
        report.mentions += ingested.mentions
        report.ambiguous += sum(len(p.ambiguous) for p in ingested.paragraphs)
        report.candidates += len(ingested.proposals)
        report.figures += ingested.figures
    # The review files first: if they cannot be written, the articles are not in the
    # graph either (and a run again writes them), so no proposal is lost.
    slugs = [(i, i.doc_id.removeprefix("doc/")) for i in fresh]
    _refuse_odd_files(
        [review_dir / f"{slug}.yaml" for _, slug in slugs if review_dir is not None]
        + [data_dir / "ingested" / f"{slug}.yaml" for _, slug in slugs if not store]
    )
    if review_dir is not None:
        for ingested, slug in slugs:
            review, data_path = review_dir / f"{slug}.yaml", data_dir / "ingested" / f"{slug}.yaml"
            text = review_file(ingested, ingested.article.path, str(review), str(data_path))
            _write_new(review, text, report)
    if store:
        _add_to_store(store, fresh, phase)
    else:
        for ingested, slug in slugs:
            _write_new(data_dir / "ingested" / f"{slug}.yaml", data_file(ingested), report)
    report.seconds = time.perf_counter() - started
    return report


def find_articles(paths: Sequence[Path]) -> list[Path]:
    """The files given, and in each folder given the articles it holds (.txt, .md, .html
    at any depth, in name order; links to folders are not followed).

    Raises:
        DataError: for each folder that holds no article.

    Example:
        >>> [p.name for p in find_articles([Path("tests/examples/articles")])]
        ['fertiliser-deal.md', 'grain.txt', 'rail-talks.html']
    """
    found: list[Path] = []
    empty: list[Issue] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        inside = []
        for folder, folders, names in os.walk(path):
            folders.sort()
            inside += [
                Path(folder) / n for n in names if Path(n).suffix.lower() in ARTICLE_SUFFIXES
            ]
        if not inside:
            kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
            empty.append(Issue(str(path), None, None, None, f"a folder with no article ({kinds})"))
        found += sorted(inside)
    if empty:
        raise DataError(empty)
    return found


def _graph(data_dir: Path, store: str | None) -> Any:
    from irkg.graph import KnowledgeGraph
    from irkg.pipeline import project_cache

    if store:
        return KnowledgeGraph.open(store)
    return KnowledgeGraph.from_data(data_dir, reason=False, cache=project_cache(data_dir))


def _present(kg: Any, doc_ids: list[str]) -> dict[str, tuple[str, ...]]:
    """The documents the graph already has, each with its paragraphs' text if recorded."""
    from irkg.iris import entity_iri, id_of

    if not doc_ids:
        return {}
    values = " ".join(entity_iri(d).n3() for d in doc_ids)
    rows = kg.query(
        f"SELECT ?doc ?n ?text WHERE {{ VALUES ?doc {{ {values} }} "
        "GRAPH graph:provenance { ?doc a ?kind OPTIONAL { ?g prov:wasDerivedFrom ?doc ; "
        "irkg:paragraph ?n ; irkg:paragraphText ?text } } }",
        own=True,
    )
    found: dict[str, dict[int, str]] = {}
    for doc, number, text in rows:
        paragraphs = found.setdefault(id_of(doc), {})
        if number is not None and text is not None:
            paragraphs[int(number.toPython())] = str(text)
    return {doc: tuple(p[n] for n in sorted(p)) for doc, p in found.items()}


def _same_url(article: Any, other: str) -> Issue:
    return Issue(
        article.path,
        None,
        None,
        "url",
        f"{article.url} names an article with another text ({other}): give this one "
        "its own --url, or none",
    )


class _Phases:
    """What a store's load says of itself, passed on (see :class:`irkg.graph.stores.Progress`)."""

    def __init__(self, phase: Callable[[str], None]) -> None:
        self.phase = phase

    def read(self, size: int, quads: int) -> None:
        """Bytes read: the article count already tells how far the work is."""


def _add_to_store(
    spec: str, articles: list[Ingested], phase: Callable[[str], None] | None = None
) -> None:
    """The articles' documents and mentions, into the store in one checked load."""
    from rdflib.plugins.serializers.nquads import _nq_row

    from irkg.graph.stores import open_store

    if not articles:
        return
    with tempfile.TemporaryDirectory(prefix="irkg-ingest-") as folder:
        path = Path(folder) / "ingested.nq"
        with path.open("w", encoding="utf-8") as out:
            for ingested in articles:
                out.writelines(
                    _nq_row((s, p, o), g)  # type: ignore[no-untyped-call]
                    for s, p, o, g in ingested.quads()
                )
        if phase is not None:
            phase("adding to the store")
        open_store(spec).add([path], _Phases(phase) if phase is not None else None)


def _refuse_odd_files(paths: list[Path]) -> None:
    """Refuse, before anything is written, to write where a FIFO, a folder or another
    file that is not a regular one stands (reading it to compare could never end).

    Raises:
        DataError: naming each.
    """
    odd = [p for p in paths if p.exists() and not p.is_file()]
    if odd:
        message = "not a regular file: irkg ingest writes a file of the article there"
        raise DataError([Issue(str(p), None, None, None, message) for p in odd])


def _write_new(path: Path, text: str, report: IngestReport) -> None:
    """Write ``text`` to ``path`` unless the file is there: the same (nothing to do) or
    changed by a person (kept, and said so)."""
    from irkg.exports.files import write_atomic

    if path.exists():
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            report.kept.append(path)
        return
    write_atomic(path, text)
    report.written.append(path)
