"""A build reads again only the data files that changed, and gives exactly the graph a
build from nothing gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from irkg.loaders import DataCache, load_data_store
from irkg.pipeline import build

#: Articles in the corpus the tests grow: enough that one among them is a small change.
ARTICLES = 60


def _article(number: int, label: str = "") -> str:
    """A curated article file in the shape `irkg accept` writes: a document, a city of
    its own, and a paragraph whose facts tie it to the seed graph."""
    return f"""document:
  id: doc/corpus-{number}
  type: NewsArticle
  label: Corpus report {number}
entities:
  - id: city/corpus-city-{number}
    type: City
    label: {label or f"Corpus City {number}"}
paragraphs:
  - paragraph: 1
    summary: Corpus City {number} lies in Russia.
    claims:
      - claim: The city is in Russia.
        facts: [[city/corpus-city-{number}, locatedIn, country/russia]]
    facts:
      - [city/corpus-city-{number}, locatedIn, country/russia]
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "ingested").mkdir()
    for number in range(ARTICLES):
        (data / "ingested" / f"corpus-{number}.yaml").write_text(_article(number))
    return data


def _fresh(data: Path, out: Path) -> str:
    """The N-Quads export of a build that starts from nothing (no cache, no store)."""
    report = build(data, out)
    assert report.reused == 0
    return (out / "irkg.nq").read_text(encoding="utf-8")


def test_build_after_changing_one_article_equals_a_full_build(corpus: Path, tmp_path: Path) -> None:
    """An edited, an added and a removed article: only the two new texts are parsed, and
    every quad (asserted, provenance, inferred) is what a build from nothing gives."""
    out = tmp_path / "kept" / "exports"
    first = build(corpus, out)
    assert (first.parsed, first.reused) == (ARTICLES + 3, 0)
    (corpus / "ingested" / "corpus-7.yaml").write_text(_article(7, label="Renamed City"))
    (corpus / "ingested" / "corpus-new.yaml").write_text(_article(ARTICLES))
    (corpus / "ingested" / "corpus-3.yaml").unlink()
    again = build(corpus, out)
    assert (again.parsed, again.reused) == (2, ARTICLES + 1)
    incremental = (out / "irkg.nq").read_text(encoding="utf-8")
    assert '"Renamed City"' in incremental and "corpus-city-3>" not in incremental
    assert incremental == _fresh(corpus, tmp_path / "fresh" / "exports")
    # What the removed and the edited files gave is gone from the cache too.
    cache = out.parent / ".irkg" / "exports.cache"
    assert len(list(cache.glob("*.json"))) == ARTICLES + 3


def test_cache_entries_that_cannot_be_read_are_parsed_again(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = sorted(map(str, load_data_store(corpus, DataCache(folder))))
    for entry in folder.glob("*.json"):
        entry.write_text(entry.read_text()[:-20])  # cut short
    cache = DataCache(folder)
    assert sorted(map(str, load_data_store(corpus, cache))) == expected
    assert (cache.hits, cache.misses) == (0, ARTICLES + 3)


def test_cache_is_not_used_once_the_loader_changes(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key covers the loader's own source: a new irkg parses everything again."""
    from irkg.loaders import cache as module

    folder = tmp_path / "cache"
    load_data_store(corpus, DataCache(folder))
    monkeypatch.setattr(module, "_loader_fingerprint", lambda: b"another loader")
    cache = DataCache(folder)
    load_data_store(corpus, cache)
    assert (cache.hits, cache.misses) == (0, ARTICLES + 3)


def test_a_file_with_errors_is_never_kept(corpus: Path, tmp_path: Path) -> None:
    from irkg.errors import DataError

    (corpus / "ingested" / "corpus-5.yaml").write_text(_article(5).replace("City\n", "Cty\n"))
    folder = tmp_path / "cache"
    with pytest.raises(DataError, match=r"corpus-5\.yaml"):
        load_data_store(corpus, DataCache(folder))
    again = DataCache(folder)
    with pytest.raises(DataError, match=r"corpus-5\.yaml"):
        load_data_store(corpus, again)
    assert (again.hits, again.misses) == (ARTICLES + 2, 1)
