"""Running SPARQL safely over the knowledge graph, with irkg's prefixes predeclared."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import cast

import pyoxigraph as ox
import rdflib.plugins.sparql
from pyparsing import ParseException
from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory
from rdflib.query import Result
from rdflib.term import Node

from irkg.errors import IrkgError, QueryError
from irkg.graph.screen import mentions, screen_query
from irkg.graph.stores.engine import engine_of, to_result
from irkg.guard import sealed
from irkg.iris import GRAPH_BASE, ID_BASE, KINDS
from irkg.ontology.namespaces import (
    DCTERMS,
    IRKG,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    TIME,
    XSD,
)

__all__ = [
    "PREFIXES",
    "all_quads",
    "column_order",
    "engine_answer",
    "graph_triples",
    "run_query",
    "select_rows",
]

# A query must never make rdflib load a graph named in FROM from the file system or web.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

#: Prefixes every query may use without declaring them.
PREFIXES: dict[str, str] = {
    "irkg": str(IRKG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "time": str(TIME),
    "graph": GRAPH_BASE,
    **{kind: f"{ID_BASE}{kind}/" for kind in KINDS},
}


def run_query(
    dataset: Dataset,
    sparql: str,
    *,
    own: bool = False,
    graphs: tuple[Sequence[str], Sequence[str]] | None = None,
) -> Result:
    """Run a SPARQL query over ``dataset``'s union graph.

    SERVICE clauses are refused wherever any engine could read one
    (:func:`irkg.graph.screen.screen_query`, which reads no grammar, so no parser of
    ours decides what an engine will do), FROM does not load anything (and a FROM of a
    ``file:`` or other non-web IRI is refused), and the query runs sealed
    (:func:`irkg.guard.sealed`). A local store's engine is the only reader of a query
    that names no dataset (:func:`engine_answer`); otherwise the query is parsed and
    checked here, and a store with an engine of its own then runs its text.
    ``own`` marks a query irkg wrote itself (its query files with checked IRIs bound, or
    look-ups it builds): a store's engine runs it unparsed by rdflib, whose parser takes
    seconds on a query that lists thousands of IRIs. ``graphs`` is the SPARQL Protocol's
    dataset, (default-graph-uri, named-graph-uri): it replaces the query's FROM and FROM
    NAMED.

    Raises:
        QueryError: on a syntax error (with line and column) or a refused clause.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> rows = run_query(load_data_dir("data"), "ASK { country:india irkg:memberOf bloc:brics }")
        >>> rows.askAnswer
        True
    """
    native = not isinstance(dataset.store, Memory)
    if not own:  # irkg's own text embeds only checked terms (rdflib's n3(), checked IRIs)
        if (found := engine_answer(dataset, sparql, graphs=graphs)) is not None:
            try:
                return _in_text_order(to_result(found), sparql)  # the engine alone read it
            except (OSError, RuntimeError) as exc:  # the store failed while it was read
                raise QueryError(f"SPARQL evaluation error: {type(exc).__name__}: {exc}") from exc
        sparql = screen_query(sparql)
    try:
        query = None if own and native and graphs is None else _parsed(sparql)
    except ParseException as exc:
        raise _parser_syntax_error(exc) from exc
    except RecursionError as exc:
        raise QueryError("SPARQL query is nested too deeply") from exc
    except Exception as exc:  # rdflib raises plain Exceptions for unknown prefixes
        raise QueryError(f"SPARQL error: {exc}") from exc
    if query is not None and (bad := _ill_typed(query.algebra)) is not None:
        shown = (
            str(bad)
            if len(str(bad)) <= 40
            else f"{str(bad)[:20]}... ({len(str(bad)):,} characters)"
        )
        raise QueryError(
            f"the literal {shown!r} is not a valid {bad.datatype}"
            + (
                ": irkg reads whole numbers of at most 4,300 digits"
                if str(bad).strip("+-").isdigit()
                else ""
            )
        )
    clauses = (query.algebra.get("datasetClause") or []) if query is not None else []
    for clause in clauses:
        _graph_name(clause["default"] if "default" in clause else clause["named"])
    if graphs is None and native and clauses:
        # The store reads its default graph as the union of all, which would override
        # FROM: the query's own dataset goes to the engine as the protocol's.
        graphs = (
            [str(c["default"]) for c in clauses if "default" in c],
            [str(c["named"]) for c in clauses if "named" in c],
        )
    if graphs is not None:
        assert query is not None  # parsed above: a dataset comes with outside queries only
        defaults, named = _chosen(graphs)
        if native:
            chosen = _native_with_graphs(dataset, sparql, defaults, named)
            return _in_text_order(chosen, sparql)
        query = _with_graphs(query, defaults, named)
    try:
        # Whatever the engine does, it opens no URL and no file; a SPARQL server's store
        # may reach that server, and only it.
        with sealed(allow=getattr(getattr(dataset.store, "server", None), "query_url", None)):
            if query is not None and not native:
                result = dataset.query(query)
            else:  # the store's own engine: it gets the text (a prepared query would
                # silently fall back to rdflib's engine)
                result = dataset.query(sparql, initNs=PREFIXES)
            if result.type == "SELECT":
                _ = result.bindings  # rdflib evaluates lazily: evaluate here, sealed
                _in_text_order(result, sparql)
        return result
    except RecursionError as exc:
        raise QueryError("SPARQL query is nested too deeply") from exc
    except IrkgError:
        raise
    except SyntaxError as exc:  # the engine's parser: what rdflib's let through
        raise _engine_syntax_error(exc, sparql) from exc
    except Exception as exc:  # rdflib's engine raises many unrelated types on odd queries
        raise QueryError(f"SPARQL evaluation error: {type(exc).__name__}: {exc}") from exc


def engine_answer(
    dataset: Dataset,
    sparql: str,
    *,
    graphs: tuple[Sequence[str], Sequence[str]] | None = None,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | None:
    """An outside query answered by a local store's engine alone, in the engine's own
    terms (for its own writers: no rdflib term is made), or None where irkg must read
    the query first (:func:`run_query`): a store with no local engine, or a text in
    which some reading holds the word FROM, as only a query's FROM or FROM NAMED could
    choose a graph irkg refuses. Otherwise the engine is the only reader of the text:
    what it runs is what was checked (SERVICE is screened first, as in
    :func:`run_query`). ``graphs`` is the SPARQL Protocol's dataset, each name checked.

    Raises:
        QueryError: on a refused clause or graph, or where the engine cannot read it.

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data")
        >>> bool(engine_answer(kg.dataset, "ASK { country:india irkg:memberOf bloc:brics }"))
        True
    """
    view = engine_of(dataset)
    if view is None:
        return None
    sparql = screen_query(sparql)
    if graphs is None and mentions(sparql, "FROM"):
        return None
    chosen = None
    if graphs is not None:
        defaults, named = _chosen(graphs)
        chosen = ([str(g) for g in defaults], [str(g) for g in named])
    try:
        with sealed():
            return view.answer(sparql, PREFIXES, chosen)
    except SyntaxError as exc:
        # The engine refused the text; rdflib's parser, where it refuses it too, says
        # where more plainly (the engine names the furthest place it tried).
        try:
            _parsed(sparql)
        except ParseException as plainer:
            raise _parser_syntax_error(plainer) from exc
        except Exception:  # rdflib's other refusals say no more than the engine
            pass
        raise _engine_syntax_error(exc, sparql) from exc


def _chosen(graphs: tuple[Sequence[str], Sequence[str]]) -> tuple[list[URIRef], list[URIRef]]:
    """A dataset's default and named graphs, each checked (:func:`_graph_name`) and each
    once: the default graph is their merge, not a bag of copies."""
    defaults, named = graphs
    return (
        list(dict.fromkeys(_graph_name(g) for g in defaults)),
        list(dict.fromkeys(_graph_name(g) for g in named)),
    )


def _graph_name(iri: object) -> URIRef:
    """A graph a query may choose: a web IRI or a URN, never a file or anything else."""
    if not str(iri).lower().startswith(("http://", "https://", "urn:")):
        raise QueryError(
            f"FROM <{iri}> is refused: FROM and FROM NAMED choose among the graphs "
            "of this store, and never read a file or a URL"
        )
    return URIRef(str(iri))


def _with_graphs(query: Query, defaults: list[URIRef], named: list[URIRef]) -> Query:
    """A copy of ``query`` (kept parsed, so left as it is) whose dataset is the given one."""
    clauses = [CompValue("DatasetClause", default=g) for g in defaults]
    clauses += [CompValue("DatasetClause", named=g) for g in named]
    algebra = CompValue(query.algebra.name, **query.algebra)
    algebra["datasetClause"] = clauses
    return Query(query.prologue, algebra)


def _native_with_graphs(
    dataset: Dataset, sparql: str, defaults: list[URIRef], named: list[URIRef]
) -> Result:
    """Run ``sparql`` in the store's own engine over the given dataset: Oxigraph's query
    takes it directly, a SPARQL server as the protocol's parameters."""
    store = dataset.store
    server = getattr(store, "server", None)
    if server is not None:
        lines = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
        with sealed(allow=server.query_url):
            return server.select(lines + sparql, defaults=defaults, named=named)  # type: ignore[no-any-return]
    view = engine_of(dataset)
    assert view is not None  # a native store that is no server is a local engine's
    try:
        with sealed():
            return view.run(sparql, [str(g) for g in defaults], [str(g) for g in named], PREFIXES)
    except SyntaxError as exc:
        raise _engine_syntax_error(exc, sparql) from exc


def _parser_syntax_error(exc: ParseException) -> QueryError:
    """rdflib's parser's syntax error, with its line and a caret under its column."""
    return QueryError(
        f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}\n"
        f"  {exc.line}\n  {' ' * (exc.col - 1)}^"
    )


#: Where Oxigraph's parser says it stopped: "error at LINE:COLUMN: expected ...".
_ENGINE_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def _engine_syntax_error(exc: SyntaxError, sparql: str) -> QueryError:
    """The engine's syntax error as irkg says it, with the line it names and a caret
    under its column; a relative IRI is said as one."""
    message = str(exc)
    if (at := _ENGINE_AT.fullmatch(message)) is not None:
        line, column = int(at.group(1)), int(at.group(2))
        lines = sparql.split("\n")
        message = f" at line {line}, column {column}: {at.group(3)}"
        if 0 < line <= len(lines) and column > 0:
            message += f"\n  {lines[line - 1]}\n  {' ' * (column - 1)}^"
    else:
        message = f": {message}"
    if "IRI parsing failed" in str(exc):
        message += (
            "\n(a relative IRI: irkg's queries have no base IRI: write the IRI in full, "
            "or declare a BASE or a prefix)"
        )
    return QueryError(f"SPARQL syntax error{message}")


def _parsed(sparql: str) -> Query:
    """The parsed query: remembered for queries of up to 20,000 characters (rdflib's
    parser takes milliseconds a query: a server or a helper asking the same question again
    parses it once), parsed afresh for longer ones, which would fill the memory."""
    return _prepared(sparql) if len(sparql) <= 20_000 else prepareQuery(sparql, initNs=PREFIXES)


@functools.lru_cache(maxsize=256)
def _prepared(sparql: str) -> Query:
    return prepareQuery(sparql, initNs=PREFIXES)


_SELECT_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)


def column_order(sparql: str, names: Sequence[str]) -> list[str]:
    """The columns of a ``SELECT *`` answer in the order the query first names them
    (engines order them by a set's walk or by name); another query's as given.

    Example:
        >>> column_order("SELECT * { ?zeta ?alpha ?mid }", ["alpha", "mid", "zeta"])
        ['zeta', 'alpha', 'mid']
    """
    if not _SELECT_STAR.search(sparql):
        return list(names)

    def first(name: str) -> tuple[int, str]:
        found = re.search(rf"[?$]{re.escape(name)}\b", sparql)
        return (found.start() if found else len(sparql), name)

    return sorted(names, key=first)


def _in_text_order(result: Result, sparql: str) -> Result:
    """``result`` with a ``SELECT *``'s columns in text order (:func:`column_order`)."""
    if result.type == "SELECT" and result.vars:
        result.vars = [Variable(n) for n in column_order(sparql, [str(v) for v in result.vars])]
    return result


def _ill_typed(node: object) -> Literal | None:
    """The first literal of a parsed query that is not a valid value of its datatype
    (rdflib's arithmetic on one recurses without end)."""
    stack = [node]
    while stack:
        item = stack.pop()
        # The parser leaves ill_typed unset (None): made afresh, the literal is checked.
        if (
            isinstance(item, Literal)
            and item.datatype is not None
            and Literal(str(item), datatype=item.datatype).ill_typed
        ):
            return item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return None


def all_quads(dataset: Dataset) -> Iterator[tuple[Node, Node, Node, Node]]:
    """Every quad of every named graph: rdflib's own walk in memory, one query elsewhere
    (a walk over a remote store would be a request per triple pattern).

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> quads = list(all_quads(load_data_dir("data")))
        >>> all(isinstance(g, URIRef) for *_, g in quads)
        True
    """
    if isinstance(dataset.store, Memory):
        for s, p, o, g in dataset.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            if isinstance(name, URIRef):
                yield s, p, o, name
        return
    if (view := engine_of(dataset)) is not None:
        yield from view.quads()  # type: ignore[misc]
        return
    for row in run_query(dataset, "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", own=True):
        yield cast(tuple[Node, Node, Node, Node], tuple(row))  # type: ignore[arg-type]


def select_rows(dataset: Dataset, sparql: str) -> list[tuple[Node | None, ...]]:
    """The rows of one of irkg's own SELECT queries (see ``own`` in :func:`run_query`),
    as tuples in the order of its variables (None where unbound): straight from a local
    engine's answer, each distinct term made once.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> select_rows(load_data_dir("data"), "SELECT ?l WHERE { bloc:eaeu rdfs:label ?l }")
        [(rdflib.term.Literal('Eurasian Economic Union'),)]
    """
    if (view := engine_of(dataset)) is not None:
        with sealed():
            return view.rows(sparql, PREFIXES)  # type: ignore[return-value]
    return [tuple(row) for row in run_query(dataset, sparql, own=True)]  # type: ignore[arg-type]


def graph_triples(dataset: Dataset, name: URIRef) -> Graph:
    """One named graph's triples, in memory (read by one query where the store is not)."""
    if isinstance(dataset.store, Memory):
        return dataset.graph(name)
    copy = Graph()
    if (view := engine_of(dataset)) is not None:
        copy += ((s, p, o) for s, p, o, _ in view.quads(str(name)))
        return copy
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
    for row in run_query(dataset, query, own=True):
        copy.add(row)  # type: ignore[arg-type]
    return copy
