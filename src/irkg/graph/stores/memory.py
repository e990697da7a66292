"""The default store: rdflib's own, in this process's memory."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Dataset

__all__ = ["MemoryStore"]


class MemoryStore:
    """A dataset in memory; queries run in rdflib's engine."""

    native = False

    def __init__(self, dataset: Dataset | None = None) -> None:
        self.spec = "memory"
        self._dataset = dataset if dataset is not None else Dataset(default_union=True)
        self._dataset.default_union = True

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def replace(self, dataset: Dataset) -> int:
        self._dataset = dataset
        self._dataset.default_union = True
        return len(self)

    def add(self, paths: Sequence[Path], done: Callable[[int], None] | None = None) -> int:
        from irkg.loaders import load_rdf_files

        self._dataset.addN(load_rdf_files(list(paths)).quads((None, None, None, None)))  # type: ignore[arg-type]
        for path in paths:
            if done is not None:
                done(path.stat().st_size)
        return len(self)

    def __len__(self) -> int:
        return sum(1 for _ in self._dataset.quads((None, None, None, None)))

    def close(self) -> None:
        pass
