"""`irkg ingest` on a generated corpus: articles per second on one core, and peak memory.

Writes --articles plain-text articles (made from templates with the graph's entities
under varied spellings, new names, money, quantities and dates; the same seed gives the
same files), saves the curated graph to a fresh Oxigraph store, then runs the command a
user would, pinned to one CPU core:

    irkg ingest DIR --store oxigraph:STORE --review REVIEW

and prints its summary line, the wall time, articles per second, and the peak resident
memory of the process. Then it ingests the same files again (nothing new: it must
change nothing) and times that too.

    .venv/bin/python benchmarks/ingest_corpus.py                  # 10,000 articles
    .venv/bin/python benchmarks/ingest_corpus.py --articles 1000
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IRKG = Path(sys.executable).parent / "irkg"

PLACES = ["Moscow", "New Delhi", "Mumbai", "Chennai", "Vladivostok", "Murmansk", "Astrakhan"]
COUNTRIES = ["India", "Russia", "Russia's", "India's", "the Russian Federation", "Bharat",
             "Kazakhstan", "Armenia", "Iran", "the U.S.", "the US"]  # fmt: skip
BLOCS = ["BRICS", "the SCO", "the EAEU", "the Eurasian Economic Union", "the G20", "the UN"]
ROUTES = ["the INSTC", "the North-South corridor", "the Northern Sea Route", "the NSR",
          "the Chennai\u2013Vladivostok Maritime Corridor"]  # fmt: skip
PEOPLE = ["Jaishankar", "Piyush Goyal", "Goyal", "Vladimir Putin", "Maxim Oreshkin"]
TOPICS = ["payment mechanisms", "logistics bottlenecks", "market access", "supply chains",
          "non-tariff barriers", "tourism", "connectivity"]  # fmt: skip
SECTORS = ["pharmaceuticals", "textiles", "electronics", "tractors", "seafood", "defence"]
FIRST = ["Anna", "Igor", "Olga", "Ravi", "Sunita", "Dmitry", "Meera", "Pavel", "Kiran"]
LAST = ["Volkova", "Sechenov", "Rao", "Iyer", "Morozov", "Kapoor", "Orlov", "Nair"]
ROLES = ["Deputy Minister", "Ambassador", "Governor", "Secretary", "Director"]
KINDS = ["Forum", "Bank", "Corporation", "Council", "Port", "Agreement"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def article(rng: random.Random, n: int) -> str:
    """One article: a title and four paragraphs."""
    pick = rng.choice

    def name() -> str:
        return f"{pick(ROLES)} {pick(FIRST)} {pick(LAST)}"

    title = f"{pick(COUNTRIES).removeprefix('the ')} and {pick(BLOCS)}: report {n}"
    paragraphs = [
        f"Officials from {pick(COUNTRIES)} and {pick(COUNTRIES)} met in {pick(PLACES)} on "
        f"{rng.randint(1, 28)} {pick(MONTHS)} {rng.randint(2024, 2026)} to discuss "
        f"{pick(TOPICS)} and {pick(ROUTES)}, said {name()}.",
        f"Trade in {pick(SECTORS)} reached ${rng.randint(1, 90)}.{rng.randint(0, 9)} billion "
        f"in FY{rng.randint(2022, 2025)}-{rng.randint(23, 26)}, up {rng.randint(2, 40)} per cent, "
        f"while shipments via {pick(ROUTES)} took {rng.randint(12, 40)} days.",
        f"{pick(PEOPLE)} told the {pick(LAST)} {pick(KINDS)} that {pick(BLOCS)} members want "
        f"Rs {rng.randint(1, 99)},000 crore of new contracts and "
        f"{rng.randint(1, 9)}.{rng.randint(1, 9)} million barrels per day of crude oil.",
        f"The next round in {pick(PLACES)} in the first half of FY{rng.randint(2025, 2027)}-"
        f"{rng.randint(26, 28)} will cover {pick(SECTORS)}, {pick(TOPICS)} and a "
        f"{rng.randint(100, 9000):,} km link, {name()} of {pick(COUNTRIES)} said.",
    ]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def corpus_arguments(doc: str) -> tuple[argparse.Namespace, random.Random]:
    """The command line of a benchmark over a generated corpus (--articles, --seed), and
    the random source its articles are made from."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    return args, random.Random(args.seed)


def main() -> None:
    args, rng = corpus_arguments(__doc__)
    with tempfile.TemporaryDirectory(prefix="irkg-ingest-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "articles"
        corpus.mkdir()
        files = []
        for n in range(args.articles):
            path = corpus / f"a{n:05d}.txt"
            path.write_text(article(rng, n), encoding="utf-8")
            files.append(str(path))
        size = sum(Path(f).stat().st_size for f in files)
        store = f"oxigraph:{folder / 'store'}"
        subprocess.run(
            [str(IRKG), "build", "--store", store, "--out", str(folder / "exports")],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        print(f"{args.articles:,} articles, {size / 1e6:.1f} MB, into {store} (seed graph saved)")
        for run in ("first", "again"):
            command = [
                str(IRKG),
                "ingest",
                str(corpus),
                "--store",
                store,
                "--review",
                str(folder / "review"),
            ]
            elapsed, peak, out = _measured(command, folder / f"{run}.out")
            print(f"{run}: {out.strip().splitlines()[-3 if run == 'first' else -1]}")
            print(
                f"{run}: {elapsed:.1f} s wall on one core, {args.articles / elapsed:,.0f} "
                f"articles/s, peak memory {peak:,.0f} MB"
            )


def _measured(command: list[str], output: Path) -> tuple[float, float, str]:
    """Run ``command`` pinned to one core: its wall time, peak memory (MB) and output."""
    started = time.perf_counter()
    with output.open("w") as out:
        child = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: os.sched_setaffinity(0, {0}),
        )
        _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    text = output.read_text()
    if status != 0:
        sys.exit(f"{command[1]} failed ({status}): {text[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, text


if __name__ == "__main__":
    main()
