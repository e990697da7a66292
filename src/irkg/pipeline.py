"""The build as a library function: data in, exports out, the graph kept for later commands.

:func:`build` loads the curated data into Oxigraph, reasons, validates, checks the
figures and the ledger, writes every export, and keeps the graph in an embedded
Oxigraph store beside the exports (:func:`kept_store`), so that ``irkg ask``, ``query``,
``explore`` and ``serve`` open it instead of parsing ``irkg.trig`` again. It returns a
:class:`BuildReport`; the command line only prints it.

The kept store is trusted only while the exports are the ones it was saved with: a
stamp beside it records the size and modification time of the ``irkg.trig`` it
matches, and :func:`open_built` falls back to reading ``irkg.trig`` when they differ
(exports pulled from git, or a build killed between writing the exports and the store).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from irkg.errors import IrkgError, ValidationError
from irkg.folders import exclusive

if TYPE_CHECKING:
    from irkg.graph.figures import FigureCheck
    from irkg.graph.knowledge_graph import GraphStats, KnowledgeGraph
    from irkg.graph.ledger import LedgerReport
    from irkg.graph.stores import Store
    from irkg.loaders.cache import DataCache

__all__ = ["BuildReport", "build", "kept_store", "open_built", "project_cache"]

#: The export a kept store is stamped against: the graph with every named graph.
_STAMPED = "irkg.trig"


@dataclass(frozen=True)
class BuildReport:
    """What a build made: the graph's counts, the checks, the files written, and where
    the graph was saved."""

    stats: GraphStats
    ledger: LedgerReport
    figure_checks: list[FigureCheck]
    written: list[Path]
    #: The spec of the store the graph was saved into (the kept store by default).
    store: str
    #: How many quads the store holds.
    saved: int
    #: Documents the store held that the data does not (gone with this build).
    dropped: list[str] = field(default_factory=list)
    #: Data files parsed afresh, and read as they were from the build's cache.
    parsed: int = 0
    reused: int = 0
    #: Seconds the build took.
    seconds: float = 0.0


def build(
    data_dir: Path | str = "data",
    out_dir: Path | str = "exports",
    *,
    reason: bool = True,
    store: str | None = None,
) -> BuildReport:
    """Build the graph of ``data_dir``, write its exports into ``out_dir`` and save it
    into ``store`` (by default the kept store of ``out_dir``: :func:`kept_store`).

    Raises:
        DataError: if the data has errors; every problem is listed, nothing is written.
        ValidationError: if the graph breaks a shape; nothing is written.

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "exports"
        >>> report = build("data", out)
        >>> report.store == f"oxigraph:{kept_store(out)}", report.stats.graphs
        (True, 27)
        >>> open_built(out).members_of("EAEU")[0].label
        'Armenia'
    """
    from irkg.exports import write_exports
    from irkg.graph.knowledge_graph import KnowledgeGraph
    from irkg.loaders.cache import DataCache

    started = time.perf_counter()
    cache = DataCache(_cache_path(out_dir))
    kg = KnowledgeGraph.from_data(data_dir, reason=reason, cache=cache)
    report = kg.validate()
    if not report.conforms:
        raise ValidationError(f"{report}\nNothing was written.")
    stats = kg.stats()
    checks = kg.check_figures()
    ledger = kg.check_ledger()
    kept = store is None
    spec = store if store is not None else f"oxigraph:{kept_store(out_dir)}"
    # One build at a time writes an exports folder: another's exports between this one's
    # and its store would leave a stamp that vouches for the wrong store.
    out = Path(out_dir)
    # (``.`` has no name to lock beside it: the exports refuse to replace it anyway.)
    with exclusive(out) if out.name else contextlib.nullcontext():
        target = _target(spec, kept_store(out_dir) if kept else None)
        written = write_exports(kg, out_dir)
        dropped = _documents_only_in(spec, kg)
        stamp = _stamp_path(out_dir)
        if kept:
            stamp.unlink(missing_ok=True)  # until the store matches the new exports
        saved = target.replace(kg.store.quads())
        if kept:
            from irkg.exports.files import write_atomic

            write_atomic(stamp, json.dumps(_stat(Path(out_dir) / _STAMPED)) + "\n")
    return BuildReport(
        stats=stats,
        ledger=ledger,
        figure_checks=checks,
        written=written,
        store=spec,
        saved=saved,
        dropped=dropped,
        parsed=cache.misses,
        reused=cache.hits,
        seconds=time.perf_counter() - started,
    )


def _target(spec: str, kept: Path | None) -> Store:
    """The store a build saves into, refused before anything is written if something is
    in its way. A kept store whose files are damaged is irkg's own copy of the exports:
    it is made again."""
    from irkg.graph.stores import open_store
    from irkg.graph.stores.oxigraph import OxigraphFolder

    if kept is not None:
        folder = OxigraphFolder(kept)
        if folder.broken():
            folder.destroy()
        folder.writable()
        return folder
    target = open_store(spec)
    target.writable()
    return target


def kept_store(out_dir: Path | str = "exports") -> Path:
    """The folder where a build into ``out_dir`` keeps its graph: ``.irkg/NAME`` beside
    it (``.irkg/exports`` for ``exports/``), out of the published files.

    Example:
        >>> kept_store("exports")
        PosixPath('.irkg/exports')
    """
    out = Path(out_dir)
    name = out.name or Path(os.path.realpath(out)).name
    return out.parent / ".irkg" / name


def open_built(out_dir: Path | str = "exports") -> KnowledgeGraph | None:
    """The graph a build into ``out_dir`` kept, opened read-only, if it still matches the
    exports there (see the module's text); else None."""
    from irkg.graph.knowledge_graph import KnowledgeGraph

    try:
        recorded = json.loads(_stamp_path(out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if recorded != _stat(Path(out_dir) / _STAMPED):
        return None
    try:
        return KnowledgeGraph.open(f"oxigraph:{kept_store(out_dir)}")
    except IrkgError:
        return None


def project_cache(data_dir: Path | str) -> DataCache:
    """The cache a build of the project whose data is ``data_dir`` keeps (its exports
    beside it: ``.irkg/exports.cache``), for a command that reads the same data
    (``irkg accept``, ``irkg ingest``): files unchanged since the last build are not
    parsed again."""
    from irkg.loaders.cache import DataCache

    return DataCache(_cache_path(Path(data_dir).parent / "exports"))


def _cache_path(out_dir: Path | str) -> Path:
    """Where a build into ``out_dir`` keeps what each data file gave
    (:mod:`irkg.loaders.cache`): ``.irkg/NAME.cache`` beside the kept store."""
    folder = kept_store(out_dir)
    return folder.parent / f"{folder.name}.cache"


def _stamp_path(out_dir: Path | str) -> Path:
    folder = kept_store(out_dir)
    return folder.parent / f"{folder.name}.stamp"


def _stat(path: Path) -> dict[str, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return {"size": found.st_size, "mtime_ns": found.st_mtime_ns}


def _documents_only_in(store: str, kg: KnowledgeGraph) -> list[str]:
    """The documents ``store`` holds that ``kg`` (about to replace it) does not."""
    from irkg.graph.knowledge_graph import KnowledgeGraph

    query = (
        "SELECT DISTINCT ?doc WHERE { VALUES ?kind { irkg:SourceDocument irkg:NewsArticle } "
        "GRAPH graph:provenance { ?doc a ?kind } }"
    )
    try:
        old = {str(row[0]) for row in KnowledgeGraph.open(store).query(query, own=True)}  # type: ignore[index]
    except IrkgError:
        return []  # no store yet, or one irkg cannot read: saving says so
    new = {str(row[0]) for row in kg.query(query, own=True)}  # type: ignore[index]
    return sorted(d.rsplit("/id/", 1)[-1] for d in old - new)
