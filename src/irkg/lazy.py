"""Package namespaces that import their modules when a name is first used (PEP 562).

``import irkg.cli`` must not pay for rdflib's SPARQL engine, networkx, pyvis and the
rest before a command has even been parsed: each package's ``__init__`` names what it
exports and where from, and the module is imported when the name is first read. Type
checkers read the same names from an ``if TYPE_CHECKING:`` import block; a test checks
that the two agree and that every name of ``__all__`` resolves.

    __getattr__, __dir__ = exports(__name__, {"irkg.graph.figures": ["READINGS"]})
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["exports"]


def exports(
    package: str, sources: Mapping[str, Sequence[str]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, which exports each name of
    ``sources[module]`` from ``module``, imported on first use.

    Example:
        >>> getattr_, dir_ = exports("irkg", {"irkg.errors": ["QueryError"]})
        >>> getattr_("QueryError").__name__
        'QueryError'
        >>> getattr_("Nothing")
        Traceback (most recent call last):
        ...
        AttributeError: module 'irkg' has no attribute 'Nothing'
    """
    where = {name: module for module, names in sources.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # read once: later reads are plain
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *where})

    return __getattr__, __dir__
