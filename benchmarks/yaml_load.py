"""How fast curated YAML loads: irkg's loader against ruamel's round-trip loader alone.

Run: .venv/bin/python benchmarks/yaml_load.py [--megabytes N]

Writes a data file of about N MB (cities with labels, aliases and a relation each),
then times ruamel's round-trip load (what the loader used before), irkg's scan
and compose through libyaml, and the whole of load_yaml_files, printing seconds and
MB/s. A probe found 1 MB taking 24 s and 50 MB not finishing in 60 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

from irkg.loaders import load_yaml_files


def _data(megabytes: float) -> str:
    lines = ["document: {id: doc/big, type: NewsArticle, label: Big}", "entities:"]
    size, number = 0, 0
    while size < megabytes * 1_000_000:
        entry = [
            f"  - id: city/c{number}",
            "    type: City",
            f"    label: City number {number}",
            f"    aliases: [C{number}, Town {number}]",
            "    locatedIn: country/x",
        ]
        lines += entry
        size += sum(len(line) + 1 for line in entry)
        number += 1
    lines += ["  - id: country/x", "    type: Country", "    label: X"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    text = _data(args.megabytes)
    path = Path(tempfile.mkdtemp()) / "big.yaml"
    path.write_text(text, encoding="utf-8")
    mb = len(text.encode("utf-8")) / 1_000_000
    timings = {}
    started = time.perf_counter()
    YAML(typ="rt").load(text)
    timings["ruamel round-trip load (the old loader's parse)"] = time.perf_counter() - started
    started = time.perf_counter()
    load_yaml_files([path])
    timings["irkg load_yaml_files (scan, compose, build quads)"] = time.perf_counter() - started
    print(f"{mb:.2f} MB of curated YAML")
    for what, seconds in timings.items():
        print(f"  {what}: {seconds:.2f} s ({mb / seconds:.2f} MB/s)")


if __name__ == "__main__":
    main()
