"""An Oxigraph store in a folder: embedded, persistent, and queried by Oxigraph's engine.

Readers open the folder read-only. A writer holds the folder's lock, makes the new
contents in a hidden sibling folder (a cheap hard-linked backup of the old ones, plus what
it adds) and swaps that folder in at once (:func:`irkg.folders.replace_folder`): a write
killed midway leaves the store as it was, and a second writer is refused.

Oxigraph's loader takes what irkg's own refuses (a control character in a text, a whole
number too long for Python to read, a literal that is no value of its datatype): so each
file it loaded is read again by Oxigraph's parser, alone, and its literals are held to
irkg's rules (:func:`_refused_literals`); one is enough to refuse the load.
"""

from __future__ import annotations

import io
import logging
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from irkg.errors import DataError, Issue, StoreError
from irkg.folders import exclusive, replace_folder
from irkg.graph.settle import Settled, clashes, settle
from irkg.graph.stores import Progress
from irkg.graph.stores.engine import over
from irkg.iris import PROVENANCE_GRAPH
from irkg.loaders.rdf_loader import FileSource, LiteralNoise
from irkg.loaders.text import BAD_TEXT, TEXT_RULE
from irkg.ontology.namespaces import RDF, XSD

__all__ = ["OxigraphFolder", "load_files", "ox_quads"]

#: Formats Oxigraph parses itself, fast and without keeping the file in memory. JSON-LD
#: goes through irkg's own loader, sealed, so that no context is ever fetched.
_NATIVE = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}


class OxigraphFolder:
    """The Oxigraph store kept in ``folder`` (see the module's text)."""

    native = True

    def __init__(self, folder: Path) -> None:
        # A link to a store is the store: written through, locked by its real path.
        self.folder = folder.resolve() if folder.is_symlink() else folder
        self.spec = f"oxigraph:{folder}"
        self._store: ox.Store | None = None
        self._dataset: Dataset | None = None
        #: How the last load was checked and reasoned over.
        self.settled: Settled | None = None

    @classmethod
    def from_spec(cls, where: str) -> OxigraphFolder:
        """The store ``oxigraph:DIR`` names."""
        return cls(Path(where))

    def _opened(self) -> ox.Store:
        if self._store is None:
            if self.folder.exists() and not self.folder.is_dir():
                raise StoreError(f"{self.folder}: is a file, not a store folder")
            if not self.folder.is_dir() or not any(self.folder.iterdir()):
                raise StoreError(
                    f"{self.folder}: no store here; make one with "
                    f"`irkg build --store {self.spec}` or `irkg load FILE --store {self.spec}`"
                )
            self._store = _read_only(self.folder)
        return self._store

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = over(self._opened(), read_only=True)
        return self._dataset

    def __len__(self) -> int:
        return len(self._opened()) if _is_store(self.folder) else 0

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._opened())

    def replace(self, quads: Iterable[ox.Quad]) -> int:
        def fill(staging: Path) -> None:
            store = ox.Store(str(staging))
            store.bulk_extend(quads)
            store.flush()

        self._write(fill)
        return len(self)

    def add(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        *,
        check: bool = True,
        reason: bool = True,
    ) -> int:
        if _is_store(self.folder):
            clashing = clashes(self.dataset, paths)
            if clashing:
                raise DataError(clashing)

        def fill(staging: Path) -> None:
            before: set[URIRef] | None = None
            if _is_store(self.folder):
                staging.rmdir()  # a backup makes its own folder
                old = _read_only(self.folder)
                before = _named(old)
                old.backup(str(staging))
            store = ox.Store(str(staging))
            try:
                self.settled = load_files(
                    store, paths, before, progress, check=check, reason=reason
                )
                store.flush()
            except BaseException as exc:
                # Close the staging store before its folder is removed: nothing here, and
                # no frame below (the traceback holds them), may keep it open.
                store = None  # type: ignore[assignment]
                exc.__traceback__ = None
                raise

        self._write(fill)
        return len(self)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the store, all or nothing, as a write (see the module's
        text)."""

        def fill(staging: Path) -> None:
            staging.rmdir()  # a backup makes its own folder
            _read_only(self.folder).backup(str(staging))
            store = ox.Store(str(staging))
            try:
                store.update(sparql)
                store.flush()
            finally:
                store = None  # type: ignore[assignment]

        if not _is_store(self.folder):
            self._opened()  # says there is no store here
        self._write(fill)

    def _write(self, fill: Callable[[Path], None]) -> None:
        self.close()
        self.writable()
        with exclusive(self.folder):
            try:
                replace_folder(self.folder, fill)
            except OSError as exc:
                raise StoreError(f"{self.folder}: cannot write the store: {exc}") from exc

    def writable(self) -> None:
        """Refuse to replace what is not a store: a file, or a folder of other things (a
        write swaps the whole folder).

        Raises:
            StoreError: naming the folder and what is in the way.
        """
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreError(f"{self.folder}: is a file, not a store folder")
        if self.folder.is_dir() and any(self.folder.iterdir()) and not _is_store(self.folder):
            raise StoreError(
                f"{self.folder}: holds files that are not an Oxigraph store; irkg writes only "
                "into a store it made, or an empty or new folder"
            )

    def close(self) -> None:
        self._dataset = None
        self._store = None

    def broken(self) -> bool:
        """Whether the folder holds an Oxigraph store that cannot be read (its files
        damaged): a folder of RocksDB's own files that does not open."""
        if not self.folder.is_dir() or not any(
            (self.folder / name).exists() for name in _ROCKSDB_MARKS
        ):
            return False
        try:
            _read_only(self.folder)
        except StoreError:
            return True
        return False

    def destroy(self) -> None:
        """Remove the store's folder."""
        self.close()
        with exclusive(self.folder):
            shutil.rmtree(self.folder, ignore_errors=True)


def load_files(
    store: ox.Store,
    paths: Sequence[Path],
    before: set[URIRef] | None,
    progress: Progress | None,
    *,
    check: bool,
    reason: bool,
) -> Settled:
    """Add RDF files to ``store`` (which holds the graphs ``before``, or is new), then
    check and reason over what they add (:func:`irkg.graph.settle.settle`).

    Raises:
        DataError: if a file cannot be read or a new fact breaks a shape; ``store`` is
            then left half-written, for the caller to throw away.
    """
    problems: list[Issue] = []
    for path in paths:
        _load_file(store, Path(path), problems, progress)
    if problems:
        raise DataError(problems)
    graphs = None
    if before:  # the graphs the files made, or added to
        graphs = (_named(store) - before) | {FileSource.of(Path(p)).graph for p in paths}
    contents = over(store)
    return settle(
        contents,
        store.update,
        graphs=graphs,
        files=paths,
        check=check,
        reason=reason,
        phase=progress.phase if progress is not None else None,
    )


def _named(store: ox.Store) -> set[URIRef]:
    """The named graphs ``store`` holds."""
    return {URIRef(g.value) for g in store.named_graphs() if isinstance(g, ox.NamedNode)}


#: Files RocksDB writes into every store folder, whatever state the store is in.
_ROCKSDB_MARKS = ("IDENTITY", "LOCK", "CURRENT")


def _is_store(folder: Path) -> bool:
    """Whether ``folder`` looks like an Oxigraph (RocksDB) store: a CURRENT file naming a
    MANIFEST beside it."""
    current = folder / "CURRENT"
    try:
        return current.is_file() and (folder / current.read_text("ascii").strip()).is_file()
    except (OSError, UnicodeDecodeError):
        return False


def _read_only(folder: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as exc:  # RocksDB says "Corruption: ..." as RuntimeError
        raise StoreError(f"{folder}: not a readable Oxigraph store: {exc}") from exc


def _load_file(
    store: ox.Store, path: Path, problems: list[Issue], progress: Progress | None
) -> None:
    """Add one file: triples into the file's own graph, with its provenance."""
    from irkg.loaders.rdf_loader import load_rdf_files

    fmt = _NATIVE.get(path.suffix.lower())
    if fmt is None:  # JSON-LD, or a suffix the loader names in its error
        try:
            dataset = load_rdf_files([path])
        except DataError as exc:
            problems.extend(exc.issues)
            return
        store.bulk_extend(ox_quads(dataset.quads((None, None, None, None))))
        if progress is not None:
            progress.read(path.stat().st_size, 0)
        return
    source = FileSource.of(path)
    graph = ox.NamedNode(str(source.graph))
    try:
        with path.open("rb") as raw:
            reader = cast(IO[bytes], _Counted(raw, fmt, progress)) if progress else raw
            store.bulk_load(reader, format=fmt, base_iri=source.base, to_graph=graph)
    except SyntaxError as exc:
        problems.append(
            Issue(str(path), getattr(exc, "lineno", None), None, None, f"syntax error: {exc.msg}")
        )
        return
    except OSError as exc:
        problems.append(Issue(str(path), None, None, None, f"cannot read the file: {exc}"))
        return
    except MemoryError as exc:  # Oxigraph's parser holds one statement in a 16 MiB buffer
        problems.append(Issue(str(path), None, None, None, f"a statement is too long: {exc}"))
        return
    refused = _refused_literals(path, fmt, source.base)
    if refused:
        problems.extend(refused)
        return
    # A quad file may put every fact in graphs of its own (irkg ingest's): then the file
    # is no source, as when :func:`irkg.loaders.load_rdf_files` reads it.
    if bool(store.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}")):
        store.extend(ox_quads((*triple, PROVENANCE_GRAPH) for triple in source.provenance(path)))


#: Datatypes whose every text is a value: the only ones not read again by rdflib.
_TEXTS = {str(XSD.string), str(RDF.langString)}
#: How many refused literals a file's error lists.
_SHOWN = 5


def _refused_literals(path: Path, fmt: ox.RdfFormat, base: str) -> list[Issue]:
    """The literals of ``path`` that irkg's loader refuses (see the module's text), each
    named with its triple, up to :data:`_SHOWN`; read by Oxigraph's parser, in one pass
    (a fraction of the time the load takes)."""
    found = []
    terms, noise = logging.getLogger("rdflib.term"), LiteralNoise()
    terms.addFilter(noise)  # rdflib logs a traceback for each literal it cannot read
    try:
        for quad in ox.parse(path=str(path), format=fmt, base_iri=base):
            literal = quad.object
            if isinstance(literal, ox.Literal) and (problem := _refusal(literal)):
                where = f"{_escaped(str(quad.subject))} {_escaped(str(quad.predicate))}"
                line = _line_of(path, literal.value)
                message = f"{problem} (the object of {where})"
                found.append(Issue(str(path), line, None, None, message))
                if len(found) == _SHOWN:
                    break
    finally:
        terms.removeFilter(noise)
    return found


def _refusal(literal: ox.Literal) -> str | None:
    """Why irkg's loader refuses ``literal``, or None."""
    text = literal.value
    if bad := BAD_TEXT.search(text):
        return f"a text holding the character U+{ord(bad[0]):04X}: {TEXT_RULE}"
    datatype = literal.datatype.value
    if datatype in _TEXTS or not Literal(text, datatype=URIRef(datatype)).ill_typed:
        return None
    limit = sys.get_int_max_str_digits()
    digits = len(text.strip().lstrip("+-"))
    if limit and text.strip().lstrip("+-").isdigit() and digits > limit:
        return f"a number of {digits:,} digits: irkg reads whole numbers of at most {limit:,}"
    return f'"{_escaped(text)}" is not a valid <{datatype}>'


def _line_of(path: Path, lexical: str) -> int | None:
    """The first line of ``path`` where ``lexical`` is written quoted, as it reads (not
    with escapes); None if none is. Read a line at a time: only refused files get here."""
    quoted = f'"{lexical}"'.encode()
    if b"\n" in quoted:
        return None
    with path.open("rb") as lines:
        for number, line in enumerate(lines, 1):
            if quoted in line:
                return number
    return None


def _escaped(text: str) -> str:
    """``text`` for an error message: escaped, never more than 80 characters."""
    text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= 80 else text[:77] + "..."


class _Counted(io.RawIOBase):
    """A file that tells ``progress`` how much Oxigraph has read of it (and, in a format
    of one statement per line, how many quads)."""

    def __init__(self, raw: io.BufferedReader, fmt: ox.RdfFormat, progress: Progress) -> None:
        self.raw, self.progress = raw, progress
        self.lines = fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = self.raw.readinto(buffer)
        if size:
            view = memoryview(buffer)[:size]
            self.progress.read(size, view.tobytes().count(b"\n") if self.lines else 0)
        return size or 0


def ox_quads(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> Iterator[ox.Quad]:
    """rdflib quads as Oxigraph's (by oxrdflib's own term converter)."""
    from oxrdflib._converter import to_ox

    for quad in quads:
        converted = to_ox(quad)  # type: ignore[arg-type]
        assert isinstance(converted, ox.Quad)
        yield converted
