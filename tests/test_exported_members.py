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
