"""How long `irkg ask` and `irkg query` take from a cold start on the seed graph.

Run: .venv/bin/python benchmarks/ask_cold.py [--runs N]

Each command runs N times in a fresh interpreter (imports and reading the built
graph count); the median and worst are printed. The design target is under 1 s.
Run `irkg build` first: the commands open the store it keeps (.irkg/exports).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [
    ["ask", "members-of", "EAEU"],
    ["ask", "shared-memberships", "India", "Russia"],
    ["ask", "trade"],
    ["ask", "said-by", "Goyal"],
    ["ask", "path", "Zhemchug", "Jaishankar"],
    ["ask", "central"],
    ["query", "SELECT ?m WHERE { bloc:eaeu irkg:hasMember ?m }"],
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    args = parser.parse_args()
    worst_median = 0.0
    for command in COMMANDS:
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "irkg.cli", *command],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        worst_median = max(worst_median, median)
        print(f"irkg {' '.join(command):<52} median {median:.2f} s  max {max(times):.2f} s")
    print(f"slowest median: {worst_median:.2f} s (target: under 1 s)")


if __name__ == "__main__":
    main()
