"""The W3C SPARQL query evaluation tests (1.1 and 1.0), through the bare engine and through irkg.

The suite is test data, not part of irkg: it is fetched once from the package registry
(the rdflib source distribution of the installed version carries it, under
test/data/suites/w3c/: sparql11 and the SPARQL 1.0 tests, dawg-data-r2) into
.irkg/w3c/, and read from there after.

Each query evaluation test loads its data into a new Oxigraph store (qt:data as the
default graph, each qt:graphData as a named graph named by its file's IRI) and asks its
query:

- **bare**: Oxigraph's own ``Store.query``, with the query file's IRI as the base;
- **irkg**: :func:`irkg.graph.sparql.run_query` over irkg's memory store holding the same
  quads (its SERVICE screen, FROM checks, prefixes and sealing included), as
  ``irkg query`` and the helpers run every query;
- **serve**: what an ``irkg serve`` worker answers the SPARQL Protocol with
  (:func:`irkg.serve.answers.answer`, in process: the HTTP layer adds no reading of the
  query), as JSON results or N-Triples, read back by Oxigraph's parsers.

Each answer is compared with the suite's expected one (SELECT and ASK answers in the
XML, JSON, CSV or TSV results formats; CONSTRUCT and DESCRIBE graphs), as a multiset of
rows with blank nodes read as one another, and the irkg path's answer with the bare
engine's. Prints the counts per path and every test where the two answer differently,
with why (a refusal's own message).

    .venv/bin/python benchmarks/w3c_sparql.py
    .venv/bin/python benchmarks/w3c_sparql.py --verbose   # every difference
"""

from __future__ import annotations

import argparse
import collections
import logging
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import rdflib
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.query import Result

from irkg.errors import IrkgError
from irkg.graph.sparql import run_query
from irkg.graph.stores.memory import MemoryStore
from irkg.serve.answers import answer

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / ".irkg" / "w3c"
#: The suite's two parts: SPARQL 1.1's tests and the SPARQL 1.0 (DAWG) ones.
PARTS = ("sparql11", "dawg-data-r2")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
#: Parts of the suite that test what irkg has no place for (updates, entailment
#: regimes, federation, the protocols); their query evaluation tests are left out.
_NOT_QUERY = {"entailment", "service", "protocol", "http-rdf-update", "service-description"}
#: irkg's paths, each held to the bare engine.
PATHS = ("irkg", "serve")
_STRING = "^^<http://www.w3.org/2001/XMLSchema#string>"
_BLANK = re.compile(r"_:\S+")


def fetch_suite(folder: Path) -> Path:
    """The suite's folder, fetched first if it is not there (see the module's text)."""
    if all((folder / part).is_dir() for part in PARTS):
        return folder
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", f"rdflib=={rdflib.__version__}",
             "--no-binary", ":all:", "--no-deps", "--quiet", "-d", tmp],
            check=True,
        )  # fmt: skip
        (archive,) = Path(tmp).glob("rdflib-*.tar.gz")
        marker = "/test/data/suites/w3c/"
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                inside = member.name.split(marker, 1)[-1]
                if marker in member.name and member.isfile() and inside.startswith(PARTS):
                    target = folder / inside
                    target.parent.mkdir(parents=True, exist_ok=True)
                    extracted = tar.extractfile(member)
                    assert extracted is not None
                    target.write_bytes(extracted.read())
    return folder


@dataclass
class Case:
    name: str
    query: Path
    data: Path | None
    graphs: list[Path] = field(default_factory=list)
    result: Path | None = None


def cases(suite: Path) -> Iterator[Case]:
    """Every query evaluation test of the suite's parts that are about queries."""
    for manifest in sorted(m for part in PARTS for m in (suite / part).glob("*/manifest.ttl")):
        if manifest.parent.name in _NOT_QUERY:
            continue
        graph = Graph().parse(manifest, publicID=manifest.as_uri())
        listed = next(graph.objects(None, MF.entries), None)
        entries = set(Collection(graph, listed)) if listed is not None else set()
        for test in sorted(graph.subjects(RDF.type, MF.QueryEvaluationTest)):
            if test not in entries:
                continue
            action = graph.value(test, MF.action)
            query = graph.value(action, QT.query)
            if query is None:
                continue
            data = graph.value(action, QT.data)
            result = graph.value(test, MF.result)
            yield Case(
                name=f"{manifest.parent.parent.name}/{manifest.parent.name}/{str(test).rsplit('#', 1)[-1]}",
                query=_path(query),
                data=_path(data) if data is not None else None,
                graphs=sorted(_path(g) for g in graph.objects(action, QT.graphData)),
                result=_path(result) if result is not None else None,
            )


def _path(iri: object) -> Path:
    return Path(str(iri).removeprefix("file://"))


def _store(case: Case) -> ox.Store:
    store = ox.Store()
    for path, graph in [(case.data, ox.DefaultGraph()), *((g, None) for g in case.graphs)]:
        if path is None:
            continue
        name = graph if graph is not None else ox.NamedNode(path.as_uri())
        store.load(path=str(path), base_iri=path.as_uri(), to_graph=name)
    return store


Answer = tuple[str, object]


def _term(text: str) -> str:
    return _BLANK.sub("_:", text.removesuffix(_STRING) if text.endswith(_STRING) else text)


def _from_ox(found: object) -> Answer:
    if isinstance(found, ox.QueryBoolean):
        return ("ASK", bool(found))
    if isinstance(found, ox.QuerySolutions):
        names = [v.value for v in found.variables]
        rows = [
            tuple(
                sorted((n, _term(str(v))) for n, v in zip(names, row, strict=True) if v is not None)
            )
            for row in found
        ]
        return ("SELECT", sorted(collections.Counter(rows).items()))
    triples = [_term(f"{t.subject} {t.predicate} {t.object}") for t in found]  # type: ignore[attr-defined]
    return ("GRAPH", sorted(collections.Counter(triples).items()))


def _from_rdflib(result: Result) -> Answer:
    if result.type == "ASK":
        return ("ASK", bool(result.askAnswer))
    if result.type == "SELECT":
        rows = [
            tuple(sorted((str(k), _term(v.n3())) for k, v in binding.items() if v is not None))
            for binding in result.bindings
        ]
        return ("SELECT", sorted(collections.Counter(rows).items()))
    assert result.graph is not None
    return _graph(result.graph)


def _graph(graph: Graph) -> Answer:
    triples = [_term(f"{s.n3()} {p.n3()} {o.n3()}") for s, p, o in graph]
    return ("GRAPH", sorted(collections.Counter(triples).items()))


_RESULT_FORMATS = {".srx": "xml", ".srj": "json", ".csv": "csv", ".tsv": "tsv"}


def expected(case: Case) -> Answer | None:
    """The suite's answer, or None where it is in a form this runner does not read (RDF
    result sets)."""
    if case.result is None or not case.result.is_file():
        return None
    suffix = case.result.suffix
    if suffix in _RESULT_FORMATS:
        with case.result.open("rb") as handle:
            return _from_rdflib(Result.parse(handle, format=_RESULT_FORMATS[suffix]))
    graph = Graph().parse(case.result, publicID=case.result.as_uri())
    if (
        None,
        RDF.type,
        URIRef("http://www.w3.org/2001/sw/DataAccess/tests/result-set#ResultSet"),
    ) in graph:
        return None
    return _graph(graph)


def bare(case: Case) -> Answer | str:
    try:
        found = _store(case).query(
            case.query.read_text(encoding="utf-8"), base_iri=case.query.as_uri()
        )
        return _from_ox(found)
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        return f"error: {type(exc).__name__}: {exc}"


def through_irkg(case: Case) -> Answer | str:
    try:
        store = MemoryStore(inner=_store(case))
        return _from_rdflib(run_query(store.dataset, case.query.read_text(encoding="utf-8")))
    except IrkgError as exc:
        return f"refused: {exc}".splitlines()[0]
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        return f"error: {type(exc).__name__}: {exc}"


#: What the serve path asks for: JSON results, or N-Triples for a graph.
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


def through_serve(case: Case) -> Answer | str:
    store = MemoryStore(inner=_store(case))
    served = answer(
        SimpleNamespace(dataset=store.dataset),
        "sparql",
        case.query.read_text(encoding="utf-8"),
        _ACCEPT,
        10**9,
        None,
    )
    if served.status != 200:
        return (
            f"refused: HTTP {served.status}: {served.body.decode('utf-8', 'replace')}".splitlines()[
                0
            ]
        )
    media = served.media_type.split(";")[0]
    if media == "application/n-triples":
        return _from_ox(ox.parse(served.body, format=ox.RdfFormat.N_TRIPLES))
    return _from_ox(ox.parse_query_results(served.body, format=ox.QueryResultsFormat.JSON))


def main() -> None:
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)  # the suite's odd literals
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=SUITE)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    suite = fetch_suite(args.suite)
    passed: collections.Counter[str] = collections.Counter()
    differ: dict[str, list[tuple[str, str]]] = {path: [] for path in PATHS}
    total = checked = 0
    for case in cases(suite):
        total += 1
        want = expected(case)
        answers = {"bare": bare(case), "irkg": through_irkg(case), "serve": through_serve(case)}
        if want is not None:
            checked += 1
            passed.update(path for path, got in answers.items() if got == want)
        for path in PATHS:
            got = answers[path]
            # Both refusing the query (each in its own words) is answering alike.
            both_refused = isinstance(got, str) and isinstance(answers["bare"], str)
            if got != answers["bare"] and not both_refused:
                differ[path].append(
                    (case.name, got if isinstance(got, str) else "a different answer")
                )
    print(f"{total} query evaluation tests ({checked} with an expected answer this runner reads)")
    for path in ("bare", *PATHS):
        print(f"  {path}: {passed[path]} of {checked} give the expected answer")
    for path in PATHS:
        print(f"  {path} answers as the bare engine does in {total - len(differ[path])} of {total}")
        reasons = collections.Counter(
            re.sub(r"<[^>]*>|'[^']*'|\d+", "…", why)[:90] for _, why in differ[path]
        )
        for why, count in reasons.most_common():
            print(f"    {count:3} {why}")
        if args.verbose:
            for name, why in differ[path]:
                print(f"    {name}: {why}")


if __name__ == "__main__":
    main()
