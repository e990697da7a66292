"""Concurrent clients against `irkg serve`: throughput, p50/p99 latency and errors.

Starts `irkg serve` on a free loopback port (the built graph, or --store S), runs
--clients threads that each send --requests requests in turn (the helpers, and a
SPARQL query), and prints the figures. Loopback only; bounded in count and time.

    .venv/bin/python benchmarks/serve_load.py --clients 20 --requests 50
    .venv/bin/python benchmarks/serve_load.py --store oxigraph:/tmp/st1m --workers 2
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
    args = parser.parse_args()
    if args.only:
        REQUESTS[:] = [r for r in REQUESTS if any(f"/ask/{name}?" in r for name in args.only)]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
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


async def _clients(
    port: int, args: argparse.Namespace, latencies: list[tuple[str, float]], errors: list[str]
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
                path = REQUESTS[(number + i) % len(REQUESTS)]
                began = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                await writer.drain()
                status = int((await reader.readline()).split()[1])
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                await reader.readexactly(length)
                latencies.append((path, time.perf_counter() - began))
                if status != 200:
                    errors.append(f"{path}: HTTP {status}")
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            errors.append(f"client {number}: {exc!r}")
        finally:
            writer.close()

    await asyncio.gather(*(client(n) for n in range(args.clients)))


def _ask(port: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path)
    connection.getresponse().read()
    connection.close()


def _wait(port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _ask(port, "/sparql")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("irkg serve did not start")


def _percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
