"""irkg.bounded: what work raises in its child comes back as raised, and `irkg query` and
`irkg ask` stop past --max-memory with a clear error, on every local store, run as a
user runs them (a subprocess, under a safety bound of its own so that a regression
fails here instead of taking the machine's memory)."""

from __future__ import annotations

import itertools
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from irkg.bounded import run_bounded
from irkg.errors import DataError, Issue
from irkg.graph import KnowledgeGraph

BIN = Path(sys.executable).parent
#: Each BIND doubles the string: 2 GiB by the last, in a second or two of any engine.
BOMB = (
    'SELECT (STRLEN(?x30) AS ?n) WHERE { BIND("ab" AS ?x0) '
    + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(30))
    + " }"
)
#: What the whole process tree of a test may hold, whatever irkg does.
SAFETY = 2**30


def safety_bound() -> None:
    """Bound the data of the process about to run (and its children) to :data:`SAFETY`."""
    resource.setrlimit(resource.RLIMIT_DATA, (SAFETY, SAFETY))


def _irkg(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "irkg"), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=safety_bound,
    )


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, memory_kg: KnowledgeGraph, tmp_path: Path) -> list[str]:
    """The options that choose each local store: the built graph's file read into memory,
    or an Oxigraph store of it."""
    if request.param == "memory":
        return ["--graph", str(ROOT / "exports" / "irkg.trig")]
    spec = f"oxigraph:{tmp_path / 'kg'}"
    memory_kg.save(spec)
    return ["--store", spec]


def test_a_query_past_max_memory_is_a_clear_error(store: list[str]) -> None:
    result = _irkg("query", BOMB, "--max-memory", "300", "--timeout", "100", *store)
    assert result.returncode == 4, result.stderr
    assert "the question needed more than 300 MiB of memory (--max-memory)" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "memory allocation" not in result.stderr


def test_questions_within_max_memory_are_answered(store: list[str]) -> None:
    """A store opens, and questions are answered, well within a small bound."""
    counted = _irkg(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--max-memory", "300", *store
    )
    assert counted.returncode == 0, counted.stderr
    assert int(counted.stdout.split()[-1]) > 1000
    asked = _irkg("ask", "members-of", "EAEU", "--format", "csv", *store, cwd=ROOT)
    assert asked.returncode == 0 and "country/armenia" in asked.stdout, asked.stderr


def test_the_memory_bound_comes_from_the_environment_too(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "irkg"), "query", BOMB, "--graph", str(ROOT / "exports" / "irkg.trig")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=safety_bound,
        env={**os.environ, "IRKG_MAX_MEMORY": "200"},
    )
    assert result.returncode == 4, result.stderr
    assert "more than 200 MiB of memory (--max-memory)" in result.stderr


def test_run_bounded_raises_the_childs_error_of_its_own_class_with_its_issues() -> None:
    """A list of issues stays one (printed one line an issue), not a plain error."""
    issues = [Issue("a.rq", 1, None, None, "odd\nname"), Issue("b.ttl", 2, None, None, "bad")]

    def work() -> None:
        raise DataError(issues)

    with pytest.raises(DataError) as caught:
        run_bounded(work, timeout=30)
    assert caught.value.issues == issues and caught.value.exit_code == DataError.exit_code
    assert str(caught.value) == str(DataError(issues))


@pytest.mark.slow
def test_a_bound_too_small_to_read_the_graph_is_said_as_memory_not_bad_data() -> None:
    """A few MiB are too little to read the built graph: the error names the memory
    bound, never a syntax error in good data (however the parser fails)."""
    asked = [("ask", "members-of", "EAEU"), ("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 2")]
    for mib, question in itertools.product(("1", "3", "5", "8"), asked):
        result = _irkg(*question, "--max-memory", mib)
        assert result.returncode == 4, result.stderr
        assert f"needed more than {mib} MiB of memory (--max-memory)" in result.stderr
        assert "syntax error" not in result.stderr and "Traceback" not in result.stderr


def test_a_bound_past_what_the_system_takes_is_no_bound() -> None:
    """A --max-memory larger than setrlimit takes (a C long) answers as unbounded."""
    result = _irkg("ask", "members-of", "EAEU", "--max-memory", str(10**20))
    assert result.returncode == 0, result.stderr
    assert "Armenia" in result.stdout
