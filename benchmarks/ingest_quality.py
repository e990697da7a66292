"""How well `irkg ingest` reads the annotated set: precision and recall of linking,
candidates and figures, against the curated data in data/.

The set (tests/examples/annotated.yaml) is twelve short articles written for irkg, with
every mention of a known entity, every new name and every figure and date marked. A
found item counts as right when its words and its reading (entity; name; kind, value
and unit, or interval) are those marked; each article's items are compared as multisets.

    .venv/bin/python benchmarks/ingest_quality.py
    .venv/bin/python benchmarks/ingest_quality.py --misses     # and list what was wrong
    .venv/bin/python benchmarks/ingest_quality.py --min-precision 0.95 --min-recall 0.9
    .venv/bin/python benchmarks/ingest_quality.py --set other.yaml   # another set

With the --min flags it exits 1 if linking or figures score below them (the test suite
runs it so).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from irkg.graph import KnowledgeGraph
from irkg.ingest import Gazetteer
from irkg.ingest.article import ingest_article
from irkg.ingest.read import Article

ROOT = Path(__file__).resolve().parent.parent
ANNOTATED = ROOT / "tests" / "examples" / "annotated.yaml"


def _figure(item: list[Any]) -> tuple[str, ...]:
    words, kind, first, second = item
    if kind != "period":
        first = Decimal(str(first)).normalize()
    return (str(words), str(kind), str(first), str(second))


def score(annotated: Path = ANNOTATED, data_dir: Path = ROOT / "data") -> dict[str, dict[str, Any]]:
    """Precision, recall and misses per task (links, candidates, candidate kinds, figures)."""
    gazetteer = Gazetteer.of(KnowledgeGraph.from_data(data_dir, reason=False))
    articles = YAML(typ="safe").load(annotated.read_text(encoding="utf-8"))
    tally = {
        task: {"right": 0, "found": 0, "marked": 0, "extra": [], "missed": []}
        for task in ("links", "candidates", "figures")
    }
    kinds = Counter[bool]()
    for entry in articles:
        title, *paragraphs = [p for p in entry["text"].split("\n\n") if p.strip()]
        article = Article(
            entry["name"], title.strip(), tuple(" ".join(p.split()) for p in paragraphs)
        )
        done = ingest_article(article, gazetteer)
        found = {
            "links": Counter((m.surface, m.entity) for p in done.paragraphs for m in p.linked),
            "candidates": Counter(p.candidate.name for p in done.proposals),
            "figures": Counter(
                (f.surface, f.kind, f.begins, f.ends)
                if f.kind == "period"
                else (f.surface, f.kind, str((f.value or Decimal(0)).normalize()), f.unit)
                for p in done.paragraphs
                for f in p.figures
            ),
        }
        marked = {
            "links": Counter((w, e) for w, e in entry["links"]),
            "candidates": Counter(name for name, _ in entry["candidates"]),
            "figures": Counter(_figure(f) for f in entry["figures"]),
        }
        true_kind = dict(entry["candidates"])
        for p in done.proposals:
            if p.candidate.name in true_kind:
                kinds[p.candidate.kind == true_kind[p.candidate.name]] += 1
        for task, t in tally.items():
            t["right"] += sum((found[task] & marked[task]).values())
            t["found"] += sum(found[task].values())
            t["marked"] += sum(marked[task].values())
            t["extra"] += [(entry["name"], x) for x in (found[task] - marked[task]).elements()]
            t["missed"] += [(entry["name"], x) for x in (marked[task] - found[task]).elements()]
    for t in tally.values():
        t["precision"] = t["right"] / t["found"] if t["found"] else 1.0
        t["recall"] = t["right"] / t["marked"] if t["marked"] else 1.0
    tally["candidates"]["kinds right"] = f"{kinds[True]} of {kinds[True] + kinds[False]}"
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=ANNOTATED, help="an annotated set (YAML)")
    parser.add_argument("--misses", action="store_true", help="list what was wrong")
    parser.add_argument("--min-precision", type=float, default=0.0)
    parser.add_argument("--min-recall", type=float, default=0.0)
    args = parser.parse_args()
    tally = score(args.set)
    print(f"{'task':<12} {'precision':>9} {'recall':>7} {'right':>6} {'found':>6} {'marked':>7}")
    for task, t in tally.items():
        print(
            f"{task:<12} {t['precision']:>9.3f} {t['recall']:>7.3f} "
            f"{t['right']:>6} {t['found']:>6} {t['marked']:>7}"
        )
    print(f"candidate kinds guessed right: {tally['candidates']['kinds right']}")
    if args.misses:
        for task, t in tally.items():
            for article, item in t["extra"]:
                print(f"  {task}: found, not marked: {article}: {item}")
            for article, item in t["missed"]:
                print(f"  {task}: marked, not found: {article}: {item}")
    below = [
        task
        for task in ("links", "figures")
        if tally[task]["precision"] < args.min_precision or tally[task]["recall"] < args.min_recall
    ]
    if below:
        print(f"below the targets: {', '.join(below)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
