"""What a command costs before it answers: `import irkg.cli`, and a cold `irkg ask`.

Run: .venv/bin/python benchmarks/cold_start.py [--runs N]

Each figure is the median of N fresh interpreters, beside its baseline in the same run:
- `import irkg.cli` beside `import click` (what any click program pays) and
  `import rdflib` (what it cost when the package imported everything);
- `irkg ask members-of EAEU` answered from the store `irkg build` keeps, from
  `--graph exports/irkg.trig` (the path before the kept store: the export parsed each
  time), and a bare pyoxigraph script asking the kept store the same question.
Targets (issue 21): import under 0.1 s; a cold ask about one entity under 0.2 s.
Run `irkg build` first.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import pyoxigraph as ox
store = ox.Store.read_only(".irkg/exports")
rows = store.query(
    "PREFIX irkg: <https://w3id.org/irkg/ontology#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?m ?label WHERE { <https://w3id.org/irkg/id/bloc/eaeu> irkg:hasMember ?m . "
    "?m rdfs:label ?label } ORDER BY ?label",
    use_default_graph_as_union=True,
)
for m, label in rows:
    print(m.value, label.value)
"""


def _median(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _import(module: str, runs: int) -> float:
    """Seconds the import alone takes, measured inside the interpreter (median)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    found = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
        )
        found.append(float(done.stdout))
    return statistics.median(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (default 7)")
    args = parser.parse_args()
    if not (ROOT / ".irkg" / "exports").is_dir():
        sys.exit("run `irkg build` first: the kept store .irkg/exports is missing")
    for module in ("irkg.cli", "click", "rdflib"):
        print(f"import {module:<10} {_import(module, args.runs):.3f} s")
    irkg = [sys.executable, "-m", "irkg.cli"]
    kept = _median([*irkg, "ask", "members-of", "EAEU"], args.runs)
    trig = _median([*irkg, "ask", "members-of", "EAEU", "--graph", "exports/irkg.trig"], args.runs)
    bare = _median([sys.executable, "-c", BARE], args.runs)
    print(f"irkg ask members-of EAEU, kept store    {kept:.3f} s")
    print(f"irkg ask members-of EAEU, --graph trig  {trig:.3f} s ({trig / kept:.1f}x the kept)")
    print(f"bare pyoxigraph script, same question   {bare:.3f} s (irkg takes {kept / bare:.1f}x)")
    print(
        f"python -c pass                          {_median([sys.executable, '-c', 'pass'], args.runs):.3f} s"
    )


if __name__ == "__main__":
    main()
