"""irkg ingest end to end, on a copy of the real data and on stores: the document and its
mentions in the graph at once, in the curated articles' provenance model; a review file
beside; nothing twice; bad input changes nothing. The articles under
tests/examples/articles are written for these tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ARTICLES, EXAMPLE_ARTICLES, RAIL_TALKS, files_in
from irkg.cli import main
from irkg.errors import DataError, ExportError
from irkg.graph import KnowledgeGraph, to_networkx
from irkg.graph.helpers import load_query
from irkg.graph.provenance import describe_documents, graph_source
from irkg.ingest import Gazetteer, data_file, ingest_article, ingest_files, read_article
from irkg.iris import PROVENANCE_GRAPH, entity_iri, id_of, paragraph_graph
from irkg.loaders import load_data_dir
from irkg.ontology import IRKG
from irkg.ontology.namespaces import RDF, RDFS

REPO = Path(__file__).resolve().parent.parent


def test_ingest_puts_document_and_mentions_in_the_graph_at_once(data: Path) -> None:
    report = ingest_files(EXAMPLE_ARTICLES, data_dir=data, review_dir=data.parent / "review")
    assert report.new == 3 and report.mentions >= 9
    ds = load_data_dir(data)
    rail = next(d for p, d, _ in report.documents if p.endswith("rail-talks.html"))
    doc = entity_iri(rail)
    meta = ds.graph(PROVENANCE_GRAPH)
    assert (doc, RDF.type, IRKG.NewsArticle) in meta
    assert str(meta.value(doc, IRKG.publisherName)) == "The Example Courier"
    p2 = paragraph_graph(rail, 2)
    assert str(graph_source(ds, p2)) == f"{rail.removeprefix('doc/')} ¶2"
    text = str(meta.value(p2, IRKG.paragraphText))
    found = {}
    for mention in ds.graph(p2).subjects(RDF.type, IRKG.Mention):
        g = ds.graph(p2)
        begin, end = (int(g.value(mention, IRKG[k]).toPython()) for k in ("beginIndex", "endIndex"))
        assert str(g.value(mention, IRKG.anchorOf)) == text[begin:end]
        found[text[begin:end]] = id_of(g.value(mention, IRKG.mentionOf))
    assert found == {
        "International North-South Transport Corridor": "route/instc",
        "Mumbai": "city/mumbai",
    }  # 'per cent' is a unit: a code of records, not a subject of the text
    # No entity was made for a known one, and the build takes the new data as it is.
    assert len(set(ds.subjects(RDF.type, IRKG.Country))) == len(
        set(load_data_dir(REPO / "data").subjects(RDF.type, IRKG.Country))
    )
    kg = KnowledgeGraph(ds)
    kg.reason()
    assert kg.validate().conforms
    assert kg.check_ledger().complete  # an ingested paragraph owes no claims until it has facts


def test_the_quads_given_at_once_are_those_the_data_file_loads_as(data: Path) -> None:
    gazetteer = Gazetteer.of(KnowledgeGraph.from_data(data, reason=False))
    base = set(load_data_dir(data).quads((None, None, None, None)))
    for path in EXAMPLE_ARTICLES:
        ingested = ingest_article(read_article(path), gazetteer)
        written = data / "ingested" / f"{ingested.doc_id.removeprefix('doc/')}.yaml"
        written.parent.mkdir(exist_ok=True)
        written.write_text(data_file(ingested), encoding="utf-8")
        loaded = set(load_data_dir(data).quads((None, None, None, None))) - base
        assert loaded == set(ingested.quads()), path.name
        written.unlink()


def test_ingesting_again_changes_nothing(data: Path, tmp_path: Path) -> None:
    review = tmp_path / "review"
    ingest_files(EXAMPLE_ARTICLES, data_dir=data, review_dir=review)
    before = files_in(tmp_path)
    copy = tmp_path / "same-text.txt"
    shutil.copy(ARTICLES / "grain.txt", copy)
    again = ingest_files([*EXAMPLE_ARTICLES, copy], data_dir=data, review_dir=review)
    assert again.new == 0 and again.written == []
    assert [new for *_, new in again.documents] == [False] * 4
    # What the build's cache keeps is derived (what each data file loads as: the second
    # run read the data files the first one wrote, and kept them); nothing else changed.
    assert _outside_cache(files_in(tmp_path)) == _outside_cache(
        before | {"same-text.txt": copy.read_bytes()}
    )
    assert any(name.startswith(".irkg/exports.cache/") for name in files_in(tmp_path))


def _outside_cache(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: b for name, b in files.items() if not name.startswith(".irkg/exports.cache/")}


def test_a_review_file_a_person_changed_is_never_overwritten(data: Path, tmp_path: Path) -> None:
    review = tmp_path / "review"
    report = ingest_files([RAIL_TALKS], data_dir=data, review_dir=review)
    [written] = [p for p in report.written if p.parent == review]
    written.write_text(written.read_text() + "# my notes\n")
    for path in report.written:  # the article leaves the graph; the review stays
        if path.parent != review:
            path.unlink()
    again = ingest_files([RAIL_TALKS], data_dir=data, review_dir=review)
    assert again.kept == [written] and written.read_text().endswith("# my notes\n")


def test_bad_input_changes_nothing_and_is_reported_together(data: Path, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x01")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 talks".encode("latin-1"))
    empty = tmp_path / "empty.md"
    empty.write_text("# Only a title\n")
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(50_000_000)
    before = files_in(data)
    with pytest.raises(DataError) as error:
        ingest_files(
            [RAIL_TALKS, binary, latin, empty, big], data_dir=data, review_dir=tmp_path / "r"
        )
    assert sorted(i.file for i in error.value.issues) == sorted(
        str(p) for p in (binary, latin, empty, big)
    )
    assert files_in(data) == before and not (tmp_path / "r").exists()
    for flags, named in (
        ({"date": "18/11/2026"}, "date"),
        ({"url": "javascript:alert(1)"}, "--url"),
        ({"title": "One title"}, "--title"),
    ):
        with pytest.raises(DataError, match=named):
            ingest_files(
                [RAIL_TALKS, ARTICLES / "grain.txt"],
                data_dir=data,
                review_dir=tmp_path / "r",
                **flags,
            )
    assert files_in(data) == before and not (tmp_path / "r").exists()


def test_a_page_with_scripts_and_markup_gives_text_only(data: Path, tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    page.write_text(
        "<html><head><title>Talks &lt;img src=x onerror=alert(1)&gt;</title>"
        "<script>document.write('Russia')</script></head><body><article>"
        "<p>India and Russia met. \x1b]0;pwned\x07 A line\u2028 break.</p>"
        "<p>- id: person/evil\n  type: Person #</p></article></body></html>",
        encoding="utf-8",
    )
    report = ingest_files([page], data_dir=data, review_dir=tmp_path / "review")
    for path in report.written:
        assert not {"\x1b", "\x07", "\u2028"} & set(path.read_text())
    ds = load_data_dir(data)  # the files load: no text became YAML structure
    meta = ds.graph(PROVENANCE_GRAPH)
    doc = entity_iri(report.documents[0][1])
    assert str(meta.value(doc, RDFS.label)) == "Talks <img src=x onerror=alert(1)>"
    texts = [str(o) for o in meta.objects(None, IRKG.paragraphText)]
    assert texts and not any("document.write" in t or "\x1b" in t for t in texts)
    assert (entity_iri("person/evil"), None, None) not in ds


def test_the_new_article_shows_in_sources_explorer_and_network(data: Path, tmp_path: Path) -> None:
    ingest_files([RAIL_TALKS], data_dir=data, review_dir=None)
    kg = KnowledgeGraph.from_data(data, reason=False)
    rail = read_article(RAIL_TALKS)
    slug = f"article-{rail.key}"
    facts = kg.sources_of("Mumbai")
    assert [f.source for f in facts if f.predicate == "mention of"] == [f"{slug} ¶2"]
    assert [(m.words, m.begin, m.end) for m in kg.mentions("INSTC")] == [
        ("International North-South Transport Corridor", 28, 72)
    ]
    assert len(kg.query(load_query("mentions"))) == 1  # runs as it is: Mumbai
    network = to_networkx(kg.dataset)
    assert network.nodes["city/mumbai"]["mentioned_in"] == [f"{slug} ¶2"]
    assert "mentioned_in" not in network.nodes["city/chennai"]
    assert describe_documents(kg.dataset)[slug]["title"] == rail.title
    assert not any("mention" in node for node in network)


@pytest.fixture(params=["oxigraph", "sparql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store holding data/: an Oxigraph folder, or an `oxigraph serve` of its own."""
    if request.param == "oxigraph":
        spec = f"oxigraph:{tmp_path / 'store'}"
        KnowledgeGraph.from_data(REPO / "data").save(spec)
        yield spec
        return
    from irkg.graph.stores.local import OxigraphServer

    with OxigraphServer(tmp_path / "server") as url:
        KnowledgeGraph.from_data(REPO / "data").save(f"sparql:{url}")
        yield f"sparql:{url}"


def test_ingest_into_a_store(store: str, tmp_path: Path) -> None:
    report = ingest_files(EXAMPLE_ARTICLES, store=store, review_dir=tmp_path / "review")
    assert report.new == 3 and not (tmp_path / "data").exists()
    kg = KnowledgeGraph.open(store)
    size = len(kg)
    assert [m.words for m in kg.mentions("Mumbai")] == ["Mumbai"]
    assert kg.validate().conforms
    # Only the articles' own graphs, none named after the file they travelled in.
    assert {str(d) for d in describe_documents(kg.dataset)} >= {
        f"article-{read_article(p).key}" for p in EXAMPLE_ARTICLES
    }
    assert not any("ingested" in d for d in describe_documents(kg.dataset))
    again = ingest_files(EXAMPLE_ARTICLES, store=store, review_dir=tmp_path / "review")
    assert again.new == 0 and len(KnowledgeGraph.open(store)) == size
    # A build into the store puts data/ in its place, and says what that drops.
    out = tmp_path / "exports"
    rebuilt = CliRunner().invoke(
        main, ["build", "--data", str(REPO / "data"), "--out", str(out), "--store", store]
    )
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "the store held 3 documents that" in rebuilt.output


def test_the_command_line(data: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["--data", str(data), "--review", str(tmp_path / "review")]
    result = runner.invoke(main, ["ingest", *map(str, EXAMPLE_ARTICLES), *args])
    assert result.exit_code == 0, result.output
    assert "3 article(s), 3 new" in result.output and "then: irkg accept" in result.output
    bad = runner.invoke(main, ["ingest", str(tmp_path / "missing.txt"), *args])
    assert bad.exit_code == 2 and "missing.txt" in bad.output
    reviews = sorted((tmp_path / "review").iterdir())
    done = runner.invoke(main, ["accept", *map(str, reviews), "--data", str(data)])
    assert done.exit_code == 0, done.output
    assert done.output.count("accepted into") == 3


def test_a_review_folder_that_cannot_be_written_leaves_the_graph_as_it_was(
    data: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    before = files_in(data)
    with pytest.raises(ExportError):
        ingest_files([RAIL_TALKS], data_dir=data, review_dir=blocker / "review")
    assert files_in(data) == before  # so a run again still proposes what it found
    again = ingest_files([RAIL_TALKS], data_dir=data, review_dir=tmp_path / "review")
    assert again.new == 1 and len(again.written) == 2


def test_one_url_for_two_texts_is_refused(data: Path, tmp_path: Path) -> None:
    url = "https://example.org/news/1"
    ingest_files([ARTICLES / "grain.txt"], data_dir=data, review_dir=None, url=url)
    before = files_in(data)
    with pytest.raises(DataError, match="names an article with another text"):
        ingest_files([RAIL_TALKS], data_dir=data, review_dir=None, url=url)
    for bad in ("https://exa mple.org/a", "http://", "file:///etc/passwd"):
        with pytest.raises(DataError, match="--url"):
            ingest_files([RAIL_TALKS], data_dir=data, review_dir=None, url=bad)
    assert files_in(data) == before


def test_titles_are_no_names_and_utf16_is_read(data: Path, tmp_path: Path) -> None:
    ingest_files([ARTICLES / "grain.txt"], data_dir=data, review_dir=None, title="Moscow")
    windows = tmp_path / "notepad.txt"
    windows.write_bytes("Talks\r\n\r\nEnvoys met in Moscow.\r\n".encode("utf-16"))
    report = ingest_files([windows], data_dir=data, review_dir=None)
    kg = KnowledgeGraph.from_data(data, reason=False)
    assert [(m.words, m.source) for m in kg.mentions("city/moscow")] == [
        ("Moscow", f"{report.documents[0][1].removeprefix('doc/')} ¶1")
    ]


def test_a_folder_gives_the_articles_it_holds(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    shutil.copytree(ARTICLES, folder / "week-1")
    (folder / "week-1" / "photo.png").write_bytes(b"\x89PNG")
    (folder / "notes.TXT").write_text("Notes\n\nRussia and India met.\n")
    report = ingest_files([folder], data_dir=data, review_dir=None)
    assert [Path(p).name for p, *_ in report.documents] == [
        "notes.TXT", "fertiliser-deal.md", "grain.txt", "rail-talks.html"
    ]  # fmt: skip
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="a folder with no article"):
        ingest_files([tmp_path / "empty"], data_dir=data, review_dir=None)
    with pytest.raises(DataError, match="--title"):
        ingest_files([folder], data_dir=data, review_dir=None, title="One title")


def test_ingest_refuses_to_write_where_a_fifo_stands(data: Path, tmp_path: Path) -> None:
    review = tmp_path / "review"
    slug = f"article-{read_article(RAIL_TALKS).key}"
    review.mkdir()
    os.mkfifo(review / f"{slug}.yaml")  # read to compare, it would never end
    before = files_in(data)
    with pytest.raises(DataError, match=f"{slug}.yaml: not a regular file"):
        ingest_files([RAIL_TALKS], data_dir=data, review_dir=review)
    assert files_in(data) == before
