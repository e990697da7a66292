"""Stores side by side at scale: load time, checking and reasoning over what was loaded,
helper latency (p50/p95), a cold `irkg ask`, and peak memory, for `memory`, `oxigraph:DIR` and `sparql:URL` (an `oxigraph serve` on
loopback), on synthetic corpora made by benchmarks/corpus.py. Ratios are to `memory`.

    .venv/bin/python benchmarks/stores.py --sizes 100000 1000000

Each store is measured in a fresh child process, so that peak memory is its own (for
`sparql:URL` that is irkg's side; the server's is printed apart). A store checks and
reasons in its own engine (irkg.graph.settle); `memory` runs pySHACL and owlrl's OWL 2 RL,
each cut at CUTOFF.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from irkg.graph.reasoning import infer
from irkg.graph.validation import validate

if TYPE_CHECKING:
    from rdflib import Dataset

    from irkg.graph import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

#: Seconds of runs per helper and store, after which fewer than --runs are timed.
BUDGET = 20.0
#: Seconds after which one helper call in memory is stopped and reported as "> CUTOFF".
CUTOFF = 120.0

#: The helpers timed, as `irkg ask` would call them.
HELPERS = {
    "members-of": lambda kg: kg.members_of("EAEU"),
    "memberships": lambda kg: kg.memberships("India"),
    "said-by": lambda kg: kg.said_by("Goyal"),
    "statements-about": lambda kg: kg.statements_about("trade imbalance"),
    "sources-of": lambda kg: kg.sources_of("Zhemchug"),
    "events": lambda kg: kg.events(),
}


def child(store: str, corpus: Path, runs: int) -> dict[str, object]:
    """Load ``corpus`` into ``store``, time the helpers; runs in its own process."""
    from irkg.bounded import run_bounded
    from irkg.errors import QueryError
    from irkg.graph import KnowledgeGraph
    from irkg.graph.stores import open_store
    from irkg.loaders import load_rdf_files

    started = time.perf_counter()
    if store == "memory":
        kg = KnowledgeGraph(load_rdf_files([corpus]))
        loaded = time.perf_counter() - started
        checked, reasoned = (timed(work, kg) for work in (validate, infer))
    else:
        target = open_store(store)
        target.add([corpus])
        settled = target.settled  # type: ignore[attr-defined]
        checked, reasoned = settled.checked, settled.reasoned
        loaded = time.perf_counter() - started - checked - reasoned
        kg = KnowledgeGraph.open(store)
    latency: dict[str, list[float]] = {}
    for name, helper in HELPERS.items():
        kg._entities = None  # each helper's first run resolves names afresh
        for _ in range(runs):
            began = time.perf_counter()
            if store == "memory":  # rdflib's engine can take many minutes: cut at CUTOFF
                try:
                    run_bounded(lambda h=helper: h(kg), CUTOFF)  # type: ignore[misc]
                except QueryError:
                    latency.setdefault(name, []).append(float("inf"))
                    break
            else:
                helper(kg)
            latency.setdefault(name, []).append(time.perf_counter() - began)
            if sum(latency[name]) > BUDGET:  # rdflib's engine at a million: a few runs do
                break
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB
    return {
        "load": loaded,
        "check": checked,
        "reason": reasoned,
        "latency": latency,
        "peak": peak,
    }


def timed(work: Callable[[Dataset], object], kg: KnowledgeGraph) -> float:
    """Seconds ``work`` takes on the graph in memory (infinite past CUTOFF)."""
    from irkg.bounded import run_bounded
    from irkg.errors import QueryError

    began = time.perf_counter()
    try:
        run_bounded(lambda: print(type(work(kg.dataset)).__name__), CUTOFF)
    except QueryError:
        return float("inf")
    return time.perf_counter() - began


def cold_ask(store: str, corpus: Path) -> float:
    """Seconds for `irkg ask members-of EAEU` in a new process, on what is already loaded
    (infinite where it runs past CUTOFF)."""
    where = ["--graph", str(corpus)] if store == "memory" else ["--store", store]
    began = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "irkg"), "ask", "members-of", "EAEU", *where, "--timeout", str(CUTOFF)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tempfile.gettempdir(),
        check=False,
    )
    return time.perf_counter() - began if done.returncode == 0 else float("inf")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--stores", nargs="+", default=["memory", "oxigraph", "sparql"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", nargs=2, metavar=("STORE", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.runs)))
        return
    from corpus import write_corpus

    from irkg.graph.stores.local import OxigraphServer

    work = Path(tempfile.mkdtemp(prefix="irkg-bench-"))
    try:
        for size in args.sizes:
            corpus = work / f"corpus-{size}.nq"
            quads = write_corpus(corpus, size)
            print(f"\n{quads:,} quads ({corpus.stat().st_size / 2**20:.0f} MB of N-Quads)")
            results: dict[str, dict[str, object]] = {}
            for kind in args.stores:
                server = None
                if kind == "memory":
                    spec = "memory"
                elif kind == "oxigraph":
                    spec = f"oxigraph:{work / f'store-{size}'}"
                else:
                    server = OxigraphServer(work / f"server-{size}")
                    spec = f"sparql:{server.url}"
                try:
                    done = subprocess.run(
                        [
                            sys.executable,
                            __file__,
                            "--child",
                            spec,
                            str(corpus),
                            "--runs",
                            str(args.runs),
                        ],
                        capture_output=True,
                        text=True,
                        cwd=ROOT,
                        check=False,
                    )
                    if done.returncode != 0:  # say why, and go on with the other stores
                        print(
                            f"{kind}: failed: {done.stderr.strip().splitlines()[-1:]}", flush=True
                        )
                        continue
                    results[kind] = json.loads(done.stdout)
                    results[kind]["cold"] = cold_ask(spec, corpus)
                    if server is not None:
                        results[kind]["server"] = rss_mb(server.process.pid)
                    print(f"{kind}: {json.dumps(results[kind])}", flush=True)
                finally:
                    if server is not None:
                        server.stop()
            report(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: dict[str, dict[str, object]]) -> None:
    base = results.get("memory")
    print(f"{'':<22}" + "".join(f"{k:>22}" for k in results))

    def row(name: str, value: object, unit: str = "s") -> None:
        cells = []
        for kind, result in results.items():
            figure = value(result) if callable(value) else 0.0
            if figure == float("inf"):
                cells.append(f"> {CUTOFF:.0f} s")
                continue
            ratio = ""
            if base is not None and kind != "memory" and figure:
                ratio = (
                    f" ({value(base) / figure:.1f}x)"
                    if unit == "s"
                    else f" ({figure / value(base):.2f})"
                )
                if value(base) == float("inf"):
                    ratio = f" (>{CUTOFF / figure:.0f}x)"
            cells.append(
                f"{figure:>9.3f} {unit}{ratio}" if unit == "s" else f"{figure:>7.0f} MB{ratio}"
            )
        print(f"{name:<22}" + "".join(f"{c:>22}" for c in cells))

    row("load", lambda r: r["load"])
    row("check (SHACL)", lambda r: r["check"])
    row("reason", lambda r: r["reason"])
    for helper in HELPERS:
        row(f"{helper} p50", lambda r, h=helper: statistics.median(r["latency"][h]))
        row(f"{helper} p95", lambda r, h=helper: percentile(r["latency"][h], 0.95))
    row("cold irkg ask", lambda r: r["cold"])
    row("peak memory (irkg)", lambda r: r["peak"], unit="MB")
    if any("server" in r for r in results.values()):
        print(
            f"{'(server peak memory)':<22}"
            + "".join(
                f"{(str(round(r['server'])) + ' MB') if 'server' in r else '':>22}"
                for r in results.values()
            )
        )
    print(
        "ratios: time as memory's / the store's (higher is faster); memory as the store's / memory's"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
