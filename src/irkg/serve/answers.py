"""What a worker does with a request: a SPARQL query or a helper, answered as bytes.

Runs in the worker processes of :mod:`irkg.serve.pool`, with the graph open. Every query
goes through :func:`irkg.graph.sparql.run_query` (SERVICE refused, sealed: no file and
no URL is opened, the store's own engine runs the text), so nothing here reaches out.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.query import Result

from irkg.bounded import caused_by_memory
from irkg.errors import Ambiguous, IrkgError, NotFound, QueryError
from irkg.serve.pool import Answer

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "answer", "negotiate", "open_graph"]

#: Media types of SELECT and ASK results, and rdflib's name for each.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: Media types of CONSTRUCT and DESCRIBE results, and rdflib's name for each.
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/plain": "application/n-triples",
}

READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"


def open_graph(store: str | None, paths: Sequence[str]) -> Any:
    """The graph to answer from (a server's worker, or a command): a store (opened
    read-only), RDF files, or the built graph: the store ``irkg build`` kept while it
    matches ``exports/`` (:func:`irkg.pipeline.open_built`), else ``exports/irkg.trig``."""
    from irkg.graph import KnowledgeGraph
    from irkg.loaders import load_rdf_files
    from irkg.pipeline import open_built

    if store and store != "memory":
        return KnowledgeGraph.open(store)
    if not paths and (kept := open_built("exports")) is not None:
        return kept
    files = [Path(p) for p in paths] or [Path("exports") / "irkg.trig"]
    return KnowledgeGraph(load_rdf_files(files))


def negotiate(accept: str, offered: Sequence[str], *, aliases: bool = True) -> str | None:
    """The offered media type the ``Accept`` header likes best (first offered on a tie),
    or None when it accepts none of them. Each offered type takes the quality of the most
    specific range that matches it (RFC 9110: ``text/csv;q=0, text/*`` refuses CSV).
    ``aliases`` reads application/json as SPARQL JSON results (and so on), as SPARQL
    clients mean them.

    Example:
        >>> negotiate("text/csv;q=0.5, application/sparql-results+json", list(RESULT_TYPES))
        'application/sparql-results+json'
        >>> negotiate("*/*", ["text/turtle", "application/n-triples"])
        'text/turtle'
        >>> negotiate("text/csv;q=0, text/*", ["text/csv", "text/tab-separated-values"])
        'text/tab-separated-values'
        >>> negotiate("image/png", ["text/turtle"]) is None
        True
    """
    ranges: list[tuple[str, float]] = []
    for part in (accept or "*/*").split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        kind = kind.lower()
        if aliases:
            kind = _ALIASES.get(kind, kind)
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((kind, quality))
    best: tuple[float, int] | None = None
    chosen = None
    for rank, media in enumerate(offered):
        major = media.split("/")[0]
        # the most specific matching range decides: the type, then type/*, then */*
        for pattern in (media, f"{major}/*", "*/*"):
            found = [q for kind, q in ranges if kind == pattern]
            if found:
                quality = max(found)
                if quality > 0 and (best is None or (quality, -rank) > best):
                    best, chosen = (quality, -rank), media
                break
    return chosen


def answer(kg: Any, kind: str, *args: Any) -> Answer:
    """Answer one job: ``("sparql", text, accept, max_rows, dataset)`` (the protocol's
    default-graph-uri and named-graph-uri, or None),
    ``("ask", helper, params, media_type, max_rows)`` or ``("explorer", title)``."""
    try:
        if kind == "sparql":
            return _sparql(kg, *args)
        if kind == "ask":
            return _ask(kg, *args)
        if kind == "explorer":
            from irkg.exports import to_explorer_html

            title, most = args
            page = to_explorer_html(kg.to_networkx(), title=title, max_nodes=most, served=True)
            return Answer(200, "text/html; charset=utf-8", page.encode("utf-8"))
        if kind == "find":
            match = kg.resolve(args[0])
            named = json.dumps({"id": match.id, "label": match.label}, ensure_ascii=False)
            return Answer(200, "application/json", named.encode("utf-8"), 1, 1)
        if kind == "neighbours":
            from irkg.exports.explorer import neighbour_records

            node, limit = args
            found = neighbour_records(kg.to_networkx(), node, limit)
            if not found["nodes"]:
                return _text(404, f"no entity {node!r} in the graph served")
            body = json.dumps(found, ensure_ascii=False, default=str).encode("utf-8")
            return Answer(200, "application/json", body, len(found["nodes"]), len(found["nodes"]))
    except NotFound as exc:
        return _text(404, str(exc))
    except Ambiguous as exc:
        return _text(409, str(exc))
    except IrkgError as exc:
        return _text(400, str(exc))
    return _text(400, f"unknown job {kind!r}")


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _sparql(
    kg: Any,
    text: str,
    accept: str,
    max_rows: int,
    dataset: tuple[Sequence[str], Sequence[str]] | None = None,
) -> Answer:
    from irkg.graph.sparql import engine_answer, run_query

    if not text.strip():
        return _text(400, "the query is empty")
    try:
        found = engine_answer(kg.dataset, text, graphs=dataset)
        if found is not None:
            return _engine_written(found, text, accept, max_rows)
        result = run_query(kg.dataset, text, graphs=dataset)
    except QueryError as exc:
        if caused_by_memory(exc):  # the worker's --max-memory, not the query's text:
            raise MemoryError from exc  # its worker answers 503
        if _is_update(text):
            return _text(403, READ_ONLY)
        return _text(400, _ADDRESS.sub("", str(exc)))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        media = negotiate(accept, list(GRAPH_TYPES))
        if media is None:
            return _text(406, "CONSTRUCT and DESCRIBE give: " + ", ".join(GRAPH_TYPES))
        assert result.graph is not None
        # A literal is never a subject or a predicate (SPARQL drops such triples).
        triples = sorted(
            (s, p, o)
            for s, p, o in result.graph
            if not isinstance(s, Literal) and isinstance(p, URIRef)
        )
        graph = Graph()
        for prefix, namespace in result.graph.namespaces():
            graph.bind(prefix, namespace)
        for triple in triples[:max_rows]:
            graph.add(triple)
        fmt = GRAPH_TYPES[media]
        body = _written(lambda: graph.serialize(format=fmt, encoding="utf-8"))
        if isinstance(body, Answer):
            return body
        return Answer(200, f"{media}; charset=utf-8", body, len(graph), len(triples))
    offered = list(RESULT_TYPES) if result.type == "SELECT" else list(RESULT_TYPES)[:2]
    media = negotiate(accept, offered)
    if media is None:
        return _text(406, f"{result.type} gives: " + ", ".join(offered))
    total = len(result.bindings) if result.type == "SELECT" else 1
    if result.type == "SELECT" and total > max_rows:
        cut = Result("SELECT")
        cut.vars = result.vars
        cut.bindings = result.bindings[:max_rows]
        result = cut
    if RESULT_TYPES[media] == "tsv":
        body = _written(lambda: _tsv(result))
    else:
        out = io.BytesIO()
        body = _written(
            lambda: (
                result.serialize(out, format=RESULT_TYPES[media], encoding="utf-8")
                or out.getvalue()
            )
        )
    if isinstance(body, Answer):
        return body
    if (refused := _unwritable_xml(media, body)) is not None:
        return refused
    rows = min(total, max_rows)
    return Answer(200, f"{media}; charset=utf-8", body, rows, total)


#: The engine's writer of each media type.
_ENGINE_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_ENGINE_GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def _engine_written(
    found: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    text: str,
    accept: str,
    max_rows: int,
) -> Answer:
    """An engine's answer written by the engine's own writers, at most ``max_rows`` rows
    or triples."""
    try:
        if isinstance(found, ox.QueryTriples):
            return _engine_graph(found, accept, max_rows)
        return _engine_results(found, text, accept, max_rows)
    except (OSError, RuntimeError) as exc:  # the store failed while the answer was read
        raise QueryError(f"SPARQL evaluation error: {type(exc).__name__}: {exc}") from exc


def _engine_graph(found: ox.QueryTriples, accept: str, max_rows: int) -> Answer:
    """A CONSTRUCT's or DESCRIBE's triples, sorted (the same answer, the same bytes),
    with the prefixes of irkg's that they use."""
    from irkg.graph.sparql import PREFIXES

    media = negotiate(accept, list(GRAPH_TYPES))
    if media is None:
        return _text(406, "CONSTRUCT and DESCRIBE give: " + ", ".join(GRAPH_TYPES))
    triples = sorted(found, key=str)
    kept = triples[:max_rows]
    used = {p: iri for p, iri in PREFIXES.items() if any(iri in str(t) for t in kept)}
    fmt = _ENGINE_GRAPHS[media]
    body = _written(lambda: ox.serialize(kept, format=fmt, prefixes=used))
    if isinstance(body, Answer):
        return body
    return Answer(200, f"{media}; charset=utf-8", body, len(kept), len(triples))


def _engine_results(
    found: ox.QuerySolutions | ox.QueryBoolean, text: str, accept: str, max_rows: int
) -> Answer:
    """An ASK's or a SELECT's answer; a SELECT's rows counted and cut in TSV (a line a
    row, every term in full, a tab between: tabs in terms are escaped), its columns put
    in the query's order (:func:`~irkg.graph.sparql.column_order`), and read back by the
    engine where another format is asked."""
    from irkg.graph.sparql import column_order

    kind = "ASK" if isinstance(found, ox.QueryBoolean) else "SELECT"
    offered = list(RESULT_TYPES) if kind == "SELECT" else list(RESULT_TYPES)[:2]
    media = negotiate(accept, offered)
    if media is None:
        return _text(406, f"{kind} gives: " + ", ".join(offered))
    fmt = _ENGINE_RESULTS[media]
    if isinstance(found, ox.QueryBoolean):
        body, rows, total = found.serialize(format=fmt) or b"", 1, 1
    else:
        tsv = found.serialize(format=ox.QueryResultsFormat.TSV) or b""
        total = tsv.count(b"\n") - 1
        if total > max_rows:
            tsv = b"\n".join(tsv.split(b"\n", max_rows + 1)[: max_rows + 1]) + b"\n"
        rows = min(total, max_rows)
        names = [v.value for v in found.variables]
        if (order := column_order(text, names)) != names:
            moved = [names.index(name) for name in order]
            lines = [line.split(b"\t") for line in tsv.split(b"\n")[:-1]]
            tsv = b"".join(b"\t".join(line[i] for i in moved) + b"\n" for line in lines)
        body = tsv
        if fmt != ox.QueryResultsFormat.TSV:
            again = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
            body = again.serialize(format=fmt) or b""
    if (refused := _unwritable_xml(media, body)) is not None:
        return refused
    return Answer(200, f"{media}; charset=utf-8", body, rows, total)


#: Memory addresses in an engine's messages ("<... object at 0x7f...>") say nothing useful.
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
#: What XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _unwritable_xml(media: str, body: bytes) -> Answer | None:
    """A 406 for an XML answer holding characters XML 1.0 cannot carry, even escaped."""
    if media.endswith("xml") and _NOT_XML.search(body.decode("utf-8", "replace")):
        return _text(
            406,
            "the answer holds characters XML cannot carry (control characters): "
            "ask for application/sparql-results+json, CSV or TSV",
        )
    return None


def _written(write: Callable[[], bytes | None]) -> bytes | Answer:
    """The bytes ``write`` makes, or a 406 when this format cannot write the answer (an
    IRI with a space in Turtle, a predicate RDF/XML cannot split ...)."""
    try:
        body = write()
    except Exception as exc:  # rdflib's writers raise plain exceptions on such terms
        reason = _ADDRESS.sub("", str(exc))[:200] or type(exc).__name__
        return _text(406, f"this format cannot write the answer ({reason}): ask for another")
    return body or b""


def _tsv(result: Result) -> bytes:
    """SPARQL 1.1 TSV results: a header of ``?variables``, then terms as SPARQL writes
    them, each on one line (rdflib has no TSV writer)."""
    if result.type == "ASK":
        raise QueryError("ASK has no TSV form")
    names = list(result.vars or [])
    lines = ["\t".join(f"?{name}" for name in names)]
    for row in result.bindings:
        lines.append("\t".join(_tsv_term(row.get(name)) for name in names))
    return ("\n".join(lines) + "\n").encode("utf-8")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        if any(c in str(term) for c in '<>" {}|\\^`\t\n\r'):
            raise QueryError(f"the IRI {str(term)[:80]!r} cannot be written")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term)
        for raw, escaped in (
            ("\\", "\\\\"),
            ('"', '\\"'),
            ("\n", "\\n"),
            ("\r", "\\r"),
            ("\t", "\\t"),
        ):
            text = text.replace(raw, escaped)
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:  # RDF 1.1: the same
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term.n3())


def _ask(kg: Any, name: str, params: dict[str, Any], media: str, max_rows: int) -> Answer:
    from irkg.exports import format_records
    from irkg.graph.helpers import HELPERS

    helper = HELPERS[name]
    records = helper(kg, **params)
    total = len(records)
    records = records[:max_rows]
    if media == "text/csv":
        body = format_records(records, "csv", helper.record).encode("utf-8")
    else:
        rows = [dataclasses.asdict(r) for r in records]
        document = {"helper": name, "rows": rows, "count": len(rows), "total": total}
        body = json.dumps(document, ensure_ascii=False, default=str, indent=1).encode("utf-8")
    return Answer(200, f"{media}; charset=utf-8", body, len(records), total)
