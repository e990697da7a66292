"""`irkg serve`: a read-only SPARQL 1.1 endpoint and the helpers over HTTP (Starlette).

Every query and helper runs in a worker process (:mod:`irkg.serve.pool`) that is killed
when its time is up, so a slow query holds one worker and nothing else. Nothing a
request says can change the graph: updates are refused (at ``/sparql`` and ``/update``)
before any worker sees them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import logging
import os
import re
import stat
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from irkg.bounded import MIB
from irkg.exports import EXPORT_FILES
from irkg.pipeline import kept_store, open_built
from irkg.serve.answers import READ_ONLY, answer, negotiate, open_graph
from irkg.serve.pool import Answer, Pool, Timeout, Unavailable

__all__ = ["Settings", "copy_files", "make_app"]

log = logging.getLogger("irkg.serve")


@dataclass(frozen=True)
class Settings:
    """How a server runs (the options of ``irkg serve``)."""

    store: str | None = None
    graphs: tuple[str, ...] = ()
    timeout: float = 10.0
    max_memory: int = 2048  # MiB a query or helper may take in its worker, past the graph
    max_rows: int = 10_000
    workers: int = 2
    max_bytes: int = 1_000_000  # a request body, and a query's length
    cors: tuple[str, ...] = field(default_factory=tuple)
    max_connections: int = 256  # open at once; more are answered 503
    cache_bytes: int = 64_000_000  # answers remembered while the graph stays the same
    explorer_nodes: int = 3000  # the explorer's first view; the rest comes on request
    copy_of_files: bool = False  # the store is irkg's copy of the files (see copy_files)


def copy_files(settings: Settings, scratch: Path) -> Settings:
    """Settings that serve the files of ``settings`` (the built graph when none) from an
    Oxigraph copy made in ``scratch``: its engine answers the helpers 4x faster than
    rdflib's (benchmarks/serve_load.py: 1,130 against 300 a second), with the same
    answers (every graph test runs on both). A file that cannot be read raises here,
    before any server starts.

    Raises:
        DataError: for a file with errors (each listed).
    """
    if settings.store and settings.store != "memory":
        return settings
    if not settings.graphs and open_built("exports") is not None:
        # The store `irkg build` kept is that copy already; a new build swaps it (and the
        # workers reopen it).
        return dataclasses.replace(
            settings, store=f"oxigraph:{kept_store('exports')}", copy_of_files=True
        )
    spec = f"oxigraph:{scratch / 'kg'}"
    open_graph(None, settings.graphs).save(spec)
    return dataclasses.replace(settings, store=spec, copy_of_files=True)


def make_app(settings: Settings) -> Starlette:
    """The web application (see the module's text)."""
    pool = Pool(
        functools.partial(open_graph, settings.store, settings.graphs),
        answer,
        size=settings.workers,
        max_memory=settings.max_memory * MIB,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            pool.stop()

    answers = _Answers(settings.cache_bytes)
    page: list[Answer] = []  # the explorer, drawn once
    version = _version(settings)
    known: list[object] = [version()]
    changing = asyncio.Lock()

    failed: list[tuple[float, str]] = []  # when reopening last failed, and why

    async def fresh() -> object:
        """The graph's version now; when the store was rewritten, forget every answer and
        reopen it first. A store that cannot be opened (moved away, unreadable) is a 503
        (:class:`Unavailable`), tried again a second later: the server recovers by
        itself once the store is back."""
        now = version()
        if now != known[0]:
            async with changing:
                if now != known[0]:
                    if failed and time.monotonic() - failed[0][0] < 1.0:
                        raise Unavailable(failed[0][1])
                    try:
                        await pool.restart()
                    except Unavailable as exc:
                        failed[:] = [(time.monotonic(), str(exc))]
                        raise
                    failed.clear()
                    answers.clear()
                    page.clear()
                    known[0] = now
        return now

    async def run(job: tuple[Any, ...]) -> Response:
        now = await fresh()
        remembered = answers.get(job) if now is not None else None
        if remembered is not None:
            response = _respond(remembered)
            response.headers["x-irkg-cache"] = "hit"
            return response
        try:
            found = await pool.run(job, settings.timeout)
            if now is not None and settings.cache_bytes and now == version():
                answers.put(job, found)  # unchanged while it was answered
        except Timeout as late:
            if late.waited:
                message = (
                    f"all {settings.workers} workers stayed busy for {settings.timeout:g} s: "
                    "try again in a moment"
                )
            elif late.died:
                message = "the worker answering this stopped unexpectedly; it is replaced"
            else:
                message = (
                    f"stopped after {settings.timeout:g} s (the server's --timeout): "
                    "narrow the query or ask for fewer rows"
                )
            return _plain(503, message, {"Retry-After": "1" if late.waited or late.died else "5"})
        return _respond(found)

    async def sparql(request: Request) -> Response:
        given: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            given.setdefault(key, []).append(value)
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await _body(request, settings.max_bytes)
            if body is None:
                return _plain(413, f"the request is over {settings.max_bytes:,} bytes")
            if isinstance(body, str):
                return _plain(400, body)
            charset = _charset(request.headers.get("content-type", ""))
            try:
                text = body.decode(charset)
            except LookupError:
                return _plain(415, f"unknown charset {charset[:40]!r}")
            except UnicodeDecodeError as exc:
                return _plain(400, f"the body is not {charset}: byte {exc.start} cannot be read")
            if kind == "application/x-www-form-urlencoded":
                try:
                    form = parse_qs(text, keep_blank_values=True, errors="strict")
                except UnicodeDecodeError:
                    return _plain(400, "a form field is not UTF-8")
                for key, values in form.items():
                    given.setdefault(key, []).extend(values)
            elif kind == "application/sparql-query":
                given.setdefault("query", []).append(text)
            elif kind == "application/sparql-update":
                return _plain(403, READ_ONLY)
            else:
                return _plain(
                    415,
                    "send a query as application/sparql-query or as the form field query "
                    "(application/x-www-form-urlencoded)",
                )
        if "update" in given:
            return _plain(403, READ_ONLY)
        texts = given.get("query")
        if not texts:
            return _description(request)
        if len(texts) > 1:
            return _plain(400, "give one query (the request has several)")
        text = texts[0]
        if len(text) > settings.max_bytes:
            return _plain(413, f"the query is over {settings.max_bytes:,} characters")
        request.state.query_length = len(text)
        accept = request.headers.get("accept", "*/*")
        dataset = None
        if "default-graph-uri" in given or "named-graph-uri" in given:
            dataset = (
                tuple(given.get("default-graph-uri", [])),
                tuple(given.get("named-graph-uri", [])),
            )
        return await run(("sparql", text, accept, settings.max_rows, dataset))

    async def update(request: Request) -> Response:
        return _plain(403, READ_ONLY)

    async def explorer(request: Request) -> Response:
        """The explorer of the graph served, made by a worker once, then kept."""
        await fresh()
        if not page:
            title = ", ".join(Path(p).name for p in settings.graphs) or None
            if not settings.copy_of_files:
                title = settings.store
            try:
                job = ("explorer", title, settings.explorer_nodes)
                found = await pool.run(job, max(settings.timeout, 120.0))
            except Timeout:
                return _plain(503, "the explorer took too long to draw; try again")
            if found.status != 200:
                return _respond(found)
            page.append(found)
        return _respond(page[0])

    # The exports of `irkg build`, when the graph served is the built one: the files it
    # writes, by name (no path reaches anything else, nor does a link there).
    exports = Path("exports")
    files = (
        {name: exports / name for name in EXPORT_FILES if _regular(exports / name)}
        if exports.is_dir()
        and not settings.graphs
        and (settings.copy_of_files or not settings.store)
        else {}
    )

    async def neighbours(request: Request) -> Response:
        """An entity's neighbours for the explorer: its page records, most connected first."""
        node = request.query_params.get("id", "")
        try:
            limit = int(request.query_params.get("limit", "40"))
        except ValueError:
            return _plain(400, "limit must be a whole number")
        if not node or not 1 <= limit <= 500:
            return _plain(400, "give ?id=ENTITY and a limit from 1 to 500")
        await fresh()
        return await run(("neighbours", node, limit))

    async def find(request: Request) -> Response:
        """The entity a name stands for, resolved as `irkg ask` resolves names."""
        text = request.query_params.get("q", "").strip()
        if not text or len(text) > 500:
            return _plain(400, "give ?q=NAME (at most 500 characters)")
        return await run(("find", text))

    async def query_page(request: Request) -> Response:
        return Response(_query_page(), media_type="text/html")  # its policy: _Guarded

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC:
            return _plain(404, "no such file")
        return FileResponse(
            _VIS / name if name.startswith("vis-network") else _STATIC_DIR / name,
            media_type=_STATIC[name],
            headers={"Cache-Control": "max-age=3600"},
        )

    async def download(request: Request) -> Response:
        found = files.get(request.path_params["name"])
        if found is None or not _regular(found):  # made a link since: never followed
            return _plain(404, "exports here: " + (", ".join(sorted(files)) or "none"))
        return FileResponse(found, media_type=_MEDIA.get(found.suffix, "application/octet-stream"))

    async def ask_index(request: Request) -> Response:
        from irkg.graph.helpers import HELPERS

        return JSONResponse(
            {
                name: {
                    "description": helper.description,
                    "url": f"ask/{name}",  # relative: right behind any proxy prefix
                    "parameters": [
                        {
                            "name": p.name,
                            "description": p.help,
                            "type": p.kind.__name__,
                            "required": not p.option and p.default is _required(),
                        }
                        for p in helper.params
                    ],
                }
                for name, helper in sorted(HELPERS.items())
            }
        )

    async def ask(request: Request) -> Response:
        from irkg.graph.helpers import HELPERS

        name = request.path_params["name"]
        helper = HELPERS.get(name)
        if helper is None:
            return _plain(404, f"no helper named {name!r}; known: {', '.join(sorted(HELPERS))}")
        given: dict[str, str] = {}
        for key, value in request.query_params.multi_items():
            if key in given:
                return _plain(400, f"give {key[:40]!r} once")
            given[key] = value
        fmt = given.pop("format", "")
        if fmt not in ("", "json", "csv"):
            return _plain(400, "format is json or csv")
        media = {"json": "application/json", "csv": "text/csv"}.get(fmt) or negotiate(
            request.headers.get("accept", "*/*"), ["application/json", "text/csv"], aliases=False
        )
        if media is None:
            return _plain(406, "helpers give application/json or text/csv")
        params: dict[str, Any] = {}
        for param in helper.params:
            if param.name not in given:
                if param.default is _required():
                    return _plain(400, f"{name} needs ?{param.name}= ({param.help})")
                continue
            value = given.pop(param.name)
            if len(value) > 500:
                return _plain(400, f"{param.name} is over 500 characters")
            if param.kind is int:
                low, high = param.minimum, param.maximum
                if not re.fullmatch(r"-?[0-9]{1,9}", value) or not (
                    (low is None or int(value) >= low) and (high is None or int(value) <= high)
                ):
                    span = f"from {low if low is not None else '...'} to {high or '...'}"
                    return _plain(400, f"{param.name} must be a whole number {span}")
                params[param.name] = int(value)
            else:
                params[param.name] = value
        if given:
            known = ", ".join(p.name for p in helper.params) or "none"
            unknown = ", ".join(sorted(k[:40] for k in given))
            return _plain(400, f"unknown parameter(s) {unknown}; {name} takes {known}")
        return await run(("ask", name, params, media, settings.max_rows))

    async def favicon(request: Request) -> Response:
        return Response(status_code=204)

    routes = [
        Route("/", explorer, methods=["GET"]),
        Route("/favicon.ico", favicon, methods=["GET"]),
        Route("/exports/{name}", download, methods=["GET"]),
        Route("/query", query_page, methods=["GET"]),
        Route("/explorer/neighbours", neighbours, methods=["GET"]),
        Route("/explorer/find", find, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/ask", ask_index, methods=["GET"]),
        Route("/ask/{name}", ask, methods=["GET"], name="ask"),
    ]
    middleware = [Middleware(_RequestLog), Middleware(_Guarded)]
    if settings.cors:
        middleware.append(
            Middleware(
                CORSMiddleware, allow_origins=list(settings.cors), allow_methods=["GET", "POST"]
            )
        )
    return Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={Unavailable: _unavailable},
    )


async def _unavailable(request: Request, exc: Exception) -> Response:
    return _plain(
        503,
        "the graph's store cannot be opened just now (moved away or unreadable); "
        "the server opens it again as soon as it is back: try again",
        {"Retry-After": "1"},
    )


#: Media types of the exports, by suffix.
_MEDIA = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".trig": "application/trig",
    ".jsonld": "application/ld+json",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
    ".csv": "text/csv; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
}


_STATIC_DIR = Path(__file__).with_name("static")
#: The files under /static/, and their media types.
_STATIC = {
    "yasgui.min.js": "text/javascript; charset=utf-8",
    "yasgui.min.css": "text/css; charset=utf-8",
    "query.js": "text/javascript; charset=utf-8",
    "vis-network.min.js": "text/javascript; charset=utf-8",  # pyvis's own copy, as the explorer's
}
_VIS = Path(str(resources.files("pyvis").joinpath("lib", "vis-9.1.2")))


@functools.cache
def _query_page() -> str:
    """The query page: YASGUI (vendored) with irkg's prefixes and the helpers' queries."""
    from irkg.graph.helpers import QUERY_FILES, load_query
    from irkg.graph.sparql import PREFIXES

    def data(name: str, value: object) -> str:
        text = json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")
        return f'<script type="application/json" id="{name}">{text}</script>'

    def declared(text: str) -> str:
        """The query with the PREFIX lines of the predeclared prefixes it uses (the
        server knows them; the editor checks prefixes itself)."""
        used = [p for p in PREFIXES if re.search(rf"(?<![\w:<#/]){re.escape(p)}:", text)]
        lines = [f"PREFIX {p}: <{PREFIXES[p]}>" for p in used]
        return "\n".join([*lines, "", text]) if lines else text

    examples = [
        {"name": name, "description": description, "query": declared(load_query(name))}
        for name, description in sorted(QUERY_FILES.items())
    ]
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>irkg — SPARQL</title>
<link rel="stylesheet" href="static/yasgui.min.css">
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; }}
header {{ padding: 0.5rem 1rem; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap;
  gap: 0.5rem 1rem; align-items: center; }}
header h1 {{ font-size: 1.1rem; margin: 0; }}
#irkg-example-list {{ list-style: none; display: flex; flex-wrap: wrap; gap: 0.3rem;
  margin: 0; padding: 0; }}
#irkg-example-list button {{ font: inherit; font-size: 0.85rem; padding: 0.15rem 0.5rem;
  border: 1px solid #bbb; border-radius: 3px; background: #f6f6f6; cursor: pointer; }}
main {{ padding: 0 0.5rem; }}
.irkg-graph {{ height: 60vh; border: 1px solid #ddd; }}
</style>
</head>
<body>
<header><h1>irkg SPARQL</h1><span>examples:</span><ul id="irkg-example-list"></ul>
<a href="./">explorer</a> <a href="ask">helpers</a></header>
<main><div id="yasgui"></div></main>
{data("irkg-examples", examples)}
{data("irkg-prefixes", PREFIXES)}
<script src="static/vis-network.min.js"></script>
<script src="static/yasgui.min.js"></script>
<script src="static/query.js"></script>
</body>
</html>
"""


class _Answers:
    """Answers remembered, most recently used kept, up to ``limit`` bytes in all (an answer
    over an eighth of it is not kept). Only while the graph cannot change."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.kept: OrderedDict[tuple[Any, ...], Answer] = OrderedDict()
        self.sizes: dict[tuple[Any, ...], int] = {}

    def get(self, job: tuple[Any, ...]) -> Answer | None:
        found = self.kept.get(_key(job))
        if found is not None:
            self.kept.move_to_end(_key(job))
        return found

    def put(self, job: tuple[Any, ...], answer: Answer) -> None:
        asked = sum(len(str(part)) for part in job)  # a long query is a big key
        if answer.status != 200 or asked > 10_000 or len(answer.body) > self.limit // 8:
            return
        key = _key(job)
        if key in self.kept:
            return
        self.kept[key] = answer
        self.sizes[key] = size = len(answer.body) + asked
        self.size += size
        while self.size > self.limit:
            dropped, _ = self.kept.popitem(last=False)
            self.size -= self.sizes.pop(dropped)

    def clear(self) -> None:
        self.kept.clear()
        self.sizes.clear()
        self.size = 0


def _key(job: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(tuple(sorted(part.items())) if isinstance(part, dict) else part for part in job)


def _version(settings: Settings) -> Callable[[], object]:
    """What tells whether the graph served has changed: an Oxigraph folder is swapped
    whole by a write (a new inode); files are read once; a SPARQL server can change at
    any time, so its answers are never remembered (None)."""
    if settings.store and settings.store.startswith("oxigraph:"):
        folder = Path(settings.store.partition(":")[2])

        def inode() -> object:
            try:
                found = folder.stat()
            except OSError:
                return ("missing",)
            return (found.st_dev, found.st_ino)

        return inode
    if settings.store and settings.store != "memory":
        return lambda: None
    return lambda: "files"


def _required() -> Any:
    from irkg.graph.helpers import REQUIRED

    return REQUIRED


def _regular(path: Path) -> bool:
    """A regular file itself, not a link to one."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _plain(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def _respond(found: Answer) -> Response:
    headers = {}
    if found.total > found.rows:
        headers["X-Irkg-Rows-Cut"] = (
            f"gave the first {found.rows:,} of {found.total:,} rows (--max-rows)"
        )
    response = Response(found.body, status_code=found.status, media_type=None, headers=headers)
    response.headers["content-type"] = found.media_type
    response.headers["x-irkg-rows"] = str(found.rows)
    return response


async def _body(request: Request, limit: int) -> bytes | str | None:
    """The request's body; None once it passes ``limit`` bytes; a message when the client
    sends it too slowly or goes away. What follows a refused body is read and dropped, up
    to a few times the limit, so that the client hears the 413 rather than a broken
    connection; past that the connection is closed."""
    chunks, size = [], 0
    try:
        async with asyncio.timeout(_BODY_SECONDS):
            async for chunk in request.stream():
                size += len(chunk)
                if size > _DRAINED * limit:
                    break
                if size <= limit:
                    chunks.append(chunk)
    except TimeoutError:
        return f"the body took over {_BODY_SECONDS} s to arrive"
    except ClientDisconnect:
        return "the client went away before the body arrived"
    return b"".join(chunks) if size <= limit else None


#: Seconds a request's body may take to arrive.
_BODY_SECONDS = 30


def _charset(content_type: str) -> str:
    """The charset a Content-Type declares (UTF-8 when it declares none)."""
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"') or "utf-8"
    return "utf-8"


#: How many times the size limit a refused body is read (and dropped) before closing.
_DRAINED = 8


def _description(request: Request) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    # The Host header is the client's: whatever it holds stays inside the IRI.
    endpoint = urllib.parse.quote(str(request.url.replace(query="")), safe=":/?#[]@!$&'()*+,;=%~")
    formats = "http://www.w3.org/ns/formats/"
    text = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <{formats}> .

[] a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
        fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:JSON-LD, fmt:RDF_XML ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""
    return Response(text, media_type="text/turtle")


class Repeats(logging.Filter):
    """Let the same message through once a minute at most, then say how often it came
    (a client holding thousands of connections must not fill the disk with tracebacks)."""

    def __init__(self, every: float = 60.0) -> None:
        super().__init__()
        self.every, self.seen = every, {}  # type: ignore[var-annotated]

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.getMessage()[:200], str(record.exc_info and record.exc_info[1]))
        now = time.monotonic()
        last, hidden = self.seen.get(key, (-self.every, 0))
        if now - last < self.every:
            self.seen[key] = (last, hidden + 1)
            return False
        if hidden:
            record.msg = f"{record.msg} (and {hidden:,} times more in the last minute)"
        record.exc_info = record.exc_info if not hidden else None
        self.seen[key] = (now, 0)
        if len(self.seen) > 1000:
            self.seen.clear()
        return True


#: The query page's policy: its own scripts, styles and fonts, requests to itself only.
_PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: Everything that is not a page (results, exports, text) runs nothing if opened as one.
_DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


class _Guarded:
    """Headers every answer carries: no type sniffing, no framing by another site, no
    referrer; a Content-Security-Policy by what the answer is (the explorer carries its
    own, by its scripts' hashes, in the page: the header only forbids framing it)."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if not kind.startswith(b"text/html"):
                    policy = _DATA_POLICY
                elif scope["path"] == "/" or scope["path"].endswith("/explorer.html"):
                    policy = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
                else:
                    policy = _PAGE_POLICY
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


class _RequestLog:
    """One log line per request: method, path, status, seconds, query length, rows (never
    the query's text at info level)."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen: dict[str, Any] = {"status": 0, "rows": "-"}

        async def sending(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                for key, value in message.get("headers", []):
                    if key == b"x-irkg-rows":
                        seen["rows"] = value.decode()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            state = scope.get("state", {})
            log.info(
                "%s %s %s %.3fs query=%s rows=%s",
                scope["method"],
                scope["path"],
                seen["status"],
                time.perf_counter() - started,
                state.get("query_length", "-"),
                seen["rows"],
            )
