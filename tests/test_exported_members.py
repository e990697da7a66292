"""Every public package re-exports its API with a complete, sorted __all__."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

PACKAGES = ["irkg", "irkg.graph", "irkg.loaders", "irkg.exports", "irkg.ontology", "irkg.ingest"]


def _isort_key(name: str) -> tuple[int, str]:
    # The order ruff's RUF022 keeps: CONSTANTS, then Classes, then functions.
    if re.fullmatch(r"[A-Z0-9_]+", name):
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_complete(name: str) -> None:
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported == sorted(exported, key=_isort_key)
    public = {
        attr
        for attr, value in vars(module).items()
        if not attr.startswith("_")
        and not inspect.ismodule(value)
        and getattr(value, "__module__", name).startswith("irkg")
    }
    assert public - set(exported) == set()
    for attr in exported:
        assert hasattr(module, attr)


def _exported_lazily(name: str) -> tuple[set[str], set[str]]:
    """The names a package's ``if TYPE_CHECKING:`` block imports, and those its
    :func:`irkg.lazy.exports` call maps, read from its source."""
    import ast

    module = importlib.import_module(name)
    tree = ast.parse(inspect.getsource(module))
    (block,) = [n for n in tree.body if isinstance(n, ast.If)]
    typed = {
        a.asname or a.name for n in block.body if isinstance(n, ast.ImportFrom) for a in n.names
    }
    (call,) = [n.value for n in block.orelse if isinstance(n, ast.Assign)]
    assert isinstance(call, ast.Call)
    mapping = ast.literal_eval(call.args[1])
    return typed, {n for names in mapping.values() for n in names}


@pytest.mark.parametrize("name", PACKAGES)
def test_lazy_exports_match_what_type_checkers_read(name: str) -> None:
    """What mypy reads (the TYPE_CHECKING imports) is what runs (the lazy map), and both
    are __all__ (but for __version__)."""
    typed, lazy = _exported_lazily(name)
    assert typed == lazy
    module = importlib.import_module(name)
    assert lazy == set(module.__all__) - {"__version__"}
    for attr in lazy:
        assert getattr(module, attr) is not None


def test_import_of_the_command_line_loads_no_heavy_module() -> None:
    """`import irkg.cli` (what every command and `--help` pays first) loads neither the
    RDF stack nor the graph analytics, the explorer or the web server."""
    import subprocess
    import sys

    heavy = ["rdflib", "pyoxigraph", "networkx", "pyshacl", "owlrl", "pyvis", "igraph",
             "numpy", "matplotlib", "starlette", "trafilatura", "rich"]  # fmt: skip
    code = f"import sys, irkg.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
