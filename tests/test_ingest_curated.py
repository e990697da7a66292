"""An article curated by hand, ingested again as text, is known as its curated document:
by its file, or by its paragraphs and the quotations the curated data keeps in them;
nothing is written and no second document is made of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, files_in
from irkg.cli import main
from irkg.graph import KnowledgeGraph
from irkg.ingest.curated import curated_documents
from irkg.iris import entity_iri

MOSCOW = "doc/moscow-diplomats-meeting"
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


def _retyped(kg: KnowledgeGraph, doc_id: str, shift: int = 0) -> str:
    """An article built from a curated document's own data: a paragraph for each of its
    paragraphs, in the project's words (its summary), with the quotations of its
    statements put in the paragraph ``shift`` places after theirs."""
    [doc] = [d for d in curated_documents(kg) if d.id == doc_id]
    rows = kg.query(
        f"SELECT ?n ?summary WHERE {{ GRAPH graph:provenance {{ ?g prov:wasDerivedFrom "
        f"{entity_iri(doc_id).n3()} ; irkg:paragraph ?n ; irkg:summary ?summary }} }}"
    )
    paragraphs = {int(n.toPython()): str(s) for n, s in rows}  # type: ignore[misc]
    assert sorted(paragraphs) == list(range(1, doc.paragraphs + 1)) and doc.quotes
    for number, quote in doc.quotes:
        at = (number - 1 + shift) % doc.paragraphs + 1
        paragraphs[at] += f' "{quote[:1].upper()}{quote[1:]}," an official said.'
    return "\n".join(paragraphs[n] for n in sorted(paragraphs)) + "\n"


def _ingest(data: Path, *files: Path) -> str:
    """What ``irkg ingest FILES`` prints, with the review files beside ``data``."""
    review = data.parent / "review"
    result = CliRunner().invoke(
        main, ["ingest", *map(str, files), "--data", str(data), "--review", str(review)]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_curated_the_same_paragraphs_and_quotations_are_the_curated_article(
    data: Path, tmp_path: Path, asserted_kg: KnowledgeGraph
) -> None:
    retyped = tmp_path / "retyped.txt"
    retyped.write_text(_retyped(asserted_kg, MOSCOW), encoding="utf-8")
    titled = tmp_path / "titled.txt"
    titled.write_text("Diplomats weigh trade in Moscow\n" + retyped.read_text(), encoding="utf-8")
    before = files_in(data)
    output = _ingest(data, retyped, titled)
    assert f"retyped.txt: {MOSCOW} (already in the graph)" in output
    assert f"titled.txt: {MOSCOW} (already in the graph)" in output
    assert "2 article(s), 0 new" in output
    assert files_in(data) == before and not (data.parent / "review").exists()


def test_curated_quotations_in_other_paragraphs_make_another_article(
    data: Path, tmp_path: Path, asserted_kg: KnowledgeGraph
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(_retyped(asserted_kg, MOSCOW, shift=1), encoding="utf-8")
    output = _ingest(data, other)
    assert "1 article(s), 1 new" in output and MOSCOW not in output


@pytest.mark.skipif(not SEEDS, reason="the seed articles are not beside the project")
def test_curated_a_seed_article_is_its_curated_document_under_any_name(
    data: Path, tmp_path: Path, asserted_kg: KnowledgeGraph
) -> None:
    by_file = {d.seed_file: d.id for d in curated_documents(asserted_kg)}
    copies = []
    for seed in SEEDS:
        copy = tmp_path / f"pasted-{seed.name}"
        copy.write_text(seed.read_text(encoding="utf-8").replace("\n", "\n\n"), encoding="utf-8")
        copies.append(copy)
    before = files_in(data)
    output = _ingest(data, *SEEDS, *copies)
    for seed in SEEDS:
        assert f"{seed.name}: {by_file[seed.name]} (already in the graph)" in output
        assert f"pasted-{seed.name}: {by_file[seed.name]} (already in the graph)" in output
    assert files_in(data) == before and not (data.parent / "review").exists()
