"""Stores: the graph kept in an Oxigraph folder, written all-or-nothing, one writer at a time.

The graph tests (helpers, network, figures, resolve ...) run against every store through
the ``kg`` fixture of conftest.py; these tests cover what only a store has: saving and
opening, bulk loads, the store's own query engine, faults and a second writer.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from conftest import DATA
from irkg.cli import main
from irkg.errors import DataError, StoreError
from irkg.folders import exclusive
from irkg.graph import KnowledgeGraph
from irkg.graph.stores import open_store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def count(kg: KnowledgeGraph) -> int:
    return int(next(iter(kg.query(COUNT)))[0])  # type: ignore[index]


@pytest.fixture
def saved(memory_kg: KnowledgeGraph, tmp_path: Path) -> str:
    spec = f"oxigraph:{tmp_path / 'kg'}"
    memory_kg.save(spec)
    return spec


def test_a_saved_graph_reopens_with_every_quad(memory_kg: KnowledgeGraph, saved: str) -> None:
    reopened = KnowledgeGraph.open(saved)
    assert count(reopened) == count(memory_kg)
    assert reopened.stats() == memory_kg.stats()


def test_queries_run_in_the_stores_own_engine(
    memory_kg: KnowledgeGraph, saved: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rdflib's engine is never used, in memory or on disk (a prepared query would fall
    back to it)."""
    import rdflib.plugins.sparql.processor as processor

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("rdflib's SPARQL engine ran")

    monkeypatch.setattr(processor, "evalQuery", refuse)
    on_disk = KnowledgeGraph.open(saved)
    assert on_disk.query("ASK { country:india irkg:memberOf bloc:brics }").askAnswer
    assert next(m.label for m in on_disk.members_of("EAEU")) == "Armenia"
    assert memory_kg.query("ASK { country:india irkg:memberOf bloc:brics }").askAnswer
    assert next(m.label for m in memory_kg.members_of("EAEU")) == "Armenia"
    with pytest.raises(Exception, match="SERVICE is not allowed"):
        on_disk.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_load_adds_each_file_in_its_own_graph(saved: str, tmp_path: Path) -> None:
    extra = tmp_path / "Extra Facts.ttl"
    extra.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/irkg/id/city/kazan> rdfs:label "Kazan" .\n'
        '<relative> rdfs:label "resolved against the file\'s own base" .\n',
        encoding="utf-8",
    )
    before = count(KnowledgeGraph.open(saved))
    after = open_store(saved).add([extra])
    kg = KnowledgeGraph.open(saved)
    rows = kg.query(
        "SELECT ?g ?name WHERE { GRAPH ?g { city:kazan rdfs:label ?x } "
        "GRAPH graph:provenance { ?g prov:wasDerivedFrom ?doc . ?doc rdfs:label ?name } }"
    )
    assert [(str(g), str(name)) for g, name in rows] == [  # type: ignore[misc]
        ("https://w3id.org/irkg/graph/file/extra-facts", "Extra Facts.ttl")
    ]
    assert kg.query("ASK { <https://w3id.org/irkg/file/extra-facts/relative> ?p ?o }").askAnswer
    assert count(kg) == before + 2 + 4 and after == len(open_store(saved))  # and its provenance


def test_a_load_with_a_bad_file_changes_nothing(saved: str, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.nt", tmp_path / "bad.ttl"
    good.write_text('<https://w3id.org/irkg/id/city/kazan> <http://x.org/p> "k" .\n')
    bad.write_text("<a> <b> .\n")
    before = count(KnowledgeGraph.open(saved))
    with pytest.raises(DataError, match=r"bad\.ttl:1: syntax error"):
        open_store(saved).add([good, bad])
    kg = KnowledgeGraph.open(saved)
    assert count(kg) == before
    assert not kg.query("ASK { city:kazan ?p ?o }").askAnswer
    assert sorted(p.name for p in tmp_path.iterdir()) == [".kg.lock", "bad.ttl", "good.nt", "kg"]


def test_a_second_writer_is_refused(saved: str, tmp_path: Path) -> None:
    good = tmp_path / "good.nt"
    good.write_text('<https://w3id.org/irkg/id/city/kazan> <http://x.org/p> "k" .\n')
    with exclusive(tmp_path / "kg"):
        result = CliRunner().invoke(main, ["load", str(good), "--store", saved])
    assert result.exit_code == StoreError.exit_code
    assert "another irkg process is writing it" in result.output
    assert open_store(saved).add([good]) > 0  # free again


def test_a_missing_store_is_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ask", "central", "--store", f"oxigraph:{tmp_path}/none"])
    assert result.exit_code == StoreError.exit_code
    assert "none: no store here; make one with `irkg build --store" in result.output
    unknown = CliRunner().invoke(main, ["ask", "central", "--store", "postgres:x"])
    assert "unknown store 'postgres:x'; expected one of: memory, oxigraph:DIR" in unknown.output


def test_cli_builds_into_a_store_and_answers_from_it(tmp_path: Path) -> None:
    runner, spec = CliRunner(), f"oxigraph:{tmp_path / 'kg'}"
    built = runner.invoke(
        main, ["build", "--data", str(DATA), "--out", str(tmp_path / "ex"), "--store", spec]
    )
    assert built.exit_code == 0, built.output
    assert f"quads to {spec}" in built.output
    from_store = runner.invoke(main, ["ask", "members-of", "EAEU", "--store", spec])
    from_memory = runner.invoke(
        main, ["ask", "members-of", "EAEU", "--graph", str(tmp_path / "ex" / "irkg.trig")]
    )
    assert from_store.output == from_memory.output and "Kyrgyz Republic" in from_store.output
    both = runner.invoke(
        main, ["ask", "central", "--store", spec, "--graph", str(tmp_path / "ex" / "irkg.trig")]
    )
    assert "give --graph FILE or --store STORE, not both" in both.output


@pytest.mark.slow
def test_a_load_killed_midway_leaves_the_store_as_it_was(saved: str, tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    with big.open("w", encoding="utf-8") as handle:
        for i in range(400_000):
            handle.write(f'<http://example.org/e{i}> <http://example.org/p> "value {i}" .\n')
    before = count(KnowledgeGraph.open(saved))
    folder = tmp_path / "kg"
    for attempt in range(3):
        load = subprocess.Popen(
            [sys.executable, "-m", "irkg.cli", "load", str(big), "--store", saved],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob(".kg.new-*")) and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.05 * attempt)  # at different points of the bulk load
        os.kill(load.pid, signal.SIGKILL)
        load.wait()
        assert count(KnowledgeGraph.open(saved)) == before, f"attempt {attempt}"
    assert open_store(saved).add([big]) == len(open_store(saved))
    assert count(KnowledgeGraph.open(saved)) == before + 400_000 + 4
    assert not list(tmp_path.glob(".kg.new-*")) and folder.is_dir()


# -- a SPARQL 1.1 server -------------------------------------------------------------------


def test_load_into_a_sparql_server_and_ask_it(sparql_server: str, tmp_path: Path) -> None:
    spec = f"sparql:{sparql_server}"
    extra = tmp_path / "server-extra.nt"
    extra.write_text(
        '<https://w3id.org/irkg/id/city/kazan> <http://www.w3.org/2000/01/rdf-schema#label> "Kazan" .\n'
    )
    result = CliRunner().invoke(main, ["load", str(extra), "--store", spec])
    assert result.exit_code == 0, result.output
    rows = CliRunner().invoke(
        main,
        [
            "query",
            "SELECT ?g WHERE { GRAPH ?g { city:kazan rdfs:label 'Kazan' } }",
            "--store",
            spec,
            "--format",
            "csv",
        ],
    )
    assert "https://w3id.org/irkg/graph/file/server-extra" in rows.output


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from irkg.graph.stores.sparql import SparqlServer

    monkeypatch.setenv("IRKG_SPARQL_TOKEN", "s3cret")
    assert SparqlServer("http://127.0.0.1:1/query").headers == {"Authorization": "Bearer s3cret"}
    monkeypatch.delenv("IRKG_SPARQL_TOKEN")
    monkeypatch.setenv("IRKG_SPARQL_USER", "ann")
    monkeypatch.setenv("IRKG_SPARQL_PASSWORD", "pw")
    assert SparqlServer("http://127.0.0.1:1/query").headers == {"Authorization": "Basic YW5uOnB3"}


def test_a_server_that_goes_away_gives_an_error_naming_it(memory_kg: KnowledgeGraph) -> None:
    from irkg.graph.stores.local import OxigraphServer

    server = OxigraphServer()
    with server as url:
        memory_kg.save(f"sparql:{url}")
        kg = KnowledgeGraph.open(f"sparql:{url}")
        assert kg.query("ASK { country:india irkg:memberOf bloc:brics }").askAnswer
    with pytest.raises(StoreError, match=rf"{url}: cannot reach the SPARQL server"):
        kg.query("ASK { country:india irkg:memberOf bloc:brics }")
    result = CliRunner().invoke(main, ["ask", "members-of", "EAEU", "--store", f"sparql:{url}"])
    assert result.exit_code == StoreError.exit_code and url in result.output


def test_the_protocols_dataset_chooses_the_graphs(kg: KnowledgeGraph) -> None:
    """default-graph-uri and named-graph-uri (the SPARQL Protocol's dataset) replace FROM
    and FROM NAMED, in every store's engine; a file is never a graph."""
    from irkg.errors import QueryError
    from irkg.graph.sparql import run_query

    background = "https://w3id.org/irkg/graph/background"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    alone = run_query(kg.dataset, count, graphs=([background], []))
    assert int(next(iter(alone))[0]) == len(kg.dataset.graph(URIRef(background)))  # type: ignore[index]
    named = run_query(
        kg.dataset, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", graphs=([], [background])
    )
    assert [str(row[0]) for row in named] == [background]  # type: ignore[index]
    with pytest.raises(QueryError, match="file:///etc/passwd> is refused"):
        run_query(kg.dataset, count, graphs=(["file:///etc/passwd"], []))


def test_a_store_is_never_written_over_something_else(
    memory_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    """A write swaps the whole folder: it refuses a folder of other files, a file, and a
    damaged store, and writes through a link to a store (locked by its real path)."""
    home = tmp_path / "home"
    (home / "sub").mkdir(parents=True)
    (home / "thesis.tex").write_text("years of work")
    precious = tmp_path / "precious.txt"
    precious.write_text("precious")
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "CURRENT").write_text("yo")
    for target, message in (
        (home, "holds files that are not an Oxigraph store"),
        (precious, "is a file, not a store folder"),
        (damaged, "holds files that are not an Oxigraph store"),
    ):
        with pytest.raises(StoreError, match=message):
            memory_kg.save(f"oxigraph:{target}")
    assert (home / "thesis.tex").read_text() == "years of work" and (home / "sub").is_dir()
    assert precious.read_text() == "precious"
    with pytest.raises(StoreError, match="not a readable Oxigraph store: Corruption"):
        KnowledgeGraph.open(f"oxigraph:{damaged}").query("ASK {}")
    real, link = tmp_path / "real", tmp_path / "link"
    memory_kg.save(f"oxigraph:{real}")
    link.symlink_to(real)
    extra = tmp_path / "omsk.nt"
    extra.write_text(
        '<https://w3id.org/irkg/id/city/omsk> <http://www.w3.org/2000/01/rdf-schema#label> "Omsk" .\n'
    )
    open_store(f"oxigraph:{link}").add([extra])
    assert link.is_symlink()
    assert (
        KnowledgeGraph.open(f"oxigraph:{real}")
        .query("ASK { city:omsk rdfs:label 'Omsk' }")
        .askAnswer
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".real.lock"]


def test_odd_store_specs_and_files_get_clear_errors(tmp_path: Path) -> None:
    """Found by a probe: each was a traceback, a password on the terminal, or silence."""
    runner = CliRunner()
    secret = runner.invoke(
        main, ["query", "ASK {}", "--store", "sparql:http://user:s3cret@127.0.0.1:9/query"]
    )
    assert secret.exit_code == 7 and "s3cret" not in secret.output
    assert "never in the URL" in secret.output
    broken = runner.invoke(main, ["query", "ASK {}", "--store", "sparql:http://[::1"])
    assert broken.exit_code == 7 and "not a URL" in broken.output
    assert runner.invoke(main, ["query", "ASK {}", "--store", ""]).exit_code == 2
    huge = tmp_path / "huge.nt"
    huge.write_text('<urn:s> <urn:p> "' + "x" * 17_000_000 + '" .\n')
    loaded = runner.invoke(main, ["load", str(huge), "--store", f"oxigraph:{tmp_path / 'kg'}"])
    assert loaded.exit_code == 2 and "huge.nt: a statement is too long" in loaded.output
    assert not (tmp_path / "kg").exists()


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "long.nt",
            '<urn:s> <urn:p> "{}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'.format(
                "7" * 5000
            ),
            r"long\.nt:1: a number of 5,000 digits: irkg reads whole numbers of at most 4,300 "
            r"\(the object of <urn:s> <urn:p>\)",
        ),
        (
            "escape.ttl",
            '@prefix x: <urn:x:> .\n\nx:s x:p "Talks\x1b[2J in Moscow" .\n',
            r"escape\.ttl:3: a text holding the character U\+001B: not allowed in text .*"
            r"\(the object of <urn:x:s> <urn:x:p>\)",
        ),
        (
            "escaped.nq",
            '<urn:s> <urn:p> "bell\\u0007" <urn:g> .\n',
            r"escaped\.nq: a text holding the character U\+0007",
        ),
        (
            "word.nt",
            '<urn:s> <urn:p> "many"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
            r'word\.nt:1: "many" is not a valid <http://www\.w3\.org/2001/XMLSchema#integer>',
        ),
    ],
    ids=["5000-digits", "escape", "escaped-bell", "not-a-number"],
)
def test_a_load_refuses_literals_irkgs_loader_refuses_and_changes_nothing(
    saved: str, tmp_path: Path, name: str, text: str, expected: str
) -> None:
    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    before = count(KnowledgeGraph.open(saved))
    loaded = CliRunner().invoke(main, ["load", str(data), "--store", saved])
    assert loaded.exit_code == 2, loaded.output
    assert re.search(expected, loaded.output), loaded.output
    assert "\x1b" not in loaded.output and "Traceback" not in loaded.output
    kg = KnowledgeGraph.open(saved)
    assert count(kg) == before
    assert not kg.query("ASK { <urn:s> ?p ?o }").askAnswer


def test_construct_keeps_control_characters_exact_and_off_the_terminal(tmp_path: Path) -> None:
    """irkg's loaders refuse such text; a store that Oxigraph wrote itself may hold it."""
    import pyoxigraph as ox

    data = tmp_path / "odd.nt"
    data.write_text('<urn:s> <urn:p> "\\u001B[2Jclear\\u0007x\\u009By" .\n')
    spec = f"oxigraph:{tmp_path / 'kg'}"
    store = ox.Store(str(tmp_path / "kg"))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    result = CliRunner().invoke(
        main, ["query", "CONSTRUCT WHERE { ?s <urn:p> ?o }", "--store", spec]
    )
    assert result.exit_code == 0, result.output
    assert not any(ch in result.output for ch in "\x1b\x07\x9b")
    from rdflib import Graph

    objects = {str(o) for o in Graph().parse(data=result.output, format="turtle").objects()}
    assert "\x1b[2Jclear\x07x\x9by" in objects


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers by the server's ``answer`` function; records each request's path and
    headers in the server's ``seen``."""

    def _any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.seen.append((self.path, dict(self.headers)))  # type: ignore[attr-defined]
        self.server.answer(self)  # type: ignore[attr-defined]

    do_GET = do_POST = _any

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def _http(answer: Callable[[http.server.BaseHTTPRequestHandler], None]) -> Iterator[Any]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.daemon_threads = True
    server.seen = []  # type: ignore[attr-defined]
    server.answer = answer  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _redirect(status: int, location: str) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def _ask_true(handler: http.server.BaseHTTPRequestHandler) -> None:
    body = b'{"head": {}, "boolean": true}'
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def test_credentials_never_follow_a_redirect_to_another_origin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server answering 302 (or 307) to another port: irkg build stops with an error
    naming both URLs, and the other port never sees a request, let alone the token."""
    monkeypatch.setenv("IRKG_SPARQL_TOKEN", "s3cret")
    with _http(_ask_true) as elsewhere:
        target = f"http://127.0.0.1:{elsewhere.server_port}/query"
        for status in (302, 307, 301, 308, 303):
            with _http(_redirect(status, target)) as first:
                base = f"http://127.0.0.1:{first.server_port}/"
                result = CliRunner().invoke(main, ["build", "--store", f"sparql:{base}query"])
                assert result.exit_code == StoreError.exit_code, result.output
                said = re.search(
                    rf"{base}\w+: the server redirects \({status}\) to (\S+),", result.output
                )
                assert said and said[1] == target
                assert "another origin" in result.output and "s3cret" not in result.output
                assert first.seen and first.seen[0][1]["Authorization"] == "Bearer s3cret"
        assert elsewhere.seen == []


def test_a_redirect_within_the_server_keeps_the_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """307 and 308 to the same origin keep the method, the body and the credentials."""
    from irkg.graph.stores.sparql import SparqlServer

    monkeypatch.setenv("IRKG_SPARQL_TOKEN", "s3cret")

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        if handler.path == "/old":
            _redirect(308, "/query")(handler)
        else:
            _ask_true(handler)

    with _http(answer) as server:
        url = f"http://127.0.0.1:{server.server_port}/old"
        assert SparqlServer(url).select("ASK { ?s ?p ?o }").askAnswer is True
        assert [path for path, _ in server.seen] == ["/old", "/query"]
        assert server.seen[1][1]["Authorization"] == "Bearer s3cret"
        assert server.seen[1][1]["Content-Type"] == "application/x-www-form-urlencoded"
        server.answer = _redirect(302, "/query")
        with pytest.raises(StoreError, match=r"redirects \(302\) to .*/query and would drop"):
            SparqlServer(url).select("ASK { ?s ?p ?o }")


def test_a_server_that_trickles_is_cut_off_whole(tmp_path: Path) -> None:
    """A server sending its answer a byte every 0.2 s never ends a read's timeout, but
    IRKG_SPARQL_TIMEOUT bounds the whole request: irkg load stops with an error (the
    subprocess's own limit turns a hang into a failure)."""

    def trickle(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.end_headers()
        with contextlib.suppress(OSError):
            for _ in range(3000):
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(0.2)

    extra = tmp_path / "extra.ttl"
    extra.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    with _http(trickle) as server:
        url = f"http://127.0.0.1:{server.server_port}/query"
        done = subprocess.run(
            [sys.executable, "-m", "irkg.cli", "load", str(extra), "--store", f"sparql:{url}"],
            env={**os.environ, "IRKG_SPARQL_TIMEOUT": "1"},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == StoreError.exit_code, done.stderr
    assert f"{url}: no answer within 1 s" in done.stderr


def test_an_answer_past_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that streams an endless answer: refused at IRKG_SPARQL_MAX_BYTES, read no
    further (the memory stays bounded)."""
    from irkg.graph.stores.sparql import SparqlServer

    def endless(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.end_headers()
        with contextlib.suppress(OSError):
            handler.wfile.write(b'{"head": {"vars": ["x"]}, "results": {"bindings": [')
            for _ in range(100_000):
                handler.wfile.write(b'{"x": {"type": "literal", "value": "' + b"a" * 1000 + b'"}},')

    monkeypatch.setenv("IRKG_SPARQL_MAX_BYTES", "1000000")
    with _http(endless) as server:
        url = f"http://127.0.0.1:{server.server_port}/query"
        with pytest.raises(StoreError, match=r"the answer is over 1,000,000 bytes"):
            SparqlServer(url).select("SELECT ?x WHERE { ?s ?p ?x }")


def test_from_chooses_the_default_graph_in_every_store(kg: KnowledgeGraph) -> None:
    """FROM makes the named graphs the default graph, in every engine (a store whose
    default graph is the union of all ignored it); a graph the store lacks is empty."""
    inferred = "https://w3id.org/irkg/graph/inferred"
    (expected,) = next(
        iter(kg.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{inferred}> {{ ?s ?p ?o }} }}"))
    )  # type: ignore[misc]
    (found,) = next(
        iter(kg.query(f"SELECT (COUNT(*) AS ?n) FROM <{inferred}> WHERE {{ ?s ?p ?o }}"))
    )  # type: ignore[misc]
    (everything,) = next(iter(kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))  # type: ignore[misc]
    assert int(found) == int(expected) and 0 < int(found) < int(everything)
    (none,) = next(iter(kg.query("SELECT (COUNT(*) AS ?n) FROM <urn:nothing> WHERE { ?s ?p ?o }")))  # type: ignore[misc]
    assert int(none) == 0


def test_a_malformed_answer_is_named_as_the_servers() -> None:
    """Deeply nested, cut or non-UTF-8 answers are the server's fault, said so (not "the
    query is nested too deeply" or a parser's own exception)."""
    from irkg.graph.stores.sparql import SparqlServer

    for body in (b"[" * 100_000, b'{"head": {"vars": ["x"]}, "results": {"bind', b"\xff\xfe<x>"):

        def answer(handler: http.server.BaseHTTPRequestHandler, body: bytes = body) -> None:
            handler.send_response(200)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        with _http(answer) as server:
            url = f"http://127.0.0.1:{server.server_port}/query"
            for query in ("SELECT * WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"):
                with pytest.raises(StoreError, match="the answer is not SPARQL results"):
                    SparqlServer(url).select(query)


def test_a_graph_named_twice_in_from_counts_once(kg: KnowledgeGraph) -> None:
    """FROM <g> FROM <g> (and FROM NAMED twice) is the graph once, in every store."""
    background = "https://w3id.org/irkg/graph/background"
    once, twice, named = (
        int(next(iter(kg.query(q)))[0])  # type: ignore[index]
        for q in (
            f"SELECT (COUNT(*) AS ?n) FROM <{background}> WHERE {{ ?s ?p ?o }}",
            f"SELECT (COUNT(*) AS ?n) FROM <{background}> FROM <{background}> WHERE {{ ?s ?p ?o }}",
            f"SELECT (COUNT(*) AS ?n) FROM NAMED <{background}> FROM NAMED <{background}> "
            "WHERE { GRAPH ?g { ?s ?p ?o } }",
        )
    )
    assert once == twice == named > 0


def test_stores_each_backend_is_a_line_of_the_registry_with_the_whole_protocol() -> None:
    """A spec's first word picks its backend from one table; each backend's class has
    every member of the Store protocol, and a spec of the wrong form is refused."""
    import importlib

    from irkg.graph.stores import BACKENDS, STORES, Store

    members = {name for name in vars(Store) if not name.startswith("_")} | {"__len__"}
    assert STORES == ("memory", "oxigraph:DIR", "sparql:URL")
    for kind, backend in BACKENDS.items():
        assert backend.form.partition(":")[0] == kind
        opened = getattr(importlib.import_module(backend.module), backend.name)
        assert members <= set(dir(opened)), (kind, members - set(dir(opened)))
    for wrong in ("memory:x", "oxigraph:", "sparql", "nosuch:x"):
        with pytest.raises(StoreError, match="expected one of: memory, oxigraph:DIR"):
            open_store(wrong)


def test_answers_keep_the_engines_own_literals() -> None:
    """A literal of an answer is the engine's, text and datatype: rdflib would rewrite a
    double's or a duration's text through a Python value, and a date's timezone."""
    import pyoxigraph as ox

    from irkg.graph.sparql import run_query
    from irkg.graph.stores.memory import MemoryStore
    from irkg.ontology.namespaces import XSD

    query = (
        'SELECT (xsd:double("30000") AS ?d) (TIMEZONE(xsd:dateTime("2025-05-25T10:00:00Z")) AS ?z)'
        ' (xsd:date("2025-05-25+05:30") AS ?day) (1050.0 AS ?n) WHERE {}'
    )
    store = MemoryStore()
    engine = next(iter(store.inner.query(query, prefixes={"xsd": str(XSD)})))
    (row,) = run_query(store.dataset, query)
    assert [(str(t), str(t.datatype)) for t in row] == [  # type: ignore[union-attr]
        (v.value, v.datatype.value) for v in engine if isinstance(v, ox.Literal)
    ]
    assert str(row[1]) == "PT0S" and str(row[2]) == "2025-05-25+05:30"  # type: ignore[index]
