"""Reading an article: plain text, Markdown, or a saved web page, into its paragraphs.

A web page's main text comes from trafilatura (the field's standard for it): menus,
cookie banners, scripts, related links and footers are dropped, and the title, date and
site name are read from the page where it has them. Flags given by the user win over
what the page says. Nothing is fetched: a page is read from the file it was saved in,
and trafilatura runs sealed (:func:`irkg.guard.sealed`).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from irkg.errors import DataError, Issue
from irkg.guard import sealed
from irkg.ingest.plain import plain_paragraphs
from irkg.loaders.text import one_line

__all__ = ["ARTICLE_SUFFIXES", "MAX_BYTES", "Article", "read_article"]

#: The largest article read, in bytes (news articles are a few tens of kilobytes).
MAX_BYTES = 5_000_000

_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
             ".html": "html", ".htm": "html"}  # fmt: skip
#: The file names read as articles, by their ending (in any case).
ARTICLE_SUFFIXES = frozenset(_SUFFIXES)


@dataclass(frozen=True)
class Article:
    """An article read: where from, what it says of itself, and its paragraphs in order."""

    path: str
    title: str
    paragraphs: tuple[str, ...]
    date: str = ""
    publisher: str = ""
    url: str = ""

    @property
    def key(self) -> str:
        """What names the article: its URL when it has one, else its text (so that the
        same article read twice is the same document).

        Example:
            >>> Article("a.txt", "T", ("One.", "Two.")).key == Article("b.txt", "T", ("One.", "Two.")).key
            True
        """
        basis = self.url or "\n\n".join(self.paragraphs)
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def read_article(
    path: Path,
    *,
    title: str | None = None,
    date: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> Article:
    """Read ``path`` as text (``.txt``), Markdown (``.md``) or a saved web page
    (``.html``).

    Raises:
        DataError: for a file that is missing, too big, binary, not UTF-8, of another
            kind, or without text; the message names the file.
    """
    kind = _SUFFIXES.get(path.suffix.lower())
    where = str(path)

    def refuse(message: str) -> DataError:
        return DataError([Issue(where, None, None, None, message)])

    if kind is None:
        raise refuse(f"expected an article as {', '.join(sorted(_SUFFIXES))}")
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise refuse("not a regular file")
        if size > MAX_BYTES:
            raise refuse(f"{size:,} bytes: an article is at most {MAX_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        raise refuse(f"cannot read the file: {exc.strerror or exc}") from exc
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows' "Unicode"
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise refuse(f"not UTF-16 text as its byte order mark says (byte {exc.start})") from exc
    if b"\x00" in raw:
        raise refuse("a binary file, not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(f"not UTF-8 text (byte {exc.start} cannot be read)") from exc
    found_title, found_date, found_publisher, blocks = {
        "text": _text,
        "markdown": _markdown,
        "html": _html,
    }[kind](text)
    paragraphs = tuple(p for p in map(one_line, blocks) if p)
    if not paragraphs:
        raise refuse("no text: an article needs at least one paragraph")
    return Article(
        where,
        one_line(title or found_title or "") or one_line(path.stem) or "untitled",
        paragraphs,
        date=one_line(date or found_date or ""),
        publisher=one_line(publisher or found_publisher or ""),
        url=one_line(url or ""),
    )


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]


def _text(text: str) -> tuple[str, str, str, list[str]]:
    """Plain text: its title line, if it has one, and its paragraphs (see
    :mod:`irkg.ingest.plain`)."""
    title, paragraphs = plain_paragraphs(text)
    return title, "", "", paragraphs


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _markdown(text: str) -> tuple[str, str, str, list[str]]:
    """Markdown: the first heading is the title; other headings, code blocks, rules and
    images are not paragraphs; links keep their text, emphasis its words."""
    title, paragraphs = "", []
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    for block in _blocks(text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        heading = re.match(r"#{1,6}\s+(.*)", lines[0])
        if heading and len(lines) == 1:
            title = title or heading.group(1).strip("# ")
            continue
        if all(re.fullmatch(r"[-*_]{3,}|!\[[^\]]*\]\([^)]*\)", line) for line in lines):
            continue
        words = " ".join(re.sub(r"^(?:[-*+>]|\d+[.)])\s+", "", line) for line in lines)
        words = _MARKS.sub(r"\2", _LINK.sub(r"\1", words))
        paragraphs.append(words)
    return title, "", "", paragraphs


def _html(text: str) -> tuple[str, str, str, list[str]]:
    """A saved web page: its main text, by trafilatura; nothing fetched."""
    import trafilatura

    with sealed():
        document = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False
        )
    if document is None:
        return "", "", "", []
    title = str(getattr(document, "title", "") or "")
    lines = [line.strip() for line in str(getattr(document, "text", "") or "").split("\n")]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return (
        title,
        str(getattr(document, "date", "") or ""),
        str(getattr(document, "sitename", "") or ""),
        [line for line in lines if line],
    )
