"""What each curated data file gave, kept by its content so that a build reads again only
the files that changed.

A build of ``data/`` parses every YAML file into quads; nearly all of them are the same
as last time (a week of news adds a few dozen articles to thousands). :class:`DataCache`
keeps, for each file's exact bytes, what :class:`~irkg.loaders.yaml_loader.DataFile`
the loader made of them (its document, the ids it declares and references, its quads
as N-Quads), under a key that also covers the loader itself: the source of
``irkg.loaders``, ``irkg.iris`` and the ontology, and the versions of rdflib and
Oxigraph. An edit to any of them, or to the file, is a miss; a file with an error is
never kept. Nothing is trusted that was not written whole: entries are written to a
temporary file and renamed, and one that cannot be read is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

if TYPE_CHECKING:
    from irkg.loaders.yaml_loader import DataFile

__all__ = ["DataCache"]

#: Bumped when an entry's layout changes.
_LAYOUT = b"irkg-data-cache-1"


class DataCache:
    """The cache in ``folder`` (made when first written)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        #: Entries this run read or wrote, by key: the rest are pruned (:meth:`prune`).
        self.used: set[str] = set()
        #: How many files were read from the cache, and how many parsed afresh.
        self.hits = 0
        self.misses = 0

    def get(self, path: Path) -> DataFile | None:
        """What the loader made of ``path`` as it is now, if kept; else None."""
        from irkg.loaders.yaml_loader import DataFile

        try:
            key = _key(path.read_bytes())
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            found = DataFile(
                path,
                doc_id=entry["doc_id"],
                declared={k: (line, URIRef(iri)) for k, (line, iri) in entry["declared"].items()},
                references=[tuple(r) for r in entry["references"]],
                nquads=entry["nquads"].encode("utf-8"),
                parsed=True,
            )
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.used.add(key)
        self.hits += 1
        return found

    def put(self, data_file: DataFile, content: bytes) -> None:
        """Keep what the loader made of ``content`` (the bytes it read), unless the file
        has changed since (then the next build reads it again)."""
        try:
            if data_file.path.read_bytes() != content:
                return
        except OSError:
            return
        key = _key(content)
        entry = {
            "doc_id": data_file.doc_id,
            "declared": {k: [line, str(iri)] for k, (line, iri) in data_file.declared.items()},
            "references": [list(r) for r in data_file.references],
            "nquads": data_file.to_nquads().decode("utf-8"),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=False)
            os.replace(temporary, self.folder / f"{key}.json")
        except OSError:
            return  # a cache that cannot be written only makes the next build slower
        self.used.add(key)

    def prune(self) -> None:
        """Remove the entries this run did not use (files since edited or removed)."""
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.suffix in (".json", ".tmp") and entry.stem not in self.used:
                entry.unlink(missing_ok=True)


def _key(content: bytes) -> str:
    return hashlib.sha256(_loader_fingerprint() + content).hexdigest()


@functools.cache
def _loader_fingerprint() -> bytes:
    """A digest of everything that decides what a data file's quads are (see the module's
    text)."""
    import pyoxigraph
    import rdflib

    package = Path(__file__).resolve().parent.parent
    sources = [*sorted((package / "loaders").glob("*.py")), package / "iris.py"]
    sources += sorted(p for p in (package / "ontology").iterdir() if p.is_file())
    digest = hashlib.sha256(_LAYOUT)
    digest.update(f"{rdflib.__version__} {pyoxigraph.__version__}".encode())
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.digest()
