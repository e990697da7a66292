"""`irkg build` as the data grows: a full build of N ingested articles, then a rebuild
after one of them changes and after one more is added.

Makes a project in a temporary folder (the seed data, and N generated news articles,
benchmarks/ingest_corpus.py's, read by `irkg ingest` into data/ingested/), then times,
each as a fresh `irkg build` process:

- the full build (nothing kept from before: every data file parsed);
- the build after one ingested article's text changes (one file parsed again);
- the build after one article more is ingested;

and, as the bare engine's baseline in the same run, Oxigraph alone loading the quads
the build wrote (exports/irkg.nq) into a new store. Prints seconds and quads.

    .venv/bin/python benchmarks/build_scale.py --articles 400
    .venv/bin/python benchmarks/build_scale.py              # 10,000 articles
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_corpus import article, corpus_arguments

ROOT = Path(__file__).resolve().parent.parent
IRKG = Path(sys.executable).parent / "irkg"


def _irkg(project: Path, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([str(IRKG), *args], cwd=project, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"irkg {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return time.perf_counter() - started, done.stdout


def _said(output: str) -> str:
    return output.strip().splitlines()[-1]


def main() -> None:
    args, rng = corpus_arguments(__doc__)
    with tempfile.TemporaryDirectory(prefix="irkg-build-scale-") as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "data", project / "data")
        news = project / "news"
        news.mkdir()
        for n in range(args.articles + 1):
            (news / f"a{n:05d}.txt").write_text(article(rng, n), encoding="utf-8")
        late = project / "late.txt"
        (news / f"a{args.articles:05d}.txt").rename(late)
        seconds, _ = _irkg(project, "ingest", str(news))
        print(f"{args.articles:,} articles ingested into data/ingested/ in {seconds:.1f} s")

        seconds, output = _irkg(project, "build")
        quads = (project / "exports" / "irkg.nq").read_text(encoding="utf-8").count("\n")
        print(f"full build: {seconds:.2f} s for {quads:,} quads ({_said(output)})")

        started = time.perf_counter()
        bare = ox.Store()
        bare.bulk_load(path=str(project / "exports" / "irkg.nq"), format=ox.RdfFormat.N_QUADS)
        print(
            f"  baseline, Oxigraph alone loading those quads: {time.perf_counter() - started:.2f} s"
        )

        changed = sorted((project / "data" / "ingested").iterdir())[0]
        text = changed.read_text(encoding="utf-8")
        changed.write_text(text.replace('label: "', 'label: "Revised: ', 1), encoding="utf-8")
        seconds, output = _irkg(project, "build")
        print(f"after one article changed: {seconds:.2f} s ({_said(output)})")

        _irkg(project, "ingest", str(late))
        seconds, output = _irkg(project, "build")
        print(f"after one article more: {seconds:.2f} s ({_said(output)})")


if __name__ == "__main__":
    main()
