"""A synthetic news corpus in irkg's own model, to measure stores at scale.

It starts from the built seed graph (exports/irkg.trig, so that every helper has its
entities) and adds articles: each has a document in the provenance graph and paragraphs
as named graphs, and each paragraph states a trade figure (reporter, partner, period,
value, unit), a statement by a new or known speaker about known topics and countries,
and a new organisation that is a member of a bloc, with labels for all. The same seed
and size give the same file.

    .venv/bin/python benchmarks/corpus.py --triples 1000000 --out /tmp/corpus-1m.nq
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/irkg/id/"
GRAPH = "https://w3id.org/irkg/graph/"
ONT = "https://w3id.org/irkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PROV = "http://www.w3.org/ns/prov#wasDerivedFrom"
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

COUNTRIES = ["india", "russia", "armenia", "iran", "kazakhstan", "belarus", "kyrgyzstan"]
BLOCS = ["brics", "sco", "eaeu"]
PERIODS = ["2021", "fy2024-25", "autumn-2025", "2030"]
SPEAKERS = ["s-jaishankar", "piyush-goyal", "maxim-oreshkin", "ajay-srivastava"]
TOPICS = ["trade-imbalance", "market-access", "logistics", "trade-diversification"]
WORDS = [
    "trade",
    "energy",
    "rail",
    "port",
    "grain",
    "fertiliser",
    "payments",
    "rupee",
    "rouble",
    "shipping",
    "pharma",
    "tea",
]


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def paragraph(rng: random.Random, article: int, number: int) -> list[str]:
    """The quads one paragraph adds: its facts in its graph, and its provenance."""
    graph = f"<{GRAPH}synth-{article}/p{number}>"
    key = f"synth-{article}-{number}"
    obs, stmt, org = f"<{ID}obs/{key}>", f"<{ID}stmt/{key}>", f"<{ID}organization/{key}>"
    reporter, partner = rng.sample(COUNTRIES, 2)
    period = rng.choice(PERIODS)
    speaker = (
        f"<{ID}person/{rng.choice(SPEAKERS)}>"
        if rng.random() < 0.5
        else f"<{ID}person/synth-{article}-{number % 3}>"
    )
    words = " ".join(rng.sample(WORDS, 3))
    quads = [
        (obs, f"<{RDF_TYPE}>", f"<{ONT}TradeObservation>"),
        (obs, f"<{LABEL}>", _literal(f"{reporter} and {partner}: {words} ({article}/{number})")),
        (obs, f"<{ONT}reporter>", f"<{ID}country/{reporter}>"),
        (obs, f"<{ONT}partner>", f"<{ID}country/{partner}>"),
        (obs, f"<{ONT}period>", f"<{ID}period/{period}>"),
        (obs, f"<{ONT}measure>", f"<{ID}measure/trade-value>"),
        (obs, f"<{ONT}flow>", f"<{ID}flow/total>"),
        (obs, f"<{ONT}unit>", f"<{ID}unit/usd-billion>"),
        (obs, f"<{ONT}value>", f'"{rng.uniform(0.1, 120):.2f}"^^<{DECIMAL}>'),
        (stmt, f"<{RDF_TYPE}>", f"<{ONT}Statement>"),
        (stmt, f"<{LABEL}>", _literal(f"On {words}, paragraph {number} of article {article}")),
        (stmt, f"<{ONT}speaker>", speaker),
        (stmt, f"<{ONT}about>", f"<{ID}topic/{rng.choice(TOPICS)}>"),
        (stmt, f"<{ONT}about>", f"<{ID}country/{partner}>"),
        (
            stmt,
            f"<{ONT}summary>",
            _literal(f"A speaker spoke of {words} between {reporter} and {partner}."),
        ),
        (org, f"<{RDF_TYPE}>", f"<{ONT}Organization>"),
        (org, f"<{LABEL}>", _literal(f"{words.title()} Company {article}-{number}")),
        (org, f"<{ONT}memberOf>", f"<{ID}bloc/{rng.choice(BLOCS)}>"),
    ]
    if "synth" in speaker:  # a new speaker is named and typed wherever it speaks
        quads.append((speaker, f"<{LABEL}>", _literal(f"Speaker {article}-{number % 3}")))
        quads.append((speaker, f"<{RDF_TYPE}>", f"<{ONT}Person>"))
    lines = [f"{s} {p} {o} {graph} .\n" for s, p, o in quads]
    meta = f"<{GRAPH}provenance>"
    lines += [
        f"{graph} <{RDF_TYPE}> <{ONT}AssertionGraph> {meta} .\n",
        f"{graph} <{PROV}> <{ID}doc/synth-{article}> {meta} .\n",
        f'{graph} <{ONT}paragraph> "{number}"^^<{INTEGER}> {meta} .\n',
        f"{graph} <{ONT}summary> {_literal(f'Paragraph {number}: {words}.')} {meta} .\n",
    ]
    return lines


def write_corpus(out: Path, triples: int, seed: int = 1) -> int:
    """Write about ``triples`` quads (the seed graph's included) as N-Quads; return how many."""
    rng = random.Random(seed)
    seed_graph = _seed_nquads()
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        handle.write(seed_graph)
        written += seed_graph.count("\n")
        article = 0
        while written < triples:
            meta = f"<{GRAPH}provenance>"
            doc = f"<{ID}doc/synth-{article}>"
            handle.write(f"{doc} <{RDF_TYPE}> <{ONT}NewsArticle> {meta} .\n")
            handle.write(f"{doc} <{LABEL}> {_literal(f'Synthetic article {article}')} {meta} .\n")
            written += 2
            for number in range(1, 13):
                lines = paragraph(rng, article, number)
                handle.writelines(lines)
                written += len(lines)
            article += 1
    return written


def _seed_nquads() -> str:
    from rdflib import Dataset

    built = ROOT / "exports" / "irkg.trig"
    dataset = Dataset()
    dataset.parse(built, format="trig")
    return "".join(sorted(dataset.serialize(format="nquads").splitlines(keepends=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    count = write_corpus(args.out, args.triples, args.seed)
    size = args.out.stat().st_size / 2**20
    print(
        f"wrote {count:,} quads ({size:.0f} MB) to {args.out} in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
