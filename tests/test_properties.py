"""Property-based probes: random and mutated input to the YAML loader and to irkg query
gives a located IrkgError or a result, never another exception, within a time and a
memory bound."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from irkg.errors import DataError, QueryError
from irkg.exports import format_result
from irkg.graph import KnowledgeGraph
from irkg.loaders import load_yaml_files

VALID = (EXAMPLES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
QUERIES = [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5",
    "ASK { country:utopia irkg:memberOf ?bloc }",
    "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }",
    'SELECT ?x (STRLEN(?l) AS ?n) WHERE { ?x rdfs:label ?l FILTER (REGEX(?l, "^U")) }',
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
]
PROBES = settings(
    max_examples=300,
    deadline=3000,  # milliseconds per example: bounded time
    derandomize=True,  # the same examples in every run, so CI is reproducible
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: What one probe may allocate at its peak (Python allocations, traced): the alias bomb
#: and the billion-digit decimal of issue 9 took gigabytes; a small input needs a few MB.
MEMORY_BOUND = 64 * 2**20


@contextmanager
def bounded_memory() -> Iterator[None]:
    """Fail the probe when the code under it allocated more than MEMORY_BOUND at once,
    whether it then answered or raised."""
    tracemalloc.start()
    try:
        yield
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < MEMORY_BOUND, f"peak {peak / 2**20:.0f} MB"


@st.composite
def mutated(draw: st.DrawFn, seeds: list[str]) -> str:
    """A seed text with a few characters inserted, deleted or replaced."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.text(max_size=6))
        cut = draw(st.integers(0, 6))
        text = text[:at] + piece + text[at + cut :]
    return text


@PROBES
@given(text=st.one_of(mutated([VALID]), st.text(max_size=300)))
def test_yaml_loader_gives_a_located_error_or_a_graph(tmp_path: Path, text: str) -> None:
    path = tmp_path / "probe.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        with bounded_memory():
            dataset = load_yaml_files([path])
    except DataError as error:
        assert error.issues and all(issue.file == str(path) for issue in error.issues)
    else:
        assert len(dataset) > 0


@pytest.fixture(scope="module")
def example() -> KnowledgeGraph:
    return KnowledgeGraph(load_yaml_files([EXAMPLES / "valid" / "minimal.yaml"]))


@PROBES
@given(query=st.one_of(mutated(QUERIES), st.text(max_size=200)))
def test_query_gives_a_query_error_or_an_answer(example: KnowledgeGraph, query: str) -> None:
    try:
        with bounded_memory():
            result = example.query(query)
            for fmt in ("table", "json", "csv"):
                format_result(result, fmt)
    except QueryError as error:
        assert str(error)
