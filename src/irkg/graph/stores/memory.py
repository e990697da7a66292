"""The default store: rdflib's own, in this process's memory."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Dataset, URIRef

from irkg.graph.settle import Settled
from irkg.graph.stores import Progress

__all__ = ["MemoryStore"]


class MemoryStore:
    """A dataset in memory; queries run in rdflib's engine."""

    native = False

    def __init__(self, dataset: Dataset | None = None) -> None:
        self.spec = "memory"
        self._dataset = dataset if dataset is not None else Dataset(default_union=True)
        self._dataset.default_union = True
        #: How the last load was checked and reasoned over.
        self.settled: Settled | None = None

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def replace(self, dataset: Dataset) -> int:
        self._dataset = dataset
        self._dataset.default_union = True
        return len(self)

    def add(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        *,
        check: bool = True,
        reason: bool = True,
    ) -> int:
        from irkg.graph.settle import settle
        from irkg.loaders import load_rdf_files

        loaded = load_rdf_files(list(paths))
        for path in paths:
            if progress is not None:
                progress.read(path.stat().st_size, 0)
        new = [q for q in loaded.quads((None, None, None, None)) if q not in self._dataset]
        graphs = {g for *_, g in new if isinstance(g, URIRef)}
        self._dataset.addN(new)  # type: ignore[arg-type]
        try:
            self.settled = settle(
                self._dataset,
                None,
                graphs=graphs,
                files=paths,
                check=check,
                reason=reason,
                phase=progress.phase if progress is not None else None,
            )
        except BaseException:
            for quad in new:
                self._dataset.remove(quad)  # type: ignore[arg-type]
            raise
        return len(self)

    def __len__(self) -> int:
        return sum(1 for _ in self._dataset.quads((None, None, None, None)))

    def close(self) -> None:
        pass
