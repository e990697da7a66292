"""How long `irkg build` takes on the seed data, cold, and where the time goes.

Run: .venv/bin/python benchmarks/build_and_load.py [--runs N]

Prints the median wall time of N cold `irkg build` runs (a fresh interpreter
each, so imports count), then the time of each stage in one warm process. The
design target is a cold build under 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cold_build(runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "irkg.cli",
                    "build",
                    "--data",
                    str(ROOT / "data"),
                    "--out",
                    out,
                ],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - started)
    return times


def stages() -> list[tuple[str, float]]:
    from irkg.exports import EXPORT_FILES, render_exports
    from irkg.graph import KnowledgeGraph

    timings = []
    started = time.perf_counter()
    kg = KnowledgeGraph.from_data(ROOT / "data", reason=False)
    timings.append(("load YAML", time.perf_counter() - started))
    from irkg.graph.reasoning import infer
    from irkg.graph.validation import validate
    from irkg.loaders import load_data_dir

    loaded = load_data_dir(ROOT / "data")
    for name, step in (
        ("reason (rules, Oxigraph)", kg.reason),
        ("  owlrl, the old path", lambda: infer(loaded)),
        ("validate (compiled)", kg.validate),
        ("  pySHACL, the old path", lambda: validate(loaded)),
        ("stats and ledger", lambda: (kg.stats(), kg.check_ledger())),
        ("check figures", kg.check_figures),
        (f"render {len(EXPORT_FILES)} exports", lambda: render_exports(kg)),
        ("keep the store", lambda: kg.save(f"oxigraph:{tempfile.mkdtemp()}/kept")),
    ):
        started = time.perf_counter()
        step()
        timings.append((name, time.perf_counter() - started))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold builds to time (default 5)")
    args = parser.parse_args()
    times = cold_build(args.runs)
    print(
        f"cold `irkg build`, {args.runs} runs: median {statistics.median(times):.2f} s, "
        f"min {min(times):.2f} s, max {max(times):.2f} s (target: under 3 s)"
    )
    print("stages in one warm process:")
    for name, seconds in stages():
        print(f"  {name:<26} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
