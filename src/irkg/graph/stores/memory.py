"""The default store: Oxigraph in this process's memory, the same engine as on disk.

Queries, the shapes' checks and the ontology's rules all run in Oxigraph, here as in an
``oxigraph:DIR`` store: one engine answers everywhere. A load is staged in a copy and
swapped in once it is checked, so a refused load changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from irkg.errors import DataError
from irkg.graph.settle import Settled, clashes
from irkg.graph.stores import Progress
from irkg.graph.stores.engine import over

__all__ = ["MemoryStore"]


class MemoryStore:
    """An Oxigraph store in memory, filled from ``dataset`` if one is given (its quads are
    copied: later changes to ``dataset`` do not reach the store)."""

    native = True

    def __init__(self, dataset: Dataset | None = None, *, inner: ox.Store | None = None) -> None:
        self.spec = "memory"
        #: The Oxigraph store (``inner`` if given: held, not copied).
        self.inner = inner if inner is not None else _filled(dataset)
        self._dataset = over(self.inner)
        #: How the last load was checked and reasoned over.
        self.settled: Settled | None = None

    @classmethod
    def from_spec(cls, where: str) -> MemoryStore:
        """The store ``memory`` names: a new, empty one."""
        return cls()

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in the store's engine."""
        self.inner.update(sparql)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.inner)

    def writable(self) -> None:
        """Nothing is in a new memory store's way."""

    def replace(self, quads: Iterable[ox.Quad]) -> int:
        store = ox.Store()
        store.bulk_extend(quads)
        self.inner, self._dataset = store, over(store)
        return len(self)

    def add(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        *,
        check: bool = True,
        reason: bool = True,
    ) -> int:
        from irkg.graph.stores.oxigraph import load_files

        clashing = clashes(self._dataset, paths)
        if clashing:
            raise DataError(clashing)
        staged = ox.Store()
        staged.bulk_extend(self.inner)
        before = {URIRef(g.value) for g in self.inner.named_graphs() if isinstance(g, ox.NamedNode)}
        self.settled = load_files(
            staged,
            paths,
            before or None,
            progress,
            check=check,
            reason=reason,
        )
        self.inner, self._dataset = staged, over(staged)
        return len(self)

    def __len__(self) -> int:
        return len(self.inner)

    def close(self) -> None:
        pass


def _filled(dataset: Dataset | None) -> ox.Store:
    from irkg.graph.stores.oxigraph import ox_quads

    store = ox.Store()
    if dataset is not None:
        store.bulk_extend(ox_quads(dataset.quads((None, None, None, None))))
    return store
