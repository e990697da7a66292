"""irkg accept: a reviewed file is tried with the rest of data/ through the loader,
reasoning and shapes, and written only when all pass; only a review of its own article."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE_ARTICLES, RAIL_TALKS, files_in
from irkg.cli import main
from irkg.errors import DataError, ValidationError
from irkg.graph import KnowledgeGraph
from irkg.ingest import accept_reviews, ingest_files
from irkg.ingest.seal import is_sealed, unsealed
from irkg.iris import PROVENANCE_GRAPH, entity_iri, paragraph_graph
from irkg.loaders import load_data_dir
from irkg.ontology import IRKG
from irkg.ontology.namespaces import PROV, RDF


def test_accept_takes_the_reviewed_file_into_the_data(data: Path, tmp_path: Path) -> None:
    article = tmp_path / "envoy.txt"
    article.write_text(
        "Envoy named\n\nMinister Ivan Petrov of Russia will lead talks with India.\n",
        encoding="utf-8",
    )
    report = ingest_files([article], data_dir=data, review_dir=tmp_path / "review")
    [review] = [p for p in report.written if p.parent.name == "review"]
    [target] = accept_reviews([review], data)
    assert unsealed(target.read_text()) == review.read_text() and is_sealed(target.read_text())
    ds = load_data_dir(data)
    petrov = entity_iri("person/ivan-petrov")
    [doc_id] = [d for _, d, _ in report.documents]
    assert (petrov, RDF.type, IRKG.Person, paragraph_graph(doc_id, 1)) in ds
    meta = ds.graph(PROVENANCE_GRAPH)
    assert meta.value(paragraph_graph(doc_id, 1), PROV.wasDerivedFrom) == entity_iri(doc_id)
    # Now the paragraph states a fact, so the ledger asks for its claims.
    assert not KnowledgeGraph(ds).check_ledger().complete


def test_accept_parses_only_what_changed_since_the_last_build(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `irkg build`, accept reads the unchanged data files from the build's cache
    and parses only the review (at thousands of articles, parsing them all took most of
    its time); a broken review is still refused, and writes nothing."""
    from irkg.loaders import yaml_loader
    from irkg.pipeline import build

    report = ingest_files([RAIL_TALKS], data_dir=data, review_dir=tmp_path / "review")
    [review] = [p for p in report.written if p.parent.name == "review"]
    build(data, data.parent / "exports")
    parsed: list[Path] = []
    load = yaml_loader._FileLoader.load

    def counted(self: yaml_loader._FileLoader) -> yaml_loader.DataFile:
        parsed.append(self.path)
        return load(self)

    monkeypatch.setattr(yaml_loader._FileLoader, "load", counted)
    [target] = accept_reviews([review], data)
    assert parsed == [review] and target.is_file()
    before = files_in(data)
    review.write_text(review.read_text().replace("document:", "document: [", 1))
    with pytest.raises(DataError):
        accept_reviews([review], data)
    assert files_in(data) == before


def test_accept_refuses_a_wrong_review_and_writes_nothing(data: Path, tmp_path: Path) -> None:
    report = ingest_files([RAIL_TALKS], data_dir=data, review_dir=tmp_path / "review")
    [review] = [p for p in report.written if p.parent.name == "review"]
    before = files_in(data)
    text = review.read_text()
    money = text.index("# A figure (money): '$2.5 billion'")
    draft = text[text.index("      # - id: obs/", money) :].split("\n")[:7]
    filled = [line.replace("      # ", "      ", 1) for line in draft]
    review.write_text(text.replace("\n".join(draft), "\n".join(filled)))
    with pytest.raises(DataError) as error:  # 'measure/...' is no id
        accept_reviews([review], data)
    [issue] = error.value.issues
    assert issue.file == str(review) and issue.field == "measure" and issue.line is not None
    review.write_text(
        review.read_text()
        .replace("measure/...", "measure/trade-value")
        .replace("value: 2.5", "value: -")
    )
    with pytest.raises(DataError):
        accept_reviews([review], data)
    assert files_in(data) == before
    review.write_text(
        review.read_text()
        .replace("value: -", "value: 2.5")
        .replace("unit: unit/usd-billion", "unit: country/india")
    )
    with pytest.raises(ValidationError, match="irkg:unit"):
        accept_reviews([review], data)
    assert files_in(data) == before


def test_accept_takes_only_a_review_of_its_own_article(data: Path, tmp_path: Path) -> None:
    report = ingest_files(EXAMPLE_ARTICLES, data_dir=data, review_dir=tmp_path / "review")
    grain_id = next(d for p, d, _ in report.documents if p.endswith("grain.txt"))
    rail_id = next(d for p, d, _ in report.documents if p.endswith("rail-talks.html"))
    review = tmp_path / "review" / f"{rail_id.removeprefix('doc/')}.yaml"
    before = files_in(data)
    review.write_text(review.read_text().replace(rail_id, grain_id))
    with pytest.raises(DataError, match="not the article whose text"):
        accept_reviews([review], data)
    with pytest.raises(DataError, match="takes review files"):
        accept_reviews([data / "background.yaml"], data)
    assert files_in(data) == before


def test_one_new_name_in_two_articles_is_proposed_under_one_id(data: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("Envoy\n\nMinister Ivan Petrov of Russia met India's envoy.\n")
    second.write_text("Again\n\nMinister Ivan Petrov visited New Delhi in May 2026.\n")
    report = ingest_files([first, second], data_dir=data, review_dir=tmp_path / "review")
    reviews = sorted(p for p in report.written if p.parent.name == "review")
    assert all("- id: person/ivan-petrov\n" in p.read_text() for p in reviews)
    accept_reviews(reviews[:1], data)
    with pytest.raises(DataError, match="person/ivan-petrov"):  # declared twice: one is kept
        accept_reviews(reviews[1:], data)


def test_a_broken_review_is_reported_as_any_data_file_is(data: Path, tmp_path: Path) -> None:
    review = tmp_path / "broken.yaml"
    review.write_text("document:\n  id: doc/article-2d8bd7d9bb5f85ba\n  id: again\n")
    with pytest.raises(DataError) as error:
        accept_reviews([review], data)
    [issue] = error.value.issues
    assert (issue.line, issue.message) == (
        3,
        "YAML syntax error, column 3: the key 'id' appears twice in this mapping",
    )


def _envoy(data: Path, tmp_path: Path) -> tuple[Path, Path]:
    """An article ingested into ``data``: its review file and its data file."""
    article = tmp_path / "envoy.txt"
    article.write_text(
        "Russia names envoy for rail talks\n"
        "MOSCOW, May 6 (TASS) - Deputy Transport Minister Ivan Petrov of Russia will lead "
        "talks with India on a freight line to Mumbai, the ministry said on Tuesday.\n"
        '"The route can halve delivery times," Petrov told reporters.\n',
        encoding="utf-8",
    )
    report = ingest_files([article], data_dir=data, review_dir=tmp_path / "review")
    [review] = [p for p in report.written if p.parent.name == "review"]
    [target] = [p for p in report.written if p.parent.name == "ingested"]
    return review, target


def test_accept_refuses_an_old_review_over_a_data_file_edited_since(
    data: Path, tmp_path: Path
) -> None:
    review, target = _envoy(data, tmp_path)
    accept_reviews([review], data)
    edited = target.read_text().replace('label: "Ivan Petrov"', 'label: "Ivan S. Petrov"')
    assert edited != target.read_text()
    target.write_text(edited)  # a person corrects the data file by hand
    result = CliRunner().invoke(main, ["accept", str(review), "--data", str(data)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    message = " ".join(result.output.split())
    assert f"{target}: changed since irkg wrote it" in message
    assert f"accepting {review} would overwrite that change" in message
    assert target.read_text() == edited


def test_accept_refuses_a_review_over_an_ingested_data_file_edited_by_hand(
    data: Path, tmp_path: Path
) -> None:
    review, target = _envoy(data, tmp_path)
    target.write_text(target.read_text() + "# checked against the ministry's notice\n")
    before = files_in(data)
    with pytest.raises(DataError) as error:
        accept_reviews([review], data)
    [issue] = error.value.issues
    assert issue.file == str(target) and str(review) in issue.message
    assert files_in(data) == before


def test_accept_takes_a_review_again_as_it_is_worked_on(data: Path, tmp_path: Path) -> None:
    review, target = _envoy(data, tmp_path)
    accept_reviews([review], data)
    accept_reviews([review], data)  # the same again: nothing lost
    review.write_text(review.read_text().replace('label: "Ivan Petrov"', 'label: "I. Petrov"'))
    accept_reviews([review], data)
    assert 'label: "I. Petrov"' in target.read_text() and is_sealed(target.read_text())
    target.write_text(review.read_text())  # the review copied over by hand: nothing to lose
    accept_reviews([review], data)
    assert is_sealed(target.read_text())


def test_accept_refuses_a_data_file_that_is_no_regular_file(data: Path, tmp_path: Path) -> None:
    review, target = _envoy(data, tmp_path)
    target.unlink()
    os.mkfifo(target)  # read, it would never end
    with pytest.raises(DataError) as error:
        accept_reviews([review], data)
    [issue] = error.value.issues
    assert (issue.file, issue.message) == (str(target), f"not a regular file: {review} goes there")
    assert stat.S_ISFIFO(target.lstat().st_mode)


def test_accept_reviews_refuses_a_fifo_review_by_name(tmp_path: Path) -> None:
    """The Python API as the command: a FIFO given as a review is refused, not read (in a
    child process with a time limit, so that a regression fails instead of hanging)."""
    review = tmp_path / "review.yaml"
    os.mkfifo(review)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from irkg.errors import DataError\n"
        "from irkg.ingest import accept_reviews\n"
        "try:\n"
        f"    accept_reviews([Path({str(review)!r})], Path({str(tmp_path)!r}))\n"
        "except DataError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert f"{review}: not a regular file but a FIFO" in done.stdout, done.stderr


def _bomb(levels: int) -> str:
    """A review whose one paragraph's text is an alias bomb: 9**levels strings."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    lines += ["document: {id: doc/article-44a5f3dcc48cfb83}", "paragraphs:"]
    return "\n".join([*lines, "  - paragraph: 1", f"    text: *a{levels}", ""])


def _nested(depth: int) -> str:
    """A review whose one paragraph's text is a list nested ``depth`` deep."""
    text = "[" * depth + "]" * depth
    return f"document: {{id: doc/article-44a5f3dcc48cfb83}}\nparagraphs:\n  - paragraph: 1\n    text: {text}\n"


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (_bomb(7), "review.yaml:2: YAML aliases (*name) are not allowed: write the value out"),
        (_nested(1_000), "review.yaml:4: nested more than 40 levels deep"),
        (_nested(50_000), "review.yaml:4: nested more than 40 levels deep"),
    ],
    ids=["alias-bomb", "nested-1000", "nested-50000"],
)
def test_accept_refuses_an_alias_bomb_or_deep_nesting_before_building_it(
    data: Path, tmp_path: Path, review: str, expected: str
) -> None:
    """The review is read through the data files' checked reader, so the command answers at
    once with the place (in a child process with a time limit: unchecked, the bomb takes
    a minute and gigabytes, and deep nesting ends in a traceback or a crash)."""
    path = tmp_path / "review.yaml"
    path.write_text(review, encoding="utf-8")
    before = files_in(data)
    done = subprocess.run(
        [sys.executable, "-m", "irkg.cli", "accept", str(path), "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == DataError.exit_code, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert expected in " ".join(done.stderr.split()).replace(str(tmp_path) + "/", "")
    assert files_in(data) == before
