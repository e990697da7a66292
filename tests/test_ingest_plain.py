"""Plain text into paragraphs and a title: a paragraph a line or hard-wrapped lines, a
title line only when the first line reads as one, datelines and captions as body. The
articles under tests/examples/news are written for these tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from irkg.graph import KnowledgeGraph
from irkg.ingest import read_article

NEWS = EXAMPLES / "news"


def test_plain_a_paragraph_a_line_gives_each_line_as_a_paragraph() -> None:
    article = read_article(NEWS / "wire-single-newlines.txt")
    assert article.title == "India and Russia to double fertiliser shipments under new rupee deal"
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("NEW DELHI, March 12 (Reuters) - India will import")
    assert article.paragraphs[0].endswith("Fertiliser Secretary Anil Deshmukh said.")
    assert article.paragraphs[1].startswith('"The deal gives our farmers certainty')
    assert article.paragraphs[3] == "Payment terms"  # a sub-heading is a paragraph of its own


def test_plain_hard_wrapped_lines_are_joined_with_or_without_blank_lines() -> None:
    spaced = read_article(NEWS / "wrapped.txt")
    packed = read_article(NEWS / "wrapped-no-blank-lines.txt")
    assert spaced.title == packed.title == "Kudankulam unit joins the grid after delay"
    assert packed.paragraphs == spaced.paragraphs
    assert len(packed.paragraphs) == 4 and packed.paragraphs[2] == "Grid outlook"
    assert packed.paragraphs[0].endswith("ending a delay of almost two years.")
    assert "Russian-built nuclear unit" in packed.paragraphs[0]  # the hyphen kept, no space


@pytest.mark.parametrize("width", [60, 72, 80, 100])
def test_plain_a_paragraph_a_line_and_its_wrapped_copy_read_the_same(
    tmp_path: Path, width: int
) -> None:
    lines = (NEWS / "wire-single-newlines.txt").read_text(encoding="utf-8").splitlines()
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("\n\n".join(textwrap.fill(line, width) for line in lines))
    assert (
        read_article(wrapped).paragraphs
        == read_article(NEWS / "wire-single-newlines.txt").paragraphs
    )


def test_plain_a_text_without_a_title_line_keeps_its_first_paragraph() -> None:
    article = read_article(NEWS / "dateline-first.txt")
    assert article.title == "dateline-first"  # from the file's name
    assert len(article.paragraphs) == 3
    # The dateline on a line of its own begins the paragraph after it.
    assert article.paragraphs[0].startswith(
        "NEW DELHI, Dec 4 (Reuters) - Russian Deputy Energy Minister Viktor Orlov said"
    )
    named = read_article(NEWS / "dateline-first.txt", title="Russian oil to keep flowing")
    assert (named.title, named.paragraphs) == ("Russian oil to keep flowing", article.paragraphs)


def test_plain_a_photo_caption_is_body_not_title() -> None:
    article = read_article(NEWS / "caption-first.txt")
    assert article.title == "caption-first"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].endswith("REUTERS/Anna Kirova")
    assert article.paragraphs[1].startswith("MOSCOW, Aug 21 (Reuters) - India and Russia")


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Envoys meet in Kazan", True),
        ("Will India buy more Russian wheat?", True),
        ("Envoys met in Kazan on Monday.", False),  # a sentence: body
        ("MOSCOW (AP) \u2014", False),  # a dateline
        ("NEW DELHI, December 4 (PTI)", False),
        ("By Meera Iyer and Oleg Petrov", False),  # a byline
        ("FILE PHOTO: A tanker at the port of Vadinar", False),
        ("Envoys met. Trade was on the agenda", False),  # two sentences
        ("the talks went on late", False),
    ],
)
def test_plain_the_first_line_is_a_title_only_when_it_reads_as_one(
    tmp_path: Path, first: str, title: bool
) -> None:
    path = tmp_path / "talks.txt"
    body = "Deputy Minister Oleg Petrov of Russia met India's envoy in Kazan on Monday."
    path.write_text(f"{first}\n\n{body}\n")
    article = read_article(path)
    if title:
        assert (article.title, article.paragraphs) == (first, (body,))
    else:
        assert article.title == "talks"
        assert article.paragraphs[-1].endswith(body) and len(article.paragraphs) <= 2
        assert first in article.paragraphs[0]


def test_plain_the_seed_articles_give_the_paragraphs_their_curated_data_counts(
    asserted_kg: KnowledgeGraph,
) -> None:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("the seed articles are not beside the project")
    rows = asserted_kg.query(
        "SELECT ?seed (MAX(?n) AS ?last) WHERE { GRAPH graph:provenance { ?doc irkg:seedFile "
        "?seed . ?g prov:wasDerivedFrom ?doc ; irkg:paragraph ?n } } GROUP BY ?seed"
    )
    counted = {str(seed): int(last.toPython()) for seed, last in rows}  # type: ignore[misc]
    assert {s.name: len(read_article(s).paragraphs) for s in seeds} == counted
