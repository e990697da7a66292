"""`irkg serve` on a free loopback port, driven by real clients: SPARQLWrapper, rdflib's
SPARQLStore and plain HTTP."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from conftest import EXAMPLES, ROOT
from irkg.graph import KnowledgeGraph
from test_bounded import BOMB, safety_bound
from test_graph_screen import Listener, hostile

BIN = Path(sys.executable).parent
MEMBERS = "SELECT ?m WHERE { bloc:eaeu irkg:hasMember ?m } ORDER BY ?m"
PREFIXES = (
    "PREFIX bloc: <https://w3id.org/irkg/id/bloc/> PREFIX irkg: <https://w3id.org/irkg/ontology#> "
)
EAEU = [f"https://w3id.org/irkg/id/country/{c}" for c in ("armenia", "belarus", "kazakhstan", "kyrgyzstan", "russia")]  # fmt: skip
#: Every triple with every triple with every triple: minutes on any graph worth serving.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


#: The log file of each server started here, by its base URL.
LOGS: dict[str, Path] = {}


@contextlib.contextmanager
def _serving(
    *options: str,
    log: Path,
    cwd: Path = ROOT,
    preexec_fn: Callable[[], None] | None = None,
) -> Iterator[str]:
    """`irkg serve OPTIONS` in the repository (the built graph) on a free loopback port,
    logging to ``log``, until the block ends; its base URL. ``preexec_fn`` runs in the
    server's process before it starts."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    LOGS[base] = log
    with log.open("w") as written:
        process = subprocess.Popen(
            [str(BIN / "irkg"), "serve", "--port", str(port), *options],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=written,
            preexec_fn=preexec_fn,
        )
    try:
        deadline = time.monotonic() + 60
        while _get_or_none(f"{base}/sparql") is None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"irkg serve did not start: {log.read_text()}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`irkg serve` on the built graph (as run in the repository), with a 2 s timeout and
    50 rows at most."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with _serving("--timeout", "2", "--max-rows", "50", log=log) as base:
        yield base


def _get(url: str, accept: str = "*/*") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _post(url: str, body: bytes, kind: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": kind})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _sparql(server: str, query: str, accept: str = "*/*") -> tuple[int, dict[str, str], bytes]:
    return _get(f"{server}/sparql?" + urllib.parse.urlencode({"query": query}), accept)


def test_sparqlwrapper_reads_every_results_format(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(PREFIXES + MEMBERS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert [row["m"]["value"] for row in rows] == EAEU
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == 5  # type: ignore[union-attr]
    for fmt, separator in ((CSV, b"\r\n"), (TSV, b"\n")):
        client.setReturnFormat(fmt)
        lines = client.query().convert().strip().split(separator)  # type: ignore[union-attr]
        assert len(lines) == 6 and b"country/armenia" in lines[1]
    client.setMethod("POST")
    client.setReturnFormat(JSON)
    client.setQuery(PREFIXES + "ASK { bloc:eaeu irkg:hasMember ?m }")
    assert client.query().convert()["boolean"] is True  # type: ignore[index,call-overload]


def test_sparqlwrapper_reads_construct_and_describe(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(
        PREFIXES + "CONSTRUCT { bloc:eaeu irkg:hasMember ?m } WHERE { bloc:eaeu irkg:hasMember ?m }"
    )
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert sorted(str(o) for o in graph.objects()) == EAEU
    for accept, fmt in (("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        status, _, body = _sparql(server, PREFIXES + "DESCRIBE bloc:eaeu", accept)
        assert status == 200
        assert len(Graph().parse(data=body, format=fmt)) > 5


def test_rdflib_sparqlstore_as_a_client(server: str, memory_kg: KnowledgeGraph) -> None:
    remote = Graph(store=SPARQLStore(f"{server}/sparql"))
    there = sorted(str(row[0]) for row in remote.query(PREFIXES + MEMBERS))  # type: ignore[index]
    assert there == EAEU == sorted(str(row[0]) for row in memory_kg.query(MEMBERS))  # type: ignore[index]


def test_a_malformed_query_is_a_400_with_its_position(server: str) -> None:
    status, _, body = _sparql(server, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert b"SPARQL syntax error at line 1, column 18" in body


def test_updates_are_refused_and_change_nothing(server: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = _sparql(server, count, "text/csv")[2]
    drop = b"DROP ALL"
    assert _post(f"{server}/sparql", drop, "application/sparql-update")[0] == 403
    assert (
        _post(f"{server}/sparql", b"update=DROP%20ALL", "application/x-www-form-urlencoded")[0]
        == 403
    )
    assert (
        _post(f"{server}/sparql", b"query=DROP%20ALL", "application/x-www-form-urlencoded")[0]
        == 403
    )
    assert _post(f"{server}/update", drop, "application/sparql-update")[0] == 403
    assert _sparql(server, "DELETE WHERE { ?s ?p ?o }")[0] == 403
    assert _sparql(server, "LOAD <file:///etc/passwd>")[0] == 403
    assert _sparql(server, count, "text/csv")[2] == before


def test_service_reaches_nothing(server: str) -> None:
    """SERVICE however written (test_graph_screen.py's queries) to a port this test
    listens on: each refused with a 400, and no connection ever arrives."""
    with Listener() as listener:
        answers = [_sparql(server, query)[::2] for query in hostile(listener.port)]
    assert listener.connections == 0
    assert [status for status, _ in answers] == [400] * len(answers)
    assert all(b"is not allowed" in body or b"holds the character" in body for _, body in answers)


def test_from_a_file_reads_nothing(server: str) -> None:
    status, _, body = _sparql(
        server, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "text/csv"
    )
    assert b"root:" not in body
    assert status == 400 and b"FROM <file:///etc/passwd> is refused" in body
    status, _, body = _sparql(
        server,
        "SELECT * FROM NAMED <http://127.0.0.1:9/x> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "text/csv",
    )
    assert status == 200 and body.strip() == b"g,s,p,o"  # a graph the store lacks is empty


def test_a_query_past_the_timeout_is_cut_while_others_are_served(server: str) -> None:
    slow: dict[str, object] = {}

    def endless() -> None:
        started = time.monotonic()
        slow["status"] = _sparql(server, ENDLESS)[0]
        slow["took"] = time.monotonic() - started

    thread = threading.Thread(target=endless)
    thread.start()
    time.sleep(0.3)
    quick = []
    while thread.is_alive():
        started = time.monotonic()
        assert _get(f"{server}/ask/members-of?bloc=EAEU")[0] == 200
        quick.append(time.monotonic() - started)
    thread.join()
    assert slow["status"] == 503 and 1.9 < slow["took"] < 6  # type: ignore[operator]
    assert quick and max(quick) < 1.5
    assert _get(f"{server}/ask/members-of?bloc=EAEU")[0] == 200  # a fresh worker took over


def test_a_query_past_max_memory_is_a_503_and_the_server_goes_on(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with _serving(
        "--max-memory", "300", "--timeout", "60", log=log, preexec_fn=safety_bound
    ) as base:
        for _ in range(2):  # the worker that ran out is replaced, and so on
            status, _, body = _sparql(base, BOMB)
            assert status == 503, body
            assert b"needed more than 300 MiB of memory (the server's --max-memory)" in body
            assert _sparql(base, PREFIXES + MEMBERS, "text/csv")[0] == 200
            assert _get(f"{base}/ask/members-of?bloc=EAEU")[0] == 200
    assert "Traceback" not in log.read_text() and "memory allocation" not in log.read_text()


def test_rows_are_capped_and_the_cut_is_said(server: str) -> None:
    status, headers, body = _sparql(
        server, "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json"
    )
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 50
    assert headers["x-irkg-rows-cut"].startswith("gave the first 50 of ")


#: Queries whose answers rdflib's writers or parser changed: one rdflib cannot parse
#: (LATERAL), values XML wrote as empty (0, false) beside an unbound one, a date's
#: timezone and a double's text.
ENGINES_OWN = [
    "SELECT ?m ?l WHERE { bloc:eaeu irkg:hasMember ?m . "
    "LATERAL { SELECT ?m ?l WHERE { ?m rdfs:label ?l } ORDER BY ?l LIMIT 1 } } ORDER BY ?m",
    'SELECT ?n ?b ?d ?x ?u WHERE { VALUES (?n ?b ?d ?x) { (0 false "2024-01-01Z"^^xsd:date '
    '"1050"^^xsd:double) } OPTIONAL { ?n irkg:nothing ?u } }',
    "ASK { bloc:eaeu irkg:hasMember ?m }",
]


def test_answers_are_the_engines_own_bytes_in_every_format(server: str) -> None:
    """Each answer is what bare Oxigraph writes for the same query over the same graph, in
    every results format (SPARQLWrapper asks XML by default: an unbound variable, a 0 or
    a false in it once broke the answer)."""
    import pyoxigraph as ox

    from irkg.graph.sparql import PREFIXES as DECLARED

    bare = ox.Store()
    bare.load(path=str(ROOT / "exports" / "irkg.trig"), format=ox.RdfFormat.TRIG)
    formats = {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/csv": ox.QueryResultsFormat.CSV,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    }
    for query in ENGINES_OWN:
        for media, fmt in formats.items():
            if query.startswith("ASK") and fmt in (
                ox.QueryResultsFormat.CSV,
                ox.QueryResultsFormat.TSV,
            ):
                continue
            status, headers, body = _sparql(server, query, media)
            assert status == 200, body
            assert headers["content-type"].startswith(media)
            found = bare.query(query, use_default_graph_as_union=True, prefixes=DECLARED)
            assert body == found.serialize(format=fmt), (query, media)
    client = SPARQLWrapper(f"{server}/sparql")  # its default: XML
    client.setQuery(ENGINES_OWN[1])
    (row,) = client.query().convert().getElementsByTagName("result")  # type: ignore[union-attr]
    values = {
        b.getAttribute("name"): b.firstChild.firstChild.data
        for b in row.getElementsByTagName("binding")
    }
    assert values == {"n": "0", "b": "false", "d": "2024-01-01Z", "x": "1050"}


def test_select_star_columns_and_a_cut_answer_in_tsv(server: str) -> None:
    """SELECT * gives its columns in the query's order, as `irkg query` does (the engine
    orders them by name); a cut answer keeps whole rows."""
    status, headers, body = _sparql(
        server, "SELECT * WHERE { ?zeta ?alpha ?mid }", "text/tab-separated-values"
    )
    assert status == 200
    lines = body.decode().split("\n")
    assert lines[0] == "?zeta\t?alpha\t?mid" and lines[-1] == ""
    assert len(lines) == 52 and all(line.count("\t") == 2 for line in lines[:-1])
    assert headers["x-irkg-rows-cut"].startswith("gave the first 50 of ")


def test_a_huge_request_is_refused(server: str) -> None:
    status, _ = _post(
        f"{server}/sparql", b"query=" + b"x" * 2_000_000, "application/x-www-form-urlencoded"
    )
    assert status == 413
    assert _post(f"{server}/sparql", b"<a> <b> <c> .", "text/turtle")[0] == 415
    assert _sparql(server, MEMBERS, "image/png")[0] == 406


def test_the_helpers_over_http(server: str, memory_kg: KnowledgeGraph) -> None:
    from irkg.graph.helpers import HELPERS

    status, _, body = _get(f"{server}/ask")
    index = json.loads(body)
    assert status == 200 and sorted(index) == sorted(HELPERS)
    assert index["members-of"]["parameters"][0]["name"] == "bloc"
    status, _, body = _get(f"{server}/ask/members-of?bloc=EAEU")
    rows = json.loads(body)["rows"]
    assert [r["label"] for r in rows] == [m.label for m in memory_kg.members_of("EAEU")]
    status, headers, body = _get(f"{server}/ask/members-of?bloc=EAEU&format=csv")
    assert headers["content-type"].startswith("text/csv") and body.startswith(b"id,label,sources")
    assert _get(f"{server}/ask/members-of?bloc=Narnia")[0] == 404
    assert _get(f"{server}/ask/members-of")[0] == 400
    assert _get(f"{server}/ask/members-of?bloc=EAEU&colour=red")[0] == 400
    assert _get(f"{server}/ask/neighbours?entity=Moscow&depth=two")[0] == 400
    assert _get(f"{server}/ask/no-such-helper")[0] == 404


def test_the_explorer_and_the_exports(server: str) -> None:
    status, headers, body = _get(f"{server}/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"country/india" in body and b'<script src="http' not in body
    assert _get(f"{server}/")[2] == body  # drawn once
    status, headers, body = _get(f"{server}/exports/irkg.ttl")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert body == (ROOT / "exports" / "irkg.ttl").read_bytes()
    for name in ("..%2Fpyproject.toml", "%2Fetc%2Fpasswd", "nothing.ttl"):
        status, _, body = _get(f"{server}/exports/{name}")
        assert status == 404 and b"root:" not in body


@pytest.mark.parametrize("size", [(1024, 700), (390, 844)], ids=["laptop", "phone"])
def test_the_query_page_and_the_explorer_work_offline(
    server: str, browser: Any, size: tuple[int, int]
) -> None:
    """In Chromium with every request but this server's refused: the query page runs a
    query and shows its rows, an example fills the editor, the explorer draws."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    outside: list[str] = []

    def only_here(route: Any) -> None:
        if route.request.url.startswith(server + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/query")
    page.wait_for_selector(".yasqe")
    page.evaluate("window.irkgYasgui.getTab().query()")
    page.wait_for_selector(".yasr table td")
    assert "Kyrgyz Republic" in page.inner_text(".yasr")
    page.click("#irkg-example-list >> text=trade")
    assert "irkg:TradeObservation" in page.evaluate("window.irkgYasgui.getTab().getQuery()")
    tab = "window.irkgYasgui.getTab()"
    page.evaluate(
        f"{tab}.setQuery('DESCRIBE <https://w3id.org/irkg/id/bloc/eaeu>'); {tab}.query(); null"
    )
    page.wait_for_selector(".yasr_btn.select_graph, .select_graph")
    page.evaluate(f"{tab}.getYasr().selectPlugin('graph'); null")
    page.wait_for_selector(".irkg-graph canvas")  # the triples drawn as a graph
    page.goto(f"{server}/")
    page.wait_for_function("() => document.querySelector('canvas') !== null")
    assert outside == [] and errors == []
    page.close()


def test_every_answer_forbids_sniffing_and_framing_and_pages_carry_a_policy(
    server: str,
) -> None:
    """nosniff, no framing and a Content-Security-Policy on the pages, the exports, the
    results and the errors; the explorer's own policy (script hashes) is in its page."""
    for path in ("/", "/query", "/exports/irkg.ttl", "/exports/explorer.html", "/ask", "/nope"):
        _, headers, body = _get(server + path)
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        if headers["content-type"].startswith("text/html") and path != "/query":
            assert b"Content-Security-Policy" in body and b"'sha256-" in body, path
    assert "script-src 'self';" in _get(server + "/query")[1]["content-security-policy"]
    assert "sandbox" in _sparql(server, "ASK {}")[1]["content-security-policy"]


def test_one_log_line_a_request_without_the_query_and_no_cors(server: str) -> None:
    secret = "SELECT ?s WHERE { ?s rdfs:label 'a-label-nobody-uses' }"
    status, headers, _ = _sparql(server, secret)
    assert status == 200
    assert not any(k.lower().startswith("access-control-") for k in headers)
    _get(f"{server}/ask/members-of?bloc=EAEU")
    time.sleep(0.2)
    log = LOGS[server].read_text()
    assert "a-label-nobody-uses" not in log
    lines = [line for line in log.splitlines() if " GET /" in line]
    assert any(
        "GET /sparql 200" in line and f"query={len(secret)} rows=0" in line for line in lines
    )
    assert any("GET /ask/members-of 200" in line and "rows=5" in line for line in lines)


def test_a_store_rewritten_while_served_is_answered_afresh(
    memory_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    """Answers are remembered while the graph stays the same; `irkg load` into the store
    being served makes the server forget them and reopen it."""
    spec = f"oxigraph:{tmp_path / 'kg'}"
    memory_kg.save(spec)
    with _serving("--store", spec, log=tmp_path / "serve.log") as base:
        kazan = "ASK { city:kazan rdfs:label 'Kazan' }"
        first = _sparql(base, kazan, "application/sparql-results+json")
        again = _sparql(base, kazan, "application/sparql-results+json")
        assert json.loads(first[2])["boolean"] is False and again[1].get("x-irkg-cache") == "hit"
        extra = tmp_path / "kazan.nt"
        extra.write_text(
            '<https://w3id.org/irkg/id/city/kazan> <http://www.w3.org/2000/01/rdf-schema#label> "Kazan" .\n'
        )
        loaded = subprocess.run(
            [str(BIN / "irkg"), "load", str(extra), "--store", spec], capture_output=True, text=True
        )
        assert loaded.returncode == 0, loaded.stderr
        after = _sparql(base, kazan, "application/sparql-results+json")
        assert json.loads(after[2])["boolean"] is True and "x-irkg-cache" not in after[1]


def test_a_store_moved_away_while_served_is_a_503_and_the_server_recovers(
    memory_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    """While the store's folder is gone, answers are 503 with Retry-After (no traceback);
    once it is back, whether the same folder or a rebuilt one, answers resume."""
    folder = tmp_path / "kg"
    spec = f"oxigraph:{folder}"
    memory_kg.save(spec)
    ask = "ASK { country:india irkg:memberOf bloc:brics }"
    with _serving("--store", spec, "--timeout", "5", log=tmp_path / "serve.log") as base:
        assert _sparql(base, ask)[0] == 200
        folder.rename(tmp_path / "away")
        for _ in range(3):
            status, headers, body = _sparql(base, ask)
            assert status == 503 and headers.get("retry-after") == "1", body
            assert b"cannot be opened just now" in body
        (tmp_path / "away").rename(folder)
        status, _, body = _sparql(base, ask, "application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True
        folder.rename(tmp_path / "away")
        assert _sparql(base, ask)[0] == 503
        memory_kg.save(spec)  # a new folder in its place
        deadline = time.monotonic() + 30
        while (status := _sparql(base, ask)[0]) == 503 and time.monotonic() < deadline:
            time.sleep(0.3)  # the one-second pause between tries
        assert status == 200
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def test_exports_are_served_by_name_and_never_through_a_link(tmp_path: Path) -> None:
    """Only the files irkg build writes are served from exports/, and a link there (to a
    secret) is never followed, even one made while the server runs."""
    (tmp_path / "exports").mkdir()
    shutil.copy(ROOT / "exports" / "irkg.trig", tmp_path / "exports" / "irkg.trig")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=s3cret\n")
    (tmp_path / "exports" / "irkg.nt").symlink_to(secret)
    (tmp_path / "exports" / "notes.txt").write_text("mine\n")
    shutil.copy(ROOT / "exports" / "irkg.ttl", tmp_path / "exports" / "irkg.ttl")
    with _serving(log=tmp_path / "serve.log", cwd=tmp_path) as base:
        assert _get(f"{base}/exports/irkg.trig")[0] == 200
        for name in ("irkg.nt", "notes.txt"):
            status, _, body = _get(f"{base}/exports/{name}")
            assert status == 404 and b"s3cret" not in body and b"mine" not in body, name
        (tmp_path / "exports" / "irkg.ttl").unlink()
        (tmp_path / "exports" / "irkg.ttl").symlink_to(secret)
        status, _, body = _get(f"{base}/exports/irkg.ttl")
        assert status == 404 and b"s3cret" not in body


def test_an_article_ingested_into_the_store_being_served_is_served(
    memory_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    spec = f"oxigraph:{tmp_path / 'kg'}"
    memory_kg.save(spec)
    article = EXAMPLES / "articles" / "rail-talks.html"
    with _serving("--store", spec, log=tmp_path / "serve.log") as base:
        status, _, body = _get(f"{base}/ask/mentions?entity=Mumbai")
        assert status == 200 and json.loads(body)["rows"] == []
        ingested = subprocess.run(
            [str(BIN / "irkg"), "ingest", str(article), "--store", spec, "--review", str(tmp_path)],
            capture_output=True,
            text=True,
        )
        assert ingested.returncode == 0, ingested.stderr
        [row] = json.loads(_get(f"{base}/ask/mentions?entity=Mumbai")[2])["rows"]
        assert (row["words"], row["title"]) == (
            "Mumbai",
            "Rail talks resume between Delhi and Moscow",
        )
        facts = json.loads(_get(f"{base}/ask/sources-of?entity=INSTC")[2])["rows"]
        assert row["source"] in {r["source"] for r in facts}


def _get_or_none(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bytes(response.read())
    except OSError:
        return None


def test_default_and_named_graphs_by_the_protocol(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setReturnFormat(JSON)
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    everything = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])  # type: ignore[index,call-overload]
    client.addDefaultGraph("https://w3id.org/irkg/graph/background")
    background = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])  # type: ignore[index,call-overload]
    assert 100 < background < everything
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = f"{server}/sparql?" + urllib.parse.urlencode(
        {"query": query, "named-graph-uri": "https://w3id.org/irkg/graph/provenance"}
    )
    status, _, body = _get(named, "text/csv")
    assert status == 200 and body.split() == [b"g", b"https://w3id.org/irkg/graph/provenance"]
    refused = f"{server}/sparql?" + urllib.parse.urlencode(
        {"query": query, "default-graph-uri": "file:///etc/passwd"}
    )
    status, _, body = _get(refused)
    assert status == 400 and b"root:" not in body


def test_a_served_explorer_loads_neighbours_from_the_server(browser: Any, tmp_path: Path) -> None:
    """With a first view of 20 entities, opening one and asking the server adds its other
    neighbours to the page, and the button then says none remain."""
    with _serving("--explorer-nodes", "20", log=tmp_path / "serve.log") as base:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{base}/")
        page.wait_for_function("() => window.irkg !== undefined")
        assert page.evaluate("irkg.nodes.length") == 20
        assert "country/armenia" not in page.evaluate("[...irkg.byId.keys()]")
        page.evaluate("irkg.select({node: 'bloc/eaeu'}); null")
        page.click('#details button:has-text("Load its neighbours")')
        page.wait_for_function("() => irkg.byId.has('country/armenia')")
        assert page.evaluate("irkg.nodes.length") > 20
        assert "Loaded" in page.inner_text("#status")
        assert page.locator('#details button:has-text("(+0)")').is_disabled()
        # A name the page does not hold: Enter in the search asks the server, which
        # resolves it as `irkg ask` does; the entity comes with its neighbours.
        assert not page.evaluate("irkg.byId.has('city/murmansk')")
        page.fill("#search", "Murmansk")
        page.press("#search", "Enter")
        page.wait_for_function("() => irkg.byId.has('city/murmansk')")
        page.wait_for_function(
            "() => irkg.state.selected && irkg.state.selected.node === 'city/murmansk'"
        )
        page.fill("#search", "Narnia")
        page.press("#search", "Enter")
        page.wait_for_function(
            "() => document.getElementById('status').textContent.includes('Narnia')"
        )
        page.close()


def test_bad_or_odd_requests_found_by_a_probe(server: str) -> None:
    """What a hostile client tried (each once answered with a 500, a wrong status, or
    output that breaks its own format): now a clear 4xx, or a well-formed answer."""
    assert _sparql(server, "   ")[0] == 400  # an empty query is not an update
    assert _post(f"{server}/sparql", b"query=", "application/x-www-form-urlencoded")[0] == 400
    # The most specific Accept range decides; application/json is JSON for helpers.
    assert _sparql(server, MEMBERS, "text/csv;q=0, text/*")[1]["content-type"].startswith(
        "text/tab-separated-values"
    )
    assert _sparql(server, MEMBERS, "application/sparql-results+json;q=0, */*")[0] == 200
    assert _get(f"{server}/ask/members-of?bloc=EAEU", "application/json")[0] == 200
    for bad in ("bloc=EAEU&bloc=BRICS", "bloc=EAEU&format=xml", "bloc=" + "x" * 600):
        assert _get(f"{server}/ask/members-of?{bad}")[0] == 400
    for bad in ("entity=Moscow&depth=100", "entity=Moscow&depth=%D9%A3", "entity=Moscow&depth=1_0"):
        assert _get(f"{server}/ask/neighbours?{bad}")[0] == 400
    assert _get(f"{server}/ask/central?top=-5")[0] == 400
    # CONSTRUCT: literal subjects and predicates dropped (as SPARQL says), rows capped.
    status, _, body = _sparql(
        server,
        "CONSTRUCT { ?l <urn:p> 1 . <urn:s> ?l 2 . <urn:s> <urn:q> ?l } WHERE { BIND('a' AS ?l) }",
        "application/n-triples",
    )
    kept = list(Graph().parse(data=body, format="nt"))
    assert status == 200 and [(str(s), str(p), str(o)) for s, p, o in kept] == [
        ("urn:s", "urn:q", "a")
    ]
    status, headers, body = _sparql(server, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert status == 200 and len(body.splitlines()) == 50 and "x-irkg-rows-cut" in headers
    # Terms a format cannot write: a 406, never a 500 or a broken document.
    # (Oxigraph's engine, which serves files, leaves an invalid IRI unbound; rdflib's
    # made one, which TSV cannot write.)
    status, _, body = _sparql(
        server, "SELECT (IRI('urn:a b') AS ?x) {}", "text/tab-separated-values"
    )
    assert status == 406 or (status == 200 and b"urn:a b" not in body)
    assert (
        _sparql(server, "SELECT ('a\\u0001b' AS ?x) {}", "application/sparql-results+xml")[0] == 406
    )
    status, _, body = _sparql(server, "SELECT ('a\\nb' AS ?x) {}", "text/tab-separated-values")
    assert status == 200 and body.decode().splitlines() == ["?x", '"a\\nb"']
    # A declared charset is read; bytes that are not in it are a 400.
    latin = "SELECT ('é' AS ?x) {}".encode("latin-1")
    status, body = _post(f"{server}/sparql", latin, "application/sparql-query; charset=iso-8859-1")
    assert status == 200 and "é".encode() in body
    assert _post(f"{server}/sparql", latin, "application/sparql-query")[0] == 400
    # A long query is answered but not remembered (its text would fill the memory).
    long = MEMBERS + " #" + "x" * 20_000
    assert (
        "x-irkg-cache" not in _sparql(server, long)[1]
        and "x-irkg-cache" not in _sparql(server, long)[1]
    )


def test_a_bad_file_to_serve_is_a_clear_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from irkg.cli import main

    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    result = CliRunner().invoke(main, ["serve", "--port", str(_free_port()), "--graph", str(bad)])
    assert result.exit_code == 2
    assert "bad.ttl:1: turtle syntax error" in result.output and "Traceback" not in result.output


def test_the_explorer_search_takes_any_text(server: str) -> None:
    """Text the explorer's search sends is a name to look up, never query text: words that
    read like SERVICE, or a NUL, are just not found."""
    for text in ("customer service ?", "Service x:y", "\x00", "services"):
        status, _, body = _get(f"{server}/explorer/find?" + urllib.parse.urlencode({"q": text}))
        assert status in (200, 404) and b"SERVICE" not in body and b"line 1" not in body, text


def test_the_service_description_keeps_the_host_header_inside_its_iri(server: str) -> None:
    """The endpoint's IRI comes from the request: a Host header that tries to close it
    stays percent-encoded inside, and the description is still one Turtle service."""
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as connection:
        connection.sendall(
            b"GET /sparql HTTP/1.1\r\nHost: x> a <urn:evil> . <y\r\n"
            b"Accept: text/turtle\r\nConnection: close\r\n\r\n"
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    body = answer.split(b"\r\n\r\n", 1)[1]
    graph = Graph().parse(data=body.decode(), format="turtle")
    assert not list(graph.subjects(None, URIRef("urn:evil"))) and "urn:evil" not in {
        str(o) for o in graph.objects()
    }
    (endpoint,) = graph.objects(
        None, URIRef("http://www.w3.org/ns/sparql-service-description#endpoint")
    )
    assert not set(str(endpoint)) & set(' <>"{}|^`\\'), endpoint
