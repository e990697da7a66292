"""Any SPARQL 1.1 server: queries by the SPARQL Protocol, bulk writes by the Graph Store
Protocol, replacing swaps by one SPARQL Update.

The spec names the query endpoint, ``sparql:http://127.0.0.1:7878/query``; the update and
graph-store endpoints are found the way Oxigraph and Fuseki name them (``.../update``,
``.../store``), or given by ``IRKG_SPARQL_UPDATE`` and ``IRKG_SPARQL_STORE``. Credentials
come from the environment only, never the command line: ``IRKG_SPARQL_TOKEN`` (a bearer
token), or ``IRKG_SPARQL_USER`` and ``IRKG_SPARQL_PASSWORD`` (HTTP basic). The server must
answer queries over the union of its graphs (Oxigraph: ``--union-default-graph``;
Virtuoso does by default).

A build or a load sends its quads into staging graphs first, then one update moves them
into place; servers that run an update request as one transaction (Oxigraph, Virtuoso)
never show half of it. Every request has a time limit, and a failure names the URL.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import io
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from rdflib.term import Node

from irkg.errors import DataError, StoreError
from irkg.graph.settle import Settled
from irkg.graph.stores import Progress
from irkg.iris import GRAPH_BASE, PROVENANCE_GRAPH, STAGING
from irkg.ontology.namespaces import PROV

__all__ = ["SparqlServer"]

#: The graph that holds the writer lock of a SPARQL server (see SparqlServer._one_writer).
_LOCK = STAGING + "lock"
#: Seconds a request may take before it is given up (IRKG_SPARQL_TIMEOUT overrides).
TIMEOUT = 60.0
#: Bytes an answer may hold before it is refused (IRKG_SPARQL_MAX_BYTES overrides).
MAX_BYTES = 1 << 30


class SparqlServer:
    """A SPARQL 1.1 server (see the module's text)."""

    native = True

    @classmethod
    def from_spec(cls, where: str) -> SparqlServer:
        """The store ``sparql:URL`` names."""
        return cls(where)

    def __init__(self, query_url: str) -> None:
        try:
            parts = urlsplit(query_url)
            _ = parts.port  # reading the port checks it
        except ValueError as exc:
            raise StoreError(f"sparql:{query_url[:100]}: not a URL ({exc})") from exc
        if parts.username is not None or parts.password is not None:
            shown = query_url.replace(parts.netloc, parts.netloc.rsplit("@", 1)[-1], 1)
            raise StoreError(
                f"sparql:{shown}: credentials go in IRKG_SPARQL_USER and IRKG_SPARQL_PASSWORD "
                "(or IRKG_SPARQL_TOKEN), never in the URL"
            )
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"sparql:{query_url}: expected an http(s) URL of a query endpoint")
        self.spec = f"sparql:{query_url}"
        self.query_url = query_url
        base = query_url[: -len("query")] if query_url.endswith("/query") else None
        self.update_url = os.environ.get("IRKG_SPARQL_UPDATE") or (
            base + "update" if base else query_url
        )
        self.store_url = os.environ.get("IRKG_SPARQL_STORE") or (base + "store" if base else None)
        self.timeout = float(os.environ.get("IRKG_SPARQL_TIMEOUT", TIMEOUT))
        self.headers = _credentials()
        self._dataset: Dataset | None = None
        #: How many HTTP requests this object has made.
        self.requests = 0
        #: How the last load was checked and reasoned over.
        self.settled: Settled | None = None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            store = _Remote(self)
            self._dataset = Dataset(store=store, default_union=True)
        return self._dataset

    def request(
        self, url: str, body: bytes | None, content_type: str | None, accept: str, method: str
    ) -> bytes:
        """One HTTP request to the server; its body, or a StoreError naming the URL.

        The whole request, redirects and all, is given up after ``self.timeout`` seconds
        (a server that trickles its answer a byte at a time is cut too). A redirect is
        followed only to the same origin and only where it keeps the method and body
        (307, 308): the credentials never go to another server.
        """
        self.requests += 1
        headers = {"Accept": accept, **self.headers}
        if content_type:
            headers["Content-Type"] = content_type
        deadline = time.monotonic() + self.timeout
        for _hop in range(_REDIRECTS + 1):
            status, reason, location, answer = _exchange(
                url, method, body, headers, deadline, self.timeout
            )
            if status not in (301, 302, 303, 307, 308):
                break
            target = urljoin(url, location or "")
            if not location or _origin(target) != _origin(url):
                raise StoreError(
                    f"{_without_query(url)}: the server redirects ({status}) to "
                    f"{_without_query(target)[:200]}, another origin: irkg does not follow it "
                    "(the credentials would go there); give that URL itself if it is the "
                    "SPARQL server"
                )
            if status not in (307, 308):
                raise StoreError(
                    f"{_without_query(url)}: the server redirects ({status}) to "
                    f"{_without_query(target)[:200]} and would drop the request's body: give "
                    "that URL itself"
                )
            url = target
        else:
            raise StoreError(f"{_without_query(url)}: more than {_REDIRECTS} redirects")
        if status >= 400:
            detail = answer.decode("utf-8", "replace").strip().splitlines()
            raise StoreError(
                f"{_without_query(url)}: the server answered {status} {reason}"
                + (f": {detail[0][:300]}" if detail else "")
            )
        return answer

    def select(
        self,
        query: str,
        default_graph: str | None = None,
        *,
        defaults: Sequence[str] = (),
        named: Sequence[str] = (),
    ) -> Result:
        """Run a query (SELECT, ASK, CONSTRUCT or DESCRIBE) on the server; ``default_graph``
        (or ``defaults``) and ``named`` are the protocol's default-graph-uri and
        named-graph-uri."""
        kind = _form(query)
        # Form-encoded, the protocol's most widely served way (Virtuoso 7 never answers a
        # POST of application/sparql-query).
        fields = [("query", query)]
        if default_graph is not None:
            fields.append(("default-graph-uri", default_graph))
        fields += [("default-graph-uri", str(g)) for g in defaults]
        fields += [("named-graph-uri", str(g)) for g in named]
        accept = (
            "application/n-triples"
            if kind in ("CONSTRUCT", "DESCRIBE")
            else "application/sparql-results+json"
        )
        body = self.request(
            self.query_url,
            urlencode(fields).encode("ascii"),
            "application/x-www-form-urlencoded",
            accept,
            "POST",
        )
        try:
            if kind in ("CONSTRUCT", "DESCRIBE"):
                from rdflib import Graph

                result = Result(kind)
                result.graph = Graph().parse(data=body.decode("utf-8"), format="nt")
                return result
            return Result.parse(io.BytesIO(body), format="json")
        except Exception as exc:  # not JSON or N-Triples (an HTML page), or malformed: the
            # parsers raise many unrelated types (and RecursionError on deep nesting)
            raise StoreError(
                f"{self.query_url}: the answer is not SPARQL results ({body[:60]!r}...): "
                "is this the query endpoint of a SPARQL server?"
            ) from exc

    def update(self, update: str) -> None:
        """Run a SPARQL Update on the server (one request: one transaction where it has them)."""
        self.request(
            self.update_url, update.encode("utf-8"), "application/sparql-update", "*/*", "POST"
        )

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        row = next(iter(rows))
        assert isinstance(row, tuple)
        return int(str(row[0]))

    def quads(self) -> Iterator[ox.Quad]:
        """Read by one query (a walk would be a request per triple pattern)."""
        from irkg.graph.sparql import all_quads
        from irkg.graph.stores.oxigraph import ox_quads

        return ox_quads(all_quads(self.dataset))

    def writable(self) -> None:
        """A server says what it refuses when written to."""

    def replace(self, quads: Iterable[ox.Quad]) -> int:
        from oxrdflib._converter import from_ox

        terms = (
            (
                *from_ox(q.triple),
                from_ox(q.graph_name) if isinstance(q.graph_name, ox.NamedNode) else None,
            )  # type: ignore[misc]
            for q in quads
        )
        with self._one_writer():
            self._write(_by_graph(terms), replace=True)
        return len(self)

    @contextlib.contextmanager
    def _one_writer(self) -> Iterator[None]:
        """Hold the server's writer lock (a triple in a graph of irkg's own, taken by one
        update that adds it only where none is) while writing; a second writer is refused.
        A lock older than an hour is a writer that died, and is taken over."""
        me = f"{uuid.uuid4().hex} {os.getpid()}"
        now = datetime.now(UTC).isoformat(timespec="seconds")
        stale = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
        holder, since = f"<{_LOCK}> <{_LOCK}#holder>", f"<{_LOCK}> <{_LOCK}#since>"
        self.update(
            f"DELETE {{ GRAPH <{_LOCK}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{_LOCK}> {{ ?s ?p ?o . "
            f'{since} ?t }} FILTER(STR(?t) < "{stale}") }} ;\n'
            f'INSERT {{ GRAPH <{_LOCK}> {{ {holder} "{me}" . {since} "{now}" }} }} '
            f"WHERE {{ FILTER NOT EXISTS {{ GRAPH <{_LOCK}> {{ ?s ?p ?o }} }} }}"
        )
        rows = self.select(
            f"SELECT ?who ?t WHERE {{ GRAPH <{_LOCK}> {{ {holder} ?who . {since} ?t }} }}"
        )
        found = [(str(who), str(t)) for who, t in rows]  # type: ignore[misc]
        if (me, now) not in found:
            when = found[0][1] if found else "?"
            raise StoreError(
                f"{self.spec}: another irkg is writing to this server (since {when} UTC); "
                "try again when it is done"
            )
        try:
            yield
        finally:
            with contextlib.suppress(StoreError):
                self.update(
                    f'DELETE WHERE {{ GRAPH <{_LOCK}> {{ {holder} "{me}" . {since} ?t }} }}'
                )

    def add(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        *,
        check: bool = True,
        reason: bool = True,
    ) -> int:
        from irkg.graph.settle import clashes, settle
        from irkg.loaders import load_rdf_files

        clashing = clashes(self.dataset, paths)
        if clashing:
            raise DataError(clashing)
        dataset = load_rdf_files(list(paths))
        graphs = _by_graph(dataset.quads((None, None, None, None)))

        checked: list[Settled] = []

        def staged(prefix: str) -> None:
            """Check the staged graphs: after the move nothing could take them back."""
            names = {URIRef(prefix + name) for name in graphs}
            checked.append(
                settle(
                    self.dataset,
                    None,
                    graphs=names,
                    files=paths,
                    check=check,
                    reason=False,
                    phase=phase,
                )
            )

        phase = progress.phase if progress is not None else None
        for path in paths:
            if progress is not None:
                progress.read(path.stat().st_size, 0)
        with self._one_writer():
            self._write(graphs, replace=False, staged=staged)
            reasoned = settle(
                self.dataset,
                self.update,
                graphs=None,
                files=paths,
                check=False,
                reason=reason,
                phase=phase,
            )
        self.settled = Settled(checked[0].checked, reasoned.reasoned, reasoned.inferred)
        return len(self)

    def _write(
        self,
        graphs: dict[str, list[tuple[Node, Node, Node]]],
        *,
        replace: bool,
        staged: Callable[[str], None] | None = None,
    ) -> None:
        """Send the graphs under staging names, then move them into place in one update.

        A staging graph is named ``urn:irkg:staging:RUN:`` + the graph's own IRI, so that one
        pattern-based update moves any number of them. The quads go in one N-Quads request
        where the server takes a dataset (Oxigraph, Fuseki), else a request per graph.
        """
        if self.store_url is None:
            raise StoreError(
                f"{self.spec}: no Graph Store Protocol endpoint known; set IRKG_SPARQL_STORE"
            )
        prefix = f"{STAGING}{uuid.uuid4().hex}:"
        try:
            sent = sum(len(triples) for triples in graphs.values())
            try:
                self.request(
                    self.store_url, _nquads(graphs, prefix), "application/n-quads", "*/*", "POST"
                )
                # Some servers answer 200 to a dataset they did not take (Virtuoso shows a
                # form): what arrived is counted, not assumed.
                refused = self._staged(prefix) != sent
            except StoreError as exc:
                if not _refused_format(exc):
                    raise
                refused = True
            if refused:
                self._drop_staged(prefix)
                for name, triples in sorted(graphs.items()):
                    target = urlencode({"graph": prefix + name})
                    self.request(
                        f"{self.store_url}?{target}",
                        _ntriples(triples),
                        "application/n-triples",
                        "*/*",
                        "POST",
                    )
                if self._staged(prefix) != sent:
                    raise StoreError(
                        f"{self.store_url}: the server kept {self._staged(prefix):,} of "
                        f"{sent:,} triples sent"
                    )
            if staged is not None:
                staged(prefix)
            # Everything else goes, where a build replaces it, in the update that moves in.
            # A server holds graphs of its own (Virtuoso's system graphs, other users'):
            # a build replaces irkg's graphs (its namespace, and those its provenance
            # names), never those.
            clear = (
                "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { "
                f"{{ SELECT DISTINCT ?g WHERE {{ {{ GRAPH ?g {{ }} "
                f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }} UNION '
                f"{{ GRAPH <{PROVENANCE_GRAPH}> {{ ?g <{PROV.wasDerivedFrom}> ?doc }} }} }} }} "
                "GRAPH ?g { ?s ?p ?o } } ;\n"
            )
            self.update(
                (clear if replace else "")
                + "DELETE { GRAPH ?stage { ?s ?p ?o } } INSERT { GRAPH ?g { ?s ?p ?o } } WHERE { "
                f'GRAPH ?stage {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?stage), "{prefix}")) '
                f'BIND(IRI(STRAFTER(STR(?stage), "{prefix}")) AS ?g) }}'
            )
        except (StoreError, DataError):
            with contextlib.suppress(StoreError):  # leave nothing behind, where it can
                self._drop_staged(prefix)
            raise

    def _staged(self, prefix: str) -> int:
        """How many triples the staging graphs of one write hold."""
        rows = self.select(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
        )
        row = next(iter(rows))
        assert isinstance(row, tuple)
        return int(str(row[0]))

    def _drop_staged(self, prefix: str) -> None:
        self.update(
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
        )

    def close(self) -> None:
        self._dataset = None


class _Remote(SPARQLStore):
    """rdflib's read-only SPARQL store, talking through :class:`SparqlServer`'s requests
    (time limits, credentials from the environment, errors that name the URL)."""

    def __init__(self, server: SparqlServer) -> None:
        super().__init__(server.query_url, returnFormat="json", method="POST")
        self.server = server

    def _query(self, query: str, default_graph: str | None = None, **kwargs: Any) -> Result:
        self._queries += 1
        graph = default_graph if isinstance(default_graph, URIRef) else None
        return self.server.select(query, str(graph) if graph is not None else None)

    def add_graph(self, graph: Any) -> None:
        """rdflib's ``dataset.graph(name)`` asks to add the graph: here it is only a view."""

    def triples(self, spo: Any, context: Any = None) -> Iterator[tuple[Any, Iterator[Any]]]:  # type: ignore[override]
        """Triples matching ``spo``, each with the named graph that holds it (rdflib's own
        SPARQL store leaves the graph out, so that ``dataset.quads`` cannot work)."""
        from rdflib import Graph

        names = ("s", "p", "o")
        if not all(term is None or isinstance(term, Node) for term in spo):
            raise StoreError(f"{self.server.spec}: property paths are not read from a server")
        pattern = " ".join(
            term.n3() if term is not None else f"?{v}" for term, v in zip(spo, names, strict=True)
        )
        name = getattr(context, "identifier", None)
        where = f"<{name}>" if isinstance(name, URIRef) else "?g"
        if all(term is not None for term in spo) and where != "?g":  # a yes or no
            if self.server.select(f"ASK {{ GRAPH {where} {{ {pattern} }} }}").askAnswer:
                yield tuple(spo), iter([Graph(store=self, identifier=name)])
            return
        for row in self.server.select(f"SELECT * WHERE {{ GRAPH {where} {{ {pattern} }} }}"):
            found = row.asdict()  # type: ignore[union-attr]
            triple = tuple(
                term if term is not None else found[v] for term, v in zip(spo, names, strict=True)
            )
            graph = name if isinstance(name, URIRef) else found["g"]
            yield triple, iter([Graph(store=self, identifier=graph)])


def _credentials() -> dict[str, str]:
    token = os.environ.get("IRKG_SPARQL_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    user, password = os.environ.get("IRKG_SPARQL_USER"), os.environ.get("IRKG_SPARQL_PASSWORD")
    if user is not None and password is not None:
        pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {pair}"}
    return {}


_PROLOGUE = re.compile(
    r"^(?:\s+|#[^\n]*\n|(?:PREFIX\s+[^:\s]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*", re.IGNORECASE
)


def _form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first word after the prologue."""
    body = query[_PROLOGUE.match(query).end() :]  # type: ignore[union-attr]
    word = body.split(None, 1)[0].upper() if body.strip() else "SELECT"
    return word if word in ("ASK", "CONSTRUCT", "DESCRIBE") else "SELECT"


def _by_graph(
    quads: Iterable[tuple[Node, Node, Node, Any]],
) -> dict[str, list[tuple[Node, Node, Node]]]:
    graphs: dict[str, list[tuple[Node, Node, Node]]] = {}
    for s, p, o, g in quads:
        name = getattr(g, "identifier", g)
        if not isinstance(name, URIRef):
            raise StoreError("irkg keeps every fact in a named graph; this one has none")
        graphs.setdefault(str(name), []).append((s, p, o))
    return graphs


def _ntriples(triples: list[tuple[Node, Node, Node]]) -> bytes:
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples).encode("utf-8")


def _nquads(graphs: dict[str, list[tuple[Node, Node, Node]]], prefix: str) -> bytes:
    return "".join(
        f"{s.n3()} {p.n3()} {o.n3()} <{prefix}{name}> .\n"
        for name, triples in graphs.items()
        for s, p, o in triples
    ).encode("utf-8")


def _refused_format(error: StoreError) -> bool:
    """Whether the server turned a dataset upload down (it takes a graph at a time)."""
    return any(f"answered {code}" in str(error) for code in (400, 405, 415))


def _without_query(url: str) -> str:
    return url.split("?", 1)[0]


#: Same-origin redirects followed, at the most, in one request.
_REDIRECTS = 5


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        port = -1
    return (parts.scheme, parts.hostname or "", port)


def _exchange(
    url: str,
    method: str,
    body: bytes | None,
    headers: dict[str, str],
    deadline: float,
    timeout: float,
) -> tuple[int, str, str | None, bytes]:
    """One HTTP exchange, cut off at ``deadline`` however slowly the server answers:
    (status, reason, Location, body)."""
    parts = urlsplit(url)
    limit = int(os.environ.get("IRKG_SPARQL_MAX_BYTES", MAX_BYTES))
    left = deadline - time.monotonic()
    if left <= 0:
        raise StoreError(f"{_without_query(url)}: no answer within {timeout:g} s")
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    try:
        connection = kind(parts.hostname or "", parts.port, timeout=left)
    except ValueError as exc:
        raise StoreError(f"{_without_query(url)}: not a URL ({exc})") from exc
    expired = threading.Event()
    opened: list[socket.socket] = []

    def cut() -> None:  # the response holds the socket once the connection lets it go
        expired.set()
        for sock in opened:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(left, cut)
    timer.daemon = True
    timer.start()
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    try:
        connection.connect()
        opened.append(connection.sock)
        if expired.is_set():  # cut while connecting
            cut()
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read(limit + 1)
        if len(answer) > limit:
            raise StoreError(
                f"{_without_query(url)}: the answer is over {limit:,} bytes "
                "(IRKG_SPARQL_MAX_BYTES): narrow the query, or raise the limit"
            )
        if expired.is_set():  # the cut ends a body sent until the connection closes
            raise TimeoutError
        return response.status, response.reason, response.getheader("Location"), answer
    except (OSError, http.client.HTTPException) as exc:
        if expired.is_set() or isinstance(exc, TimeoutError):
            raise StoreError(f"{_without_query(url)}: no answer within {timeout:g} s") from exc
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
        raise StoreError(
            f"{_without_query(url)}: cannot reach the SPARQL server: {reason}"
        ) from exc
    finally:
        timer.cancel()
        connection.close()
