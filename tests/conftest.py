"""Shared fixtures: the graph built from the real curated data, once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from irkg.graph import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EXAMPLES = Path(__file__).resolve().parent / "examples"


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The knowledge graph of data/, reasoned, as `irkg build` makes it."""
    return KnowledgeGraph.from_data(DATA)


@pytest.fixture(scope="session")
def asserted_kg() -> KnowledgeGraph:
    """The knowledge graph of data/ without reasoning."""
    return KnowledgeGraph.from_data(DATA, reason=False)


def expectations(path: Path) -> list[str]:
    """The `# expect: ...` lines at the top of an example file."""
    return [
        line.removeprefix("# expect:").strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect:")
    ]
