"""Where a graph lives: in memory, in an Oxigraph folder on disk, or (later) a SPARQL server.

A store is named by a spec: ``memory`` (the default: Oxigraph in memory, nothing to start,
gone at exit), ``oxigraph:DIR`` (Oxigraph on disk, reopened instantly by later commands)
or ``sparql:URL``. Each gives an rdflib :class:`~rdflib.Dataset` over its contents and
runs queries in its own engine; :func:`irkg.graph.sparql.run_query` is the one way in.

Writes are all-or-nothing: :meth:`Store.replace` (a build) and :meth:`Store.add` (a load)
make the new contents beside the old and swap them in at once, one writer at a time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rdflib import Dataset

from irkg.errors import StoreError

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["BACKENDS", "STORES", "Backend", "Progress", "Store", "open_store"]


class Progress(Protocol):
    """Told how a load goes, for a progress bar."""

    def read(self, size: int, quads: int) -> None:
        """``size`` more bytes were read, holding ``quads`` more quads (0 when the format
        does not tell without parsing: Turtle, TriG, JSON-LD)."""

    def phase(self, name: str) -> None:
        """The load moved on to ``name`` (``checking``, ``reasoning``)."""


class Store(Protocol):
    """A place that holds a dataset (see the module's text)."""

    #: The spec the store was opened with.
    spec: str
    #: Queries go to the store's own engine as text (rdflib's engine otherwise).
    native: bool

    @property
    def dataset(self) -> Dataset:
        """The store's contents as an rdflib Dataset whose default graph is the union."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in the store's engine (all of it, or nothing)."""
        ...

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad the store holds, in the engine's own terms (in no set order)."""
        ...

    def writable(self) -> None:
        """Raise :class:`~irkg.errors.StoreError` if a write would be refused for what is
        in the store's place: a build asks before it writes anything."""
        ...

    def replace(self, quads: Iterable[ox.Quad]) -> int:
        """Make ``quads`` the store's whole contents (each in a named graph); return how
        many quads the store then holds."""
        ...

    def add(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        *,
        check: bool = True,
        reason: bool = True,
    ) -> int:
        """Add RDF files, each in its own named graph as :mod:`irkg.loaders` reads them,
        check what they add against irkg's shapes and reason over the result
        (:func:`irkg.graph.settle.settle`); return how many quads the store then holds.

        Raises:
            DataError: if a file cannot be read or a new fact breaks a shape (nothing
                is added).
        """
        ...

    def __len__(self) -> int:
        """How many quads the store holds (none if it does not exist yet)."""
        ...

    def close(self) -> None:
        """Let go of the store."""
        ...


@dataclass(frozen=True)
class Backend:
    """One kind of store: the form of its spec, and the class that opens it (imported
    only when a spec names it), by its ``from_spec`` with the spec's part after the
    colon (empty for ``memory``)."""

    #: How a spec names it: ``KIND`` or ``KIND:WHERE``.
    form: str
    module: str
    name: str

    def opener(self) -> Callable[[str], Store]:
        return getattr(importlib.import_module(self.module), self.name).from_spec  # type: ignore[no-any-return]


#: Every kind of store, by the word a spec starts with: a new backend is a module and a
#: line here.
BACKENDS: dict[str, Backend] = {
    "memory": Backend("memory", "irkg.graph.stores.memory", "MemoryStore"),
    "oxigraph": Backend("oxigraph:DIR", "irkg.graph.stores.oxigraph", "OxigraphFolder"),
    "sparql": Backend("sparql:URL", "irkg.graph.stores.sparql", "SparqlServer"),
}

#: The kinds of store, as a spec names them.
STORES = tuple(backend.form for backend in BACKENDS.values())


def open_store(spec: str = "memory", *, dataset: Dataset | None = None) -> Store:
    """Open the store ``spec`` names (see :data:`BACKENDS`).

    Args:
        spec: ``memory``, ``oxigraph:DIR`` or ``sparql:URL`` (a query endpoint).
        dataset: for ``memory``, the dataset to hold (a new empty one by default).

    Raises:
        StoreError: if the spec is unknown, or the store cannot be opened.

    Example:
        >>> import tempfile
        >>> store = open_store("oxigraph:" + tempfile.mkdtemp() + "/kg")
        >>> store.native
        True
        >>> store.dataset
        Traceback (most recent call last):
        ...
        irkg.errors.StoreError: /tmp/.../kg: no store here; make one with ...
    """
    kind, _, where = spec.partition(":")
    backend = BACKENDS.get(kind)
    if backend is None or bool(where) != (":" in backend.form):
        raise StoreError(f"unknown store {spec!r}; expected one of: {', '.join(STORES)}")
    if dataset is not None:
        if kind != "memory":
            raise StoreError(f"{spec}: only a memory store is made from a dataset")
        from irkg.graph.stores.memory import MemoryStore

        return MemoryStore(dataset)
    return backend.opener()(where)
