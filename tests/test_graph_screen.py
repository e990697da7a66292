"""SERVICE never reaches the network, however a query is written, on every store.

Each hostile query names a port a test listens on; the listener must see no connection,
whichever engine runs the query: rdflib's in memory, Oxigraph's on disk, or a real
SPARQL server's (``oxigraph serve``) behind ``sparql:URL``. The same queries go through
``irkg serve``'s ``POST /sparql`` in test_serve.py.
"""

from __future__ import annotations

import contextlib
import socket
import threading

import pytest
from rdflib import Dataset

from irkg.errors import IrkgError, QueryError
from irkg.graph import KnowledgeGraph
from irkg.graph.screen import screen_query
from irkg.graph.sparql import run_query


def hostile(port: int) -> list[str]:
    """Queries that call ``http://127.0.0.1:PORT/`` in some engine's reading."""
    at = f"<http://127.0.0.1:{port}/x>"
    prefix = f"PREFIX e: <http://127.0.0.1:{port}/>\n"
    body = "{ ?s ?p ?o }"
    return [
        f"SELECT * WHERE {{ SERVICE {at} {body} }}",
        # rdflib reads each of these comments to the line feed (a query of nothing),
        # Oxigraph ends some at the carriage return (then calls the port)
        f"SELECT * WHERE {{ # a comment\rSERVICE {at} {body}\n}}",
        f"SELECT * WHERE {{ # a comment\r\nSERVICE {at} {body}\n}}",
        f"SELECT * WHERE {{ # a comment\fSERVICE {at} {body}\n}}",
        f"SELECT * WHERE {{ # a comment\u2028SERVICE {at} {body}\n}}",
        f"SELECT * WHERE {{ # a comment\u2029SERVICE {at} {body}\n}}",
        f"SELECT * WHERE {{ # a comment\x85SERVICE {at} {body}\n}}",
        f"SELECT * WHERE {{ # a comment\vSERVICE {at} {body}\n}}",
        f"SELECT * WHERE {{\fSERVICE {at} {body} }}",
        f"SELECT * WHERE {{ SERVICE{at}{body} }}",
        f"SELECT * WHERE {{ {{}}SERVICE{at}{body} }}",
        f"SELECT * WHERE {{ service silent {at} {body} }}",
        f"SELECT * WHERE {{ SERVICE SILENT{at} {body} }}",
        f"SELECT * WHERE {{ SeRvIcE {at} {body} }}",
        f"SELECT * WHERE {{ SERVICE # why not\n {at} {body} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE {at} {body} }}",  # escapes before parsing
        f"SELECT * WHERE {{ SERV\\u0049CE {at} {body} }}",
        f"SELECT * WHERE {{ SERV\\U00000049CE {at} {body} }}",
        f"SELECT * WHERE {{ SERV\\u005Cu0049CE {at} {body} }}",  # an escaped escape
        f"SELECT * WHERE {{ SERV\u0131CE {at} {body} }}",  # dotless i upper-cases to I
        f"SELECT * WHERE {{ \u017fERVICE {at} {body} }}",  # long s upper-cases to S
        f"SELECT * WHERE {{ \uff33\uff25\uff32\uff36\uff29\uff23\uff25 {at} {body} }}",  # NFKC
        f"SELECT * WHERE {{ SERVICE <http\\u003A//127.0.0.1:{port}/x> {body} }}",
        f"{prefix}SELECT * WHERE {{ SERVICE e:x {body} }}",
        f"{prefix}SELECT * WHERE {{ SERVICEe:x {body} }}",
        f"{prefix}SELECT * WHERE {{ SERVICE e:a\\/b {body} }}",
        f"{prefix}SELECT * WHERE {{ SERVICE e: {body} }}",
        f"BASE <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE <x> {body} }}",
        f"SELECT * WHERE {{ VALUES ?at {{ {at} }} SERVICE ?at {body} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SERVICE {at} {body} }}",
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE {at} {body} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE {at} {body} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE {at} {body} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {at} {body} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {at} {body} }} }} }}",
        f"ASK {{ SERVICE {at} {body} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {at} {body} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE {at} {body} }}",
        f'SELECT * WHERE {{ BIND("x" AS ?x) }} # "\rSERVICE {at} {body}',
        f'DEFINE get:soft "soft" SELECT * FROM {at} WHERE {{ ?s ?p ?o }}',  # Virtuoso
    ]


class Listener:
    """A loopback port that counts the connections made to it and closes each at once
    (an engine that reaches it gets an error instead of waiting)."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.port: int = self.socket.getsockname()[1]
        self.connections = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self.done.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def __enter__(self) -> Listener:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()
        self.socket.close()


def test_hostile_queries_reach_no_listener_on_any_store(kg: KnowledgeGraph) -> None:
    with Listener() as listener:
        passed = []
        for query in hostile(listener.port):
            try:
                kg.query(query)
            except IrkgError as refused:
                if "is not allowed" not in str(refused) and "holds the character" not in str(
                    refused
                ):
                    passed.append((query, str(refused)))  # refused, but for another reason
            else:
                passed.append((query, "ran"))
    assert listener.connections == 0
    assert passed == []


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s WHERE { ?s irkg:about sector:services }",
        "SELECT ?s WHERE { ?s irkg:about sector:services . }",
        "SELECT ?s WHERE { ?s irkg:about <https://w3id.org/irkg/id/sector/services> }",
        'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(CONTAINS(LCASE(?l), "services")) }',
        "SELECT ?s WHERE {\r\n  ?s irkg:about sector:services\r\n}",
        "SELECT ?s WHERE { ?s irkg:about ?sector FILTER(?sector = sector:services) }",
        "SELECT ?s WHERE { ?s irkg:about ?service . ?service rdfs:label ?l "
        "FILTER(?service = sector:services) } # ?service <x> $service ex:y",
        "SELECT ?s WHERE { ?s irkg:about $service FILTER($service = sector:services) }",
    ],
)
def test_the_word_in_names_and_strings_is_no_service(kg: KnowledgeGraph, query: str) -> None:
    found = {str(row[0]) for row in kg.query(query)}  # type: ignore[index]
    assert "https://w3id.org/irkg/id/stmt/goyal-services" in found


def test_a_refusal_says_where_and_why() -> None:
    with pytest.raises(QueryError) as refused:
        screen_query("SELECT *\nWHERE {\n  SERVICE <http://example.org/> { ?s ?p ?o } }")
    assert "SERVICE is not allowed" in str(refused.value)
    assert "service at line 3, column 3" in str(refused.value)
    with pytest.raises(QueryError, match=r"in a comment, a string or a name too: reword it"):
        screen_query('SELECT * WHERE { BIND("Services: trade" AS ?x) }')
    with pytest.raises(QueryError, match=r"U\+2028 at line 1, column 10"):
        screen_query("SELECT * \u2028WHERE { ?s ?p ?o }")


def test_line_endings_become_line_feeds() -> None:
    assert screen_query("ASK {\r\n?s ?p ?o\r}") == "ASK {\n?s ?p ?o\n}"


def test_arithmetic_on_an_invalid_literal_says_which_literal(memory_kg: KnowledgeGraph) -> None:
    """rdflib's arithmetic on a literal it could not read recursed until "nested too
    deeply": where rdflib evaluates (a plain rdflib dataset), the query is refused naming
    the literal instead. Oxigraph, every store's engine, reads it as SPARQL says: an
    error in an expression leaves its variable unbound. Valid arithmetic works in both."""
    huge = "9" * 5000
    rdflib_only = Dataset()
    with pytest.raises(QueryError, match=r"'99999999999999999999\.\.\. \(5,000 characters\)' is"):
        run_query(rdflib_only, f"SELECT (({huge} + 1) AS ?x) {{}}")
    with pytest.raises(QueryError, match=r"'abc' is not a valid .*XMLSchema#integer"):
        run_query(rdflib_only, 'SELECT (("abc"^^xsd:integer + 1) AS ?x) {}')
    for bad in (huge, '"abc"^^xsd:integer'):
        assert memory_kg.query(f"SELECT (({bad} + 1) AS ?x) {{}}").bindings == [{}]
    for graph in (rdflib_only, memory_kg.dataset):
        assert [int(row[0]) for row in run_query(graph, "SELECT ((40 + 2) AS ?x) {}")] == [42]  # type: ignore[index]


def test_a_variable_named_service_runs_no_clause_on_any_store(kg: KnowledgeGraph) -> None:
    """The screen lets "service" through after ? or $ (a variable's name): glued to a
    path's ? modifier or after an object, no engine reads a clause there either."""
    with Listener() as listener:
        at, body = f"<http://127.0.0.1:{listener.port}/x>", "{ ?s ?p ?o }"
        for query in (
            f"SELECT * WHERE {{ ?s <http://x/p>?SERVICE {at} {body} }}",
            f"SELECT * WHERE {{ ?s ?p ?o ?SERVICE {at} {body} }}",
            f"SELECT * WHERE {{ ?s ?p ?o . $SERVICE {at} {body} }}",
            f"SELECT * WHERE {{ ?s <http://x/p>* ?o ?service {at} {body}\n}}",
        ):
            with contextlib.suppress(IrkgError):
                kg.query(query)
    assert listener.connections == 0
