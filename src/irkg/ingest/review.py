"""The files ``irkg ingest`` writes, in the curated data format (see ``data/``).

- The **data file** (``data/ingested/<slug>.yaml``): the document, each paragraph's text
  and its mentions, ``[id, begin, end]``, sealed (:mod:`irkg.ingest.seal`). Loading it
  gives the quads :meth:`irkg.ingest.article.Ingested.quads` gives.
- The **review file**: the same, and under each paragraph's ``facts`` what irkg proposes
  there, with the evidence as comments: new entities (ready to accept) and figures and
  dates (drafts, commented out, since what a figure measures needs a person). A person
  edits it and runs ``irkg accept``, which puts it in place of the data file.

Both are written the same way for the same article (byte for byte), and nothing from the
article becomes YAML structure: text is quoted, and comments hold one line of plain text.
"""

from __future__ import annotations

from decimal import Decimal

from irkg.ingest.article import Ingested, Paragraph
from irkg.ingest.figures import Figure
from irkg.ingest.seal import seal
from irkg.loaders.text import BAD_TEXT, one_line

__all__ = ["data_file", "quoted", "review_file"]

#: How a money figure is scaled to a unit, largest first.
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
_HEADER = """\
# An article read by irkg ingest: the document, each paragraph's text, and the
# mentions of entities the graph knows, as [id, begin, end] of the text. Facts
# from it come only through a reviewed file (irkg accept).
"""


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly (the text holds
    no character YAML cannot print: irkg's readers refuse or replace them).

    Example:
        >>> quoted('Russia\\'s "deal" \\\\ 5%')
        '"Russia\\'s \\\\"deal\\\\" \\\\\\\\ 5%"'
    """
    if BAD_TEXT.search(text):
        raise ValueError("text with a character YAML cannot hold")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comment(text: str, limit: int = 300) -> str:
    """One line of text fit to follow ``#``: no line breaks or controls, cut at ``limit``."""
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def data_file(ingested: Ingested) -> str:
    r"""The data file of an ingested article (see the module's text), sealed
    (:func:`irkg.ingest.seal.seal`).

    Example:
        >>> from irkg.ingest import Article, Gazetteer, ingest_article
        >>> done = ingest_article(Article("a.txt", "Talks", ("Russia's envoy.",)),
        ...                       Gazetteer([("country/russia", "Russia")]))
        >>> print(data_file(done).split("paragraphs:\n")[1], end="")  # doctest: +ELLIPSIS
          - paragraph: 1
            text: "Russia's envoy."
            mentions:
              - [country/russia, 0, 6]  # Russia
        # irkg wrote this file: sha256 ...
    """
    return seal(
        _HEADER
        + "".join(_document(ingested))
        + "".join(line for p in ingested.paragraphs for line in _paragraph(p))
    )


def review_file(ingested: Ingested, source: str, review_path: str, data_path: str) -> str:
    """The review file of an ingested article (see the module's text).

    Args:
        ingested: the article.
        source: the file it was read from, as the user named it.
        review_path: where the review file goes.
        data_path: where its data file is (``irkg accept`` writes there).

    Example:
        >>> from irkg.ingest import Article, Gazetteer, ingest_article
        >>> done = ingest_article(Article("a.txt", "T", ("Minister Ivan Petrov spoke.",)),
        ...                       Gazetteer([("country/russia", "Russia")]))
        >>> text = review_file(done, "a.txt", "review/a.yaml", "data/ingested/a.yaml")
        >>> print(text[text.index("    facts:"):], end="")
            facts:
              # New person? 'Ivan Petrov': after 'Minister'.
              #   in: Minister Ivan Petrov spoke.
              - id: person/ivan-petrov
                type: Person
                label: "Ivan Petrov"
    """
    doc = ingested.doc_id
    lines = [
        f"# Review: {_comment(ingested.article.title)}\n",
        f"# Read from {_comment(source)} as {doc}.\n",
        "#\n",
        "# The document and its mentions are in the graph already. Under each paragraph's\n",
        "# facts, irkg proposes what it found but does not know: new entities, ready to\n",
        "# accept, and figures and dates, as drafts (commented out: say what a figure\n",
        "# measures before you keep it). Keep what the article states, correct it, delete\n",
        "# the rest, then run:\n",
        f"#   irkg accept {_comment(review_path)}\n",
        f"# which checks it with the rest of the data and puts it in {_comment(data_path)}.\n",
    ]
    by_paragraph: dict[int, list[str]] = {}
    for proposal in ingested.proposals:
        c = proposal.candidate
        by_paragraph.setdefault(proposal.paragraph, []).extend(
            [
                f"      # New {proposal.type.lower()}? {_comment(c.name)!r}: {_comment(c.evidence)}.\n",
                *(f"      #   in: {_comment(s)}\n" for s in c.sentences[:3]),
                f"      - id: {proposal.id}\n",
                f"        type: {proposal.type}\n",
                f"        label: {quoted(c.name)}\n",
            ]
        )
    body = []
    for p in ingested.paragraphs:
        body += _paragraph(p)
        for m in p.ambiguous:
            body.append(
                f"    # {_comment(m.surface)!r} at {m.start}-{m.end} may be "
                f"{' or '.join(m.candidates)}: to link it, add [id, {m.start}, {m.end}] to mentions.\n"
            )
        drafts = [line for n, f in enumerate(p.figures, 1) for line in _draft(ingested, p, n, f)]
        proposed = by_paragraph.get(p.number, [])
        if proposed or drafts:
            body += ["    facts:\n", *proposed, *drafts]
    return "".join(lines) + "".join(_document(ingested)) + "".join(body)


def _document(ingested: Ingested) -> list[str]:
    article = ingested.article
    lines = [
        "document:\n",
        f"  id: {ingested.doc_id}\n",
        "  type: NewsArticle\n",
        f"  label: {quoted(article.title)}\n",
    ]
    if article.date:
        lines.append(f"  date: {article.date}\n")
    if article.publisher:
        lines.append(f"  publisherName: {quoted(article.publisher)}\n")
    if article.url:
        lines.append(f"  url: {quoted(article.url)}\n")
    return [*lines, "paragraphs:\n"]


def _paragraph(p: Paragraph) -> list[str]:
    lines = [f"  - paragraph: {p.number}\n", f"    text: {quoted(p.text)}\n"]
    if p.linked:
        lines.append("    mentions:\n")
        lines += [
            f"      - [{m.entity}, {m.start}, {m.end}]  # {_comment(m.surface)}\n" for m in p.linked
        ]
    return lines


def _draft(ingested: Ingested, p: Paragraph, n: int, figure: Figure) -> list[str]:
    """A figure or date as a commented-out draft, with what it was read as."""
    where = [f"      #   in: {_comment(figure.sentence)}\n"]
    slug = ingested.doc_id.removeprefix("doc/")
    if figure.kind == "period":
        return [
            f"      # A period: {_comment(figure.surface)!r}, {figure.begins} to {figure.ends} "
            f"({figure.unit}).\n",
            *where,
            f"      # - id: period/{slug}-p{p.number}-{n}\n",
            "      #   type: Period\n",
            f"      #   label: {quoted(_comment(figure.surface))}\n",
            f"      #   startDate: {figure.begins}\n",
            f"      #   endDate: {figure.ends}\n",
        ]
    value, unit = _scaled(figure)
    lines = [
        f"      # A figure ({figure.kind}): {_comment(figure.surface)!r} = {_plain(figure.value or Decimal(0))} "
        f"{_comment(figure.unit)}.\n",
        *where,
        f"      # - id: obs/{slug}-p{p.number}-{n}\n",
        "      #   type: Observation\n",
        f"      #   label: {quoted(_comment(figure.surface))}\n",
        "      #   measure: measure/...  # what it measures\n",
        f"      #   value: {value}\n",
        f"      #   unit: unit/{unit}\n",
    ]
    near = p.entities_near(figure.start)
    if near:
        lines.append(f"      #   concerns: [{', '.join(near)}]\n")
    return lines


def _scaled(figure: Figure) -> tuple[str, str]:
    """A figure's value and unit id as the curated data writes them (5.43, usd-billion)."""
    value = figure.value if figure.value is not None else Decimal(0)
    unit = "".join(c if c.isalnum() else "-" for c in figure.unit.lower()).strip("-") or "count"
    if figure.kind == "percent":
        return _plain(value), "percent"
    if figure.kind == "money":
        for scale, name in _SCALES:
            if value >= scale:
                return _plain(value / scale), f"{unit}-{name}"
    return _plain(value), unit


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
