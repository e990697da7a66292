"""Shared fixtures: the graph built from the real curated data, once per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from irkg.graph import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EXAMPLES = Path(__file__).resolve().parent / "examples"


@pytest.fixture(scope="session")
def memory_kg() -> KnowledgeGraph:
    """The knowledge graph of data/, reasoned, as `irkg build` makes it, in memory."""
    return KnowledgeGraph.from_data(DATA)


#: The stores every graph test runs against (see irkg.graph.stores).
STORES = ["memory", "oxigraph", "sparql"]


@pytest.fixture(scope="session")
def sparql_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real SPARQL 1.1 server, `oxigraph serve` (the `oxigraph` PyPI package), on a free
    loopback port for the session; its query endpoint."""
    from irkg.graph.stores.local import OxigraphServer

    with OxigraphServer(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url


@pytest.fixture(scope="session", params=STORES)
def kg(
    request: pytest.FixtureRequest,
    memory_kg: KnowledgeGraph,
    tmp_path_factory: pytest.TempPathFactory,
) -> KnowledgeGraph:
    """The built graph in each store: the same answers are expected of every one."""
    if request.param == "memory":
        return memory_kg
    if request.param == "sparql":
        spec = "sparql:" + request.getfixturevalue("sparql_server")
    else:
        spec = f"oxigraph:{tmp_path_factory.mktemp('stores') / 'kg'}"
    memory_kg.save(spec)
    return KnowledgeGraph.open(spec)


@pytest.fixture(scope="session")
def asserted_kg() -> KnowledgeGraph:
    """The knowledge graph of data/ without reasoning."""
    return KnowledgeGraph.from_data(DATA, reason=False)


# -- a browser, for the pages' tests ------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    named = os.environ.get("IRKG_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        reason = "Chromium not found: `apt-get install chromium` or set IRKG_CHROMIUM (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def expectations(path: Path) -> list[str]:
    """The `# expect: ...` lines at the top of an example file."""
    return [
        line.removeprefix("# expect:").strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect:")
    ]


#: The articles written for the ingest tests, and the saved web page among them.
ARTICLES = EXAMPLES / "articles"
EXAMPLE_ARTICLES = sorted(ARTICLES.iterdir())
RAIL_TALKS = ARTICLES / "rail-talks.html"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of data/ to write into (irkg ingest and accept)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: to show that nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium is a browser test (``-m "not browser"`` leaves
    them out: ``make check``)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
