"""The annotated sets (tests/examples/annotated*.yaml) scored by their benchmark: linking
and figures at or above the targets the issue sets (precision 0.95, recall 0.9)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", ["annotated.yaml", "annotated-blind.yaml"])
def test_linking_and_figures_meet_the_targets_on_the_annotated_sets(name: str) -> None:
    run = subprocess.run(
        [sys.executable, "benchmarks/ingest_quality.py", "--min-precision", "0.95",
         "--min-recall", "0.9", "--set", f"tests/examples/{name}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    scores = {line.split()[0]: line.split()[1:3] for line in run.stdout.splitlines()[1:4]}
    assert set(scores) == {"links", "candidates", "figures"}
