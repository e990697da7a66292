"""Concurrent clients against `irkg serve`: throughput, p50/p99 latency and errors.

Starts `irkg serve` on a free loopback port (the built graph, or --store S), runs
--clients clients that each send --requests requests in turn (the helpers, and a
SPARQL query), and prints the figures. Loopback only; bounded in count and time.

With --versus-oxigraph, the baseline of issue 21 instead: the same SPARQL requests, on
the same kept store (`.irkg/exports`, what `irkg build` keeps), to `irkg serve
--cache-mb 0` and to `oxigraph serve-read-only --union-default-graph` in turn, in two
mixes: distinct queries (a look-up of each entity's statements, every text different)
and one query repeated. Target: irkg at least 0.7x the bare server's throughput, p99 at
most 2x.

    .venv/bin/python benchmarks/serve_load.py --clients 20 --requests 50
    .venv/bin/python benchmarks/serve_load.py --store oxigraph:/tmp/st1m --workers 2
    .venv/bin/python benchmarks/serve_load.py --versus-oxigraph
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

#: What each client asks, in turn.
REQUESTS = [
    "/ask/members-of?bloc=EAEU",
    "/ask/memberships?entity=India",
    "/ask/said-by?speaker=Goyal",
    "/ask/sources-of?entity=Zhemchug",
    "/ask/shared-memberships?a=India&b=Russia",
    "/sparql?"
    + urllib.parse.urlencode({"query": "SELECT ?m WHERE { bloc:eaeu irkg:hasMember ?m }"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50, help="per client")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", help="serve this store instead of the built graph")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds, in all")
    parser.add_argument(
        "--no-cache", action="store_true", help="serve with --cache-mb 0: every answer computed"
    )
    parser.add_argument(
        "--only", nargs="+", metavar="HELPER", help="ask only these helpers (by name)"
    )
    parser.add_argument(
        "--versus-oxigraph",
        action="store_true",
        help="SPARQL only, against `oxigraph serve-read-only` on the same store",
    )
    args = parser.parse_args()
    if args.versus_oxigraph:
        _versus(args)
        return
    if args.only:
        REQUESTS[:] = [r for r in REQUESTS if any(f"/ask/{name}?" in r for name in args.only)]
    port = _free_port()
    command = [str(BIN / "irkg"), "serve", "--port", str(port), "--workers", str(args.workers)]
    if args.store:
        command += ["--store", args.store]
    if args.no_cache:
        command += ["--cache-mb", "0"]
    server = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        _wait(port)
        for path in REQUESTS:  # each worker warms up (first answers build indexes)
            for _ in range(args.workers):
                _ask(port, path)
        latencies: list[tuple[str, float]] = []
        errors: list[str] = []
        began = time.perf_counter()
        asyncio.run(_clients(port, args, latencies, errors))
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(10)
    times = sorted(t for _, t in latencies)
    graph = args.store or "the built graph (exports/irkg.trig)"
    cached = "no cache" if args.no_cache else "answers remembered"
    print(
        f"{graph}: {args.clients} clients x {args.requests} requests, "
        f"{args.workers} workers, {cached}"
    )
    print(f"  {len(times):,} requests in {elapsed:.1f} s: {len(times) / elapsed:,.0f} per second")
    print(f"  latency p50 {_ms(statistics.median(times))}, p99 {_ms(_percentile(times, 0.99))}, "
          f"max {_ms(times[-1])}")  # fmt: skip
    for path in REQUESTS:
        mine = sorted(t for p, t in latencies if p == path)
        print(
            f"    {path[:60]:<60} p50 {_ms(statistics.median(mine))}  p99 {_ms(_percentile(mine, 0.99))}"
        )
    print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))


#: A look-up whose text differs per entity: the distinct mix.
LOOKUP = "SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} ORDER BY ?p ?o"
#: The repeated mix's one query (the helper `members-of EAEU`'s question).
REPEATED = (
    "SELECT ?m ?label WHERE { bloc:eaeu irkg:hasMember ?m . ?m rdfs:label ?label } ORDER BY ?label"
)
JSON = "application/sparql-results+json"
_PREFIXES = (
    "PREFIX irkg: <https://w3id.org/irkg/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX bloc: <https://w3id.org/irkg/id/bloc/>\n"
)


def _versus(args: argparse.Namespace) -> None:
    """irkg serve and the bare Oxigraph server, the same SPARQL on the same store."""
    import pyoxigraph as ox

    kept = ROOT / ".irkg" / "exports"
    if not kept.is_dir():
        sys.exit("run `irkg build` first: the kept store .irkg/exports is missing")
    store = ox.Store.read_only(str(kept))
    entities = sorted(
        row["s"].value
        for row in store.query(
            "SELECT DISTINCT ?s WHERE { ?s a ?t FILTER(STRSTARTS(STR(?s), "
            '"https://w3id.org/irkg/id/")) }',
            use_default_graph_as_union=True,
        )
    )
    del store
    total = args.clients * args.requests
    mixes = {
        "distinct": [
            _PREFIXES + LOOKUP.format(iri=entities[i % len(entities)]) + f"\n# {i}"
            for i in range(total)
        ],
        "repeated": [_PREFIXES + REPEATED],
    }
    port = _free_port()
    servers = {
        "irkg serve": [
            str(BIN / "irkg"), "serve", "--port", str(port), "--workers", str(args.workers),
            "--cache-mb", "0",
        ],
        "oxigraph serve-read-only": [
            str(BIN / "oxigraph"), "serve-read-only", "--location", str(kept),
            "--bind", f"127.0.0.1:{port}", "--union-default-graph",
        ],
    }  # fmt: skip
    paths = {"irkg serve": "/sparql", "oxigraph serve-read-only": "/query"}
    print(
        f"{args.clients} clients x {args.requests} requests, SPARQL JSON results, "
        f"{len(entities):,} entities in the kept store; irkg with {args.workers} workers, "
        "no answer cache"
    )
    figures: dict[tuple[str, str], tuple[float, float]] = {}
    for name, command in servers.items():
        server = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
        try:
            _wait(port, paths[name] + "?query=ASK%7B%7D")
            for mix, queries in mixes.items():
                requests = [
                    paths[name] + "?" + urllib.parse.urlencode({"query": q}) for q in queries
                ]
                for path in requests[: args.workers * 2]:
                    _ask(port, path)
                latencies: list[tuple[str, float]] = []
                errors: list[str] = []
                began = time.perf_counter()
                asyncio.run(_clients(port, args, latencies, errors, requests, JSON))
                elapsed = time.perf_counter() - began
                times = sorted(t for _, t in latencies)
                rate, p99 = len(times) / elapsed, _percentile(times, 0.99)
                figures[name, mix] = rate, p99
                print(
                    f"  {name:<26} {mix:<9} {rate:7,.0f} per second  p50 "
                    f"{_ms(statistics.median(times))}  p99 {_ms(p99)}  errors {len(errors)}"
                    + (f" (first: {errors[0]})" if errors else "")
                )
        finally:
            server.terminate()
            server.wait(10)
    for mix in mixes:
        (ours, our_p99), (bare, bare_p99) = (figures[n, mix] for n in servers)
        print(
            f"  {mix}: irkg {ours / bare:.2f}x the bare server's throughput (target >= 0.7x), "
            f"p99 {our_p99 / bare_p99:.1f}x (target <= 2x)"
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _clients(
    port: int,
    args: argparse.Namespace,
    latencies: list[tuple[str, float]],
    errors: list[str],
    requests: list[str] = REQUESTS,
    accept: str = "*/*",
) -> None:
    """The clients, as tasks of one event loop on kept-alive connections: a client's own
    overhead stays out of the figures (twenty threads contending for the GIL added to
    every latency)."""
    stop = time.monotonic() + args.deadline

    async def client(number: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for i in range(args.requests):
                if time.monotonic() > stop:
                    return
                path = requests[(number * args.requests + i) % len(requests)]
                began = time.perf_counter()
                writer.write(
                    f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {accept}\r\n\r\n".encode()
                )
                await writer.drain()
                status = int((await reader.readline()).split()[1])
                await _body(reader)
                latencies.append((path, time.perf_counter() - began))
                if status != 200:
                    errors.append(f"{path}: HTTP {status}")
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            errors.append(f"client {number}: {exc!r}")
        finally:
            writer.close()

    await asyncio.gather(*(client(n) for n in range(args.clients)))


async def _body(reader: asyncio.StreamReader) -> None:
    """Read one answer's headers and body: by its length, or chunked (Oxigraph's server
    streams its answers)."""
    length, chunked = 0, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
        elif name.strip().lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if not chunked:
        await reader.readexactly(length)
        return
    while size := int((await reader.readline()).split(b";")[0], 16):
        await reader.readexactly(size + 2)  # the chunk and its line end
    while await reader.readline() not in (b"\r\n", b""):  # trailers
        pass


def _ask(port: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path)
    connection.getresponse().read()
    connection.close()


def _wait(port: int, path: str = "/sparql") -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _ask(port, path)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def _percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
