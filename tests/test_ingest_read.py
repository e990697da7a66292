"""Reading articles: the main text of a saved web page without its furniture, Markdown
and plain text into paragraphs, and every bad input refused with the file named. The
articles under tests/examples/articles are written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ARTICLES
from irkg.errors import DataError
from irkg.ingest import read_article


def test_a_web_page_gives_its_main_text_and_metadata() -> None:
    article = read_article(ARTICLES / "rail-talks.html")
    assert article.title == "Rail talks resume between Delhi and Moscow"
    assert (article.date, article.publisher) == ("2026-11-18", "The Example Courier")
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("Officials from India and Russia met in Moscow")
    page = " ".join(article.paragraphs)
    for furniture in ("Sign in", "cookies", "Related stories", "Copyright", "tracker", "onerror"):
        assert furniture not in page


def test_flags_win_over_the_page() -> None:
    article = read_article(
        ARTICLES / "rail-talks.html", title="Own title", date="2026-11-19", url="https://e.org/x"
    )
    assert (article.title, article.date, article.publisher) == (
        "Own title", "2026-11-19", "The Example Courier"
    )  # fmt: skip
    assert article.key != read_article(ARTICLES / "rail-talks.html").key  # named by its URL


def test_markdown_and_plain_text() -> None:
    note = read_article(ARTICLES / "fertiliser-deal.md")
    assert note.title == "Fertiliser supplies agreed"
    assert note.paragraphs[1] == (
        "India's fertiliser importers signed three new contracts with Russian producers this "
        "week, the commerce ministry said."
    )
    assert note.paragraphs[2] == "Deliveries start in March. Payment will be in rupees and roubles."
    assert not any("crane" in p or "---" in p for p in note.paragraphs)
    plain = read_article(ARTICLES / "grain.txt")
    assert plain.title == "Grain shipments rise" and len(plain.paragraphs) == 2


def test_the_same_text_is_the_same_article(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text((ARTICLES / "grain.txt").read_text() + "\n\n\n")
    assert read_article(copy).key == read_article(ARTICLES / "grain.txt").key


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", b"GIF89a\x00\x01\x02", "a binary file"),
        ("latin.txt", "Caf\u00e9 talks".encode("latin-1"), "not UTF-8 text (byte 3"),
        ("empty.md", b"\n\n  \n", "no text"),
        (
            "scripts.html",
            b"<html><body><script>document.write(1)</script></body></html>",
            "no text",
        ),
        ("report.pdf", b"%PDF-1.4", "expected an article as"),
    ],
)
def test_bad_input_is_refused_with_the_file_named(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=re.escape(f"{name}: {message}")):
        read_article(path)


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(50_000_000)  # sparse: 50 MB that take no room
    with pytest.raises(DataError, match=r"huge.txt: 50,000,000 bytes: an article is at most"):
        read_article(path)
