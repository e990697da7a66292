"""Curated YAML -> RDF quads, with provenance, and errors that say where.

A data file describes one source document::

    document:                      # the source: id, type, label and metadata
      id: doc/moscow-talks
      type: NewsArticle
      label: Top diplomats of India and Russia meet in Moscow
    entities:                      # things this source introduces
      - id: person/s-jaishankar
        type: Person
        label: S. Jaishankar
        aliases: [Subrahmanyam Jaishankar]
    facts:                         # facts the document states as a whole
      - [person/s-jaishankar, participatedIn, event/moscow-talks]
    paragraphs:                    # facts each paragraph states
      - paragraph: 2
        summary: In irkg's own words, what the paragraph says.
        claims:                    # the claims ledger: what the paragraph says, claim by claim
          - claim: Jaishankar, India's foreign minister, put trade in 2021 at 13 billion dollars.
            facts:                 # the facts that carry it: records it declares, or triples
              - [person/s-jaishankar, holdsPost, post/india-external-affairs-minister]
              - obs/trade-2021
          - claim: Something the graph does not model.
            unmodelled: why not
        facts:
          - [person/s-jaishankar, holdsPost, post/india-external-affairs-minister]
          - id: obs/trade-2021      # a record (observation, statement...) is an entity
            type: TradeObservation  # declared where it is stated
            value: 13
            unit: unit/usd-billion

Facts of ``paragraphs[n]`` go into that paragraph's named graph, the rest into the
document's graph; so do the paragraph's claims (``irkg:Claim`` nodes that cite the
records and, reified as ``rdf:Statement``, the triples that carry them). A
provenance graph says which document and paragraph each graph comes from. Property names and classes are the ontology's local names; a value is
checked against the property's range (an id for an object property, a number, a
date or text for a datatype property).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Context, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import MappingNode, SequenceNode
from ruamel.yaml.nodes import Node as Node_

from irkg.errors import DataError, Issue
from irkg.iris import (
    ID_PATTERN,
    PROVENANCE_GRAPH,
    claim_iri,
    document_graph,
    entity_iri,
    id_of,
    mention_iri,
    paragraph_graph,
    statement_iri,
)
from irkg.loaders.files import read_text
from irkg.loaders.text import BAD_TEXT, TEXT_RULE
from irkg.ontology import IRKG, Ontology, Property, load_ontology
from irkg.ontology.namespaces import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

    from irkg.loaders.cache import DataCache

__all__ = [
    "YAML_SUFFIXES",
    "DataFile",
    "data_paths",
    "load_data_dir",
    "load_data_store",
    "load_yaml_files",
    "paragraph_quads",
    "read_data_files",
    "read_yaml",
]

Quad = tuple[Node, Node, Node, URIRef]

_BUILTIN_KEYS = ("id", "type", "label", "aliases", "description")
_TOP_KEYS = ("document", "entities", "facts", "paragraphs")
#: Suffixes of curated data files, in any case.
YAML_SUFFIXES = (".yaml", ".yml")
_PARAGRAPH_KEYS = ("paragraph", "summary", "text", "mentions", "claims", "facts")
_CLAIM_KEYS = ("claim", "facts", "unmodelled")

#: Deepest nesting of mappings and lists a data file may have (the curated format needs 6).
MAX_DEPTH = 40
#: Longest plain number a data file may hold, in characters.
MAX_SCALAR = 60
#: Largest power of ten a decimal value may reach, either way.
MAX_EXPONENT = 30

_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
#: A date as a curated file writes it (ISO 8601, calendar date).
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A number as a curated file writes it: decimal digits, no leading zero, an optional
#: fraction and exponent (13, -2.5, 6.87e10); not 0x1F, 0o17, 017, 1_000, .5 or 13.
_DECIMAL = re.compile(r"[-+]?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_NUMBER = re.compile(r"[-+]?[\d._]+(e[-+]?\d+)?", re.IGNORECASE)


def _compose(text: str) -> Any:
    """The document as mappings and lists that know the line of every key and item.

    libyaml (ruamel.yaml.clib) composes the node tree, six times as fast as ruamel's
    round-trip loader, which gathers comments irkg does not need; scalars are then
    built by ruamel's YAML 1.2 safe constructor. :func:`_scan` has already
    refused aliases and deep nesting, so the walk below stays small.
    """
    yaml = YAML(typ="safe", pure=False)
    node = yaml.compose(text)
    return None if node is None else _build(node, yaml.constructor)


def _build(node: Node_, constructor: Any) -> Any:
    mark = node.start_mark
    if isinstance(node, MappingNode):
        mapping = CommentedMap()
        mapping.lc.line, mapping.lc.col = mark.line, mark.column
        for key_node, value_node in node.value:
            key = _build(key_node, constructor)
            if not isinstance(key, Hashable) or isinstance(key, list | dict):
                raise DuplicateKeyError(None, None, "a key must be plain text", key_node.start_mark)
            if key in mapping:
                problem = f"the key {key!r} appears twice in this mapping"
                raise DuplicateKeyError(None, None, problem, key_node.start_mark)
            mapping[key] = _build(value_node, constructor)
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            mapping.lc.add_kv_line_col(
                key, [key_mark.line, key_mark.column, value_mark.line, value_mark.column]
            )
        return mapping
    if isinstance(node, SequenceNode):
        sequence = CommentedSeq()
        sequence.lc.line, sequence.lc.col = mark.line, mark.column
        for index, item in enumerate(node.value):
            sequence.append(_build(item, constructor))
            sequence.lc.add_kv_line_col(index, [item.start_mark.line, item.start_mark.column])
        return sequence
    try:
        value = constructor.construct_object(node, deep=True)
    except ValueError as exc:  # a timestamp past its range: hour 25, day 32
        problem = f"{node.value} is not a real date and time ({_first_line(exc)})"
        raise _NotReal(None, None, problem, mark) from exc
    return _as_written(value, node.value)


class _NotReal(MarkedYAMLError):
    """A plain scalar YAML reads as a date and time that does not exist (hour 25)."""


def _as_written(value: Any, text: str) -> Any:
    """A plain scalar's value, where YAML reads it as what it is written as: a number
    written in decimal (as a :class:`~decimal.Decimal` if it has a point or exponent, so
    no digit is lost to a float), a date written YYYY-MM-DD. Anything YAML would read
    otherwise (0x1F, 0o17, 1_000, .5, .inf, 20240401 as a date) stays the text it is, for
    the field to accept as text or refuse by what it expected."""
    if isinstance(value, bool) or not isinstance(value, int | float | dt.date):
        return value
    if isinstance(value, dt.datetime):
        return value  # no field takes one: refused by name where it stands
    if isinstance(value, dt.date):
        return value if _ISO_DATE.fullmatch(text) else text
    if not _DECIMAL.fullmatch(text):
        return text
    return value if isinstance(value, int) else Decimal(text)


def _shown(value: Any) -> str:
    """A value as an error message shows it: at most 80 characters."""
    text = str(value) if isinstance(value, Decimal) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _unsafe(char: str) -> str:
    return f"the character U+{ord(char):04X}"


def _real_date(text: str) -> bool:
    try:
        dt.date(*(int(part) for part in text.split("-")))
    except ValueError:
        return False
    return True


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__


@dataclass
class DataFile:
    """What one YAML file contributed: its document, the ids it declares, its quads."""

    path: Path
    doc_id: str | None = None
    declared: dict[str, tuple[int | None, URIRef]] = field(default_factory=dict)
    references: list[tuple[str, int | None, str, str]] = field(default_factory=list)
    quads: list[Quad] = field(default_factory=list)
    parsed: bool = False
    #: The quads as N-Quads, when read from a :class:`~irkg.loaders.cache.DataCache`
    #: (``quads`` is then empty).
    nquads: bytes | None = None

    def to_nquads(self) -> bytes:
        """The file's quads as N-Quads."""
        if self.nquads is not None:
            return self.nquads
        import pyoxigraph as ox
        from oxrdflib._converter import to_ox

        written = ox.serialize((to_ox(q) for q in self.quads), format=ox.RdfFormat.N_QUADS)  # type: ignore[arg-type]
        assert written is not None  # bytes, given no output
        return written

    def to_rdflib(self) -> list[Quad]:
        """The file's quads as rdflib terms."""
        if self.nquads is None:
            return self.quads
        return list(Dataset().parse(data=self.nquads, format="nquads").quads())  # type: ignore[arg-type]


def load_data_dir(data_dir: Path | str, instead: Mapping[Path, Path] | None = None) -> Dataset:
    """Load every ``*.yaml`` (or ``.yml``) file under ``data_dir``, and RDF files, into one Dataset.

    A folder that cannot be read is an error, not a silent skip: a build must never
    lose a source without saying so.

    Args:
        data_dir: the curated data folder (``data/`` in the repository).
        instead: data files to read from elsewhere, ``{file in data_dir: file to read}``
            (a file of data_dir not there yet is added): how ``irkg accept`` tries a
            reviewed file with the rest of the data before it writes anything.

    Returns:
        A Dataset whose default graph is the union of its named graphs.

    Raises:
        DataError: listing every problem in every file, if there is any.

    Example:
        >>> ds = load_data_dir("data")
        >>> from irkg.iris import entity_iri
        >>> (entity_iri("country/india"), RDFS.label, Literal("India")) in ds
        True
    """
    paths, rdf_paths = data_paths(data_dir, instead)
    dataset = load_yaml_files(paths)
    if rdf_paths:
        from irkg.loaders.rdf_loader import load_rdf_files

        dataset.addN(load_rdf_files(rdf_paths).quads((None, None, None, None)))  # type: ignore[arg-type]
    return dataset


def load_data_store(
    data_dir: Path | str,
    cache: DataCache | None = None,
    instead: Mapping[Path, Path] | None = None,
) -> ox.Store:
    """What :func:`load_data_dir` loads (``instead`` as there), straight into a new
    Oxigraph store in memory, each file unchanged since ``cache`` kept it read from there
    (its quads as they were), the rest parsed and kept; entries of files gone or changed
    are then pruned.

    Raises:
        DataError: listing every problem in every file, if there is any.

    Example:
        >>> quads = load_data_dir("data").quads((None, None, None, None))
        >>> len(load_data_store("data")) == len(list(quads))
        True
    """
    import pyoxigraph as ox

    paths, rdf_paths = data_paths(data_dir, instead)
    files = read_data_files(paths, cache)
    store = ox.Store()
    store.bulk_load(b"".join(f.to_nquads() for f in files), format=ox.RdfFormat.N_QUADS)
    if rdf_paths:
        from oxrdflib._converter import to_ox

        from irkg.loaders.rdf_loader import load_rdf_files

        quads = load_rdf_files(rdf_paths).quads((None, None, None, None))
        store.bulk_extend(to_ox(q) for q in quads)  # type: ignore[arg-type,misc]
    if cache is not None:
        cache.prune()
    return store


def data_paths(
    data_dir: Path | str, instead: Mapping[Path, Path] | None = None
) -> tuple[list[Path], list[Path]]:
    """The YAML and the RDF files under ``data_dir``, each list in path order (see
    :func:`load_data_dir` for ``instead``).

    Raises:
        DataError: for a folder that cannot be read or must not be followed, or data
            with no YAML file.
    """
    root = Path(data_dir)
    if not root.is_dir():
        raise DataError([Issue(str(root), None, None, None, "no such data folder")])
    from irkg.loaders.rdf_loader import RDF_FORMATS

    unreadable: list[Issue] = []
    found: list[Path] = []
    for folder, folders, names in os.walk(
        root, onerror=lambda e: unreadable.append(_unreadable(e))
    ):
        folders.sort()
        found += [Path(folder) / name for name in names]
        unreadable.extend(i for name in folders if (i := _not_followed(Path(folder) / name)))
    # Whatever is named like a data file is read, so that one that is not a regular file
    # (a FIFO, a broken link) is an error, not a silent skip.
    paths = sorted(p for p in found if p.suffix.lower() in YAML_SUFFIXES)
    if instead:
        paths = [p for p in paths if p not in instead] + sorted(instead.values())
    rdf_paths = sorted(p for p in found if p.suffix.lower() in RDF_FORMATS)
    if unreadable:
        raise DataError(unreadable)
    if not paths:
        raise DataError([Issue(str(root), None, None, None, "no *.yaml data files found")])
    return paths, rdf_paths


def _not_followed(folder: Path) -> Issue | None:
    """Why a folder found in the data is an error, not a silent skip: it is a link (the
    data is the files under data/, not wherever a link leads), or it is named like a
    data file (someone meant a file)."""
    from irkg.loaders.rdf_loader import RDF_FORMATS

    if folder.is_symlink():
        return Issue(
            str(folder),
            None,
            None,
            None,
            f"a link to the folder {os.readlink(folder)}: irkg reads no folder through a "
            "link (put the files here)",
        )
    if folder.suffix.lower() in (*YAML_SUFFIXES, *RDF_FORMATS):
        return Issue(
            str(folder),
            None,
            None,
            None,
            f"a folder named like a data file ({folder.suffix}): irkg reads files of that "
            "name, so rename the folder",
        )
    return None


def _unreadable(error: OSError) -> Issue:
    """A folder of the data that cannot be listed: its files would be lost without a word."""
    reason = error.strerror or type(error).__name__
    return Issue(str(error.filename), None, None, None, f"cannot read the folder: {reason}")


def load_yaml_files(paths: list[Path]) -> Dataset:
    """Load curated YAML files into one Dataset, checking ids across all of them.

    Raises:
        DataError: listing every problem found; nothing is returned half-loaded.
    """
    dataset = Dataset(default_union=True)
    for data_file in read_data_files(paths):
        dataset.addN(data_file.to_rdflib())  # type: ignore[arg-type]  # rdflib accepts graph IRIs
    return dataset


def read_data_files(paths: Sequence[Path], cache: DataCache | None = None) -> list[DataFile]:
    """What each curated YAML file gives, its ids checked across all of them; files
    unchanged since ``cache`` kept them are not parsed again (:mod:`irkg.loaders.cache`).

    Raises:
        DataError: listing every problem found in any file.
    """
    ontology = load_ontology()
    issues: list[Issue] = []
    files = []
    for path in map(Path, paths):
        if cache is not None and (kept := cache.get(path)) is not None:
            files.append(kept)
            continue
        try:
            content = path.read_bytes() if cache is not None else None
        except OSError:
            content = None  # the loader says why it cannot read it
        before = len(issues)
        files.append(data_file := _FileLoader(path, ontology, issues).load())
        if cache is not None and content is not None and len(issues) == before:
            cache.put(data_file, content)
    _check_ids(files, ontology, issues)
    if issues:
        raise DataError(issues)
    return files


def _check_ids(files: list[DataFile], ontology: Ontology, issues: list[Issue]) -> None:
    """Report duplicate ids, duplicate documents, and references to unknown ids."""
    declared: dict[str, tuple[Path, int | None]] = {}
    for data_file in files:
        for curated_id, (line, _) in data_file.declared.items():
            if curated_id in declared:
                first, first_line = declared[curated_id]
                issues.append(
                    Issue(
                        str(data_file.path),
                        line,
                        curated_id,
                        "id",
                        f"duplicate id, first declared at {first}:{first_line}",
                    )
                )
            else:
                declared[curated_id] = (data_file.path, line)
    if not all(data_file.parsed for data_file in files):
        return  # ids a broken file declares are unknown: reporting them would bury the cause
    known = sorted(declared)
    for data_file in files:
        for curated_id, line, entry, field_name in data_file.references:
            if curated_id not in declared:
                hint = ontology.suggest(curated_id, known)
                issues.append(
                    Issue(
                        str(data_file.path),
                        line,
                        entry,
                        field_name,
                        f"unknown id '{curated_id}': no file declares it{hint}",
                    )
                )


def _line_of(node: Any, key: str | int | None = None) -> int | None:
    """1-based line of a mapping key or sequence item, or of the node itself."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return int(lc.line) + 1
        if isinstance(node, CommentedMap):
            return int(lc.key(key)[0]) + 1
        if isinstance(node, CommentedSeq):
            return int(lc.item(key)[0]) + 1
    except (KeyError, IndexError, TypeError):
        pass
    return int(lc.line) + 1


def read_yaml(path: Path | str) -> Any:
    r"""The document of one YAML file, read with the checks every data file gets: a
    regular UTF-8 file, no aliases, nesting within :data:`MAX_DEPTH`, real dates; none
    of it is built until those pass. Mappings and lists know their lines; a number or a
    date is one only as a curated file writes it (:func:`_as_written`).

    Raises:
        DataError: every problem found, each with the file and its line.

    Example:
        >>> import tempfile, pathlib
        >>> bomb = pathlib.Path(tempfile.mkdtemp()) / "bomb.yaml"
        >>> _ = bomb.write_text("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n")
        >>> try:
        ...     read_yaml(bomb)
        ... except DataError as error:
        ...     print(*(f"{i.line}: {i.message}" for i in error.issues), sep="\n")
        2: YAML aliases (*name) are not allowed: write the value out
        3: YAML aliases (*name) are not allowed: write the value out
    """
    issues: list[Issue] = []
    root = _read(Path(path), issues)
    if issues:
        raise DataError(issues)
    return root


def _read(path: Path, issues: list[Issue]) -> Any:
    """:func:`read_yaml`, adding each problem to ``issues`` (None if there is any)."""

    def error(line: int | None, message: str) -> None:
        issues.append(Issue(str(path), line, None, None, message))

    try:
        text = read_text(path)
    except DataError as exc:
        issues += exc.issues
        return None
    try:
        if not _scan(text, error):
            return None
        root = _compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = f", column {mark.column + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "malformed YAML"
        error(
            line, problem if isinstance(exc, _NotReal) else f"YAML syntax error{column}: {problem}"
        )
        return None
    except (YAMLError, ValueError, RecursionError) as exc:
        error(None, f"YAML error: {_first_line(exc)}")
        return None
    if root is None:
        error(1, "the file is empty: expected document, entities, paragraphs")
    return root


def _scan(text: str, error: Callable[[int | None, str], None]) -> bool:
    """Refuse, before anything is built, what would blow up or mislead when loaded:
    aliases (an alias bomb expands exponentially: said once a line), nesting past
    :data:`MAX_DEPTH`, and plain dates that do not exist. Reports each with its line."""
    depth, ok = 0, True
    aliases: list[int | None] = []
    for event in YAML(typ="safe", pure=False).parse(text):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, AliasEvent):
            aliases.append(line)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                error(line, f"nested more than {MAX_DEPTH} levels deep")
                return False
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            depth -= 1
        elif isinstance(event, ScalarEvent) and not event.style:  # plain: None, or "" (libyaml)
            if _DATE.fullmatch(event.value) and not _real_date(event.value):
                error(line, f"{event.value} is not a real date")
                ok = False
            elif len(event.value) > MAX_SCALAR and _NUMBER.fullmatch(event.value):
                error(line, f"a number of more than {MAX_SCALAR} characters")
                ok = False
    for line in dict.fromkeys(aliases):  # once a line: a bomb's line holds nine
        error(line, "YAML aliases (*name) are not allowed: write the value out")
    return ok and not aliases


class _FileLoader:
    """Turns one YAML file into quads, adding every problem to ``issues``."""

    def __init__(self, path: Path, ontology: Ontology, issues: list[Issue]) -> None:
        self.path = path
        self.ontology = ontology
        self.issues = issues
        self.out = DataFile(path)
        self.classes = ontology.entity_classes()

    def error(self, line: int | None, entry: str | None, fld: str | None, message: str) -> None:
        self.issues.append(Issue(str(self.path), line, entry, fld, message))

    def load(self) -> DataFile:
        root = _read(self.path, self.issues)
        if root is None:
            return self.out
        self.out.parsed = True
        if not isinstance(root, CommentedMap):
            self.error(1, None, None, "expected a mapping with document, entities, paragraphs")
            return self.out
        for key in root:
            if key not in _TOP_KEYS:
                hint = self.ontology.suggest(str(key), list(_TOP_KEYS))
                self.error(_line_of(root, key), None, str(key), f"unknown top-level key{hint}")
        doc = root.get("document")
        if not isinstance(doc, CommentedMap):
            self.error(_line_of(root, "document") or 1, None, "document", "expected a mapping")
            return self.out
        doc_graph = self._document(doc)
        if doc_graph is None:
            return self.out
        for item, line in self._items(root, "entities", None):
            self._node(item, line, doc_graph)
        for item, line in self._items(root, "facts", None):
            self._fact(item, line, doc_graph)
        self._paragraphs(root)
        return self.out

    def _items(
        self, parent: CommentedMap, key: str, entry: str | None
    ) -> Iterator[tuple[Any, int | None]]:
        value = parent.get(key)
        if value is None:
            return
        if not isinstance(value, CommentedSeq):
            self.error(_line_of(parent, key), entry, key, "expected a list")
            return
        for index, item in enumerate(value):
            yield item, _line_of(value, index)

    # -- the document and its paragraphs ---------------------------------------------

    def _document(self, doc: CommentedMap) -> URIRef | None:
        doc_id = doc.get("id")
        if (
            not isinstance(doc_id, str)
            or not doc_id.startswith("doc/")
            or not ID_PATTERN.fullmatch(doc_id)
        ):
            self.error(_line_of(doc, "id"), None, "document.id", "expected an id like doc/name")
            return None
        self.out.doc_id = doc_id
        graph = document_graph(doc_id)
        type_name = doc.get("type")
        if not (
            isinstance(type_name, str)
            and type_name in self.classes
            and self.ontology.is_subclass(self.classes[type_name], IRKG.SourceDocument)
        ):
            self.error(
                _line_of(doc, "type"), doc_id, "type", "expected SourceDocument or NewsArticle"
            )
        self._node(doc, _line_of(doc), PROVENANCE_GRAPH)
        self._graph_metadata(graph, doc_id, None, None)
        return graph

    def _graph_metadata(
        self, graph: URIRef, doc_id: str, paragraph: int | None, summary: str | None
    ) -> None:
        add = self.out.quads.append
        add((graph, RDF.type, IRKG.AssertionGraph, PROVENANCE_GRAPH))
        add((graph, PROV.wasDerivedFrom, entity_iri(doc_id), PROVENANCE_GRAPH))
        if paragraph is not None:
            add((graph, IRKG.paragraph, Literal(paragraph), PROVENANCE_GRAPH))
        if summary:
            add((graph, IRKG.summary, Literal(summary), PROVENANCE_GRAPH))

    def _paragraphs(self, root: CommentedMap) -> None:
        assert self.out.doc_id is not None
        seen: dict[int, int | None] = {}
        for para, line in self._items(root, "paragraphs", None):
            if not isinstance(para, CommentedMap):
                self.error(line, None, "paragraphs", "expected a mapping with paragraph, facts")
                continue
            for key in para:
                if key not in _PARAGRAPH_KEYS:
                    hint = self.ontology.suggest(str(key), list(_PARAGRAPH_KEYS))
                    self.error(_line_of(para, key), None, str(key), f"unknown key{hint}")
            number = para.get("paragraph")
            where = f"paragraph {number}"
            if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                self.error(
                    _line_of(para, "paragraph"), None, "paragraph", "expected a number from 1"
                )
                continue
            if number in seen:
                self.error(line, where, "paragraph", f"listed twice (first at line {seen[number]})")
                continue
            seen[number] = line
            summary = para.get("summary")
            if summary is not None:
                summary = self._text(summary, _line_of(para, "summary"), where, "summary")
            graph = paragraph_graph(self.out.doc_id, number)
            self._graph_metadata(graph, self.out.doc_id, number, summary)
            self._mentions(para, where, number)
            first_quad, declared_before = len(self.out.quads), set(self.out.declared)
            for item, item_line in self._items(para, "facts", where):
                self._fact(item, item_line, graph)
            stated = {q[:3] for q in self.out.quads[first_quad:]}
            declared = [i for i in self.out.declared if i not in declared_before]
            for index, (item, item_line) in enumerate(self._items(para, "claims", where), 1):
                self._claim(item, item_line, where, graph, (number, index), stated, declared)

    # -- an ingested paragraph's text and mentions -------------------------------------

    def _mentions(self, para: CommentedMap, where: str, number: int) -> None:
        """The paragraph's ``text`` as read, and its ``mentions``: ``[id, begin, end]``, the
        entity a span of the text names (as ``irkg ingest`` writes them)."""
        assert self.out.doc_id is not None
        text = para.get("text")
        if text is not None:
            text = self._text(text, _line_of(para, "text"), where, "text")
        spans: list[tuple[str, int, int]] = []
        for item, line in self._items(para, "mentions", where):
            if text is None:
                self.error(line, where, "mentions", "mentions need the paragraph's text")
                return
            if not (
                isinstance(item, CommentedSeq)
                and len(item) == 3
                and all(type(i) is int for i in item[1:])
            ):
                self.error(line, where, "mentions", "expected [id, begin, end]")
                continue
            curated_id, begin, end = item
            if not 0 <= begin < end <= len(text):
                self.error(
                    line,
                    where,
                    "mentions",
                    f"{begin}-{end} is not a span of the text (0 to {len(text)})",
                )
                continue
            if any(b == begin and e == end for _, b, e in spans):
                self.error(line, where, "mentions", f"{begin}-{end} is listed twice")
                continue
            if self._reference(curated_id, line, where, "mentions") is not None:
                spans.append((curated_id, begin, end))
        if text is not None:
            self.out.quads += paragraph_quads(self.out.doc_id, number, text, spans)

    # -- the claims ledger -----------------------------------------------------------

    def _claim(
        self,
        item: Any,
        line: int | None,
        where: str,
        graph: URIRef,
        position: tuple[int, int],
        stated: set[tuple[Node, Node, Node]],
        declared: list[str],
    ) -> None:
        """One claim of a paragraph: its text, and the facts that carry it or why none do."""
        assert self.out.doc_id is not None
        if not isinstance(item, CommentedMap):
            self.error(
                line, where, "claims", "expected a mapping with claim, and facts or unmodelled"
            )
            return
        for key in item:
            if key not in _CLAIM_KEYS:
                hint = self.ontology.suggest(str(key), list(_CLAIM_KEYS))
                self.error(_line_of(item, key), where, str(key), f"unknown key{hint}")
        text, facts, reason = item.get("claim"), item.get("facts"), item.get("unmodelled")
        text = self._text(text, _line_of(item, "claim"), where, "claim")
        if text is None:
            return
        if (facts is None) == (reason is None):
            self.error(line, where, "claim", "expected either facts or unmodelled (not both)")
            return
        claim = claim_iri(self.out.doc_id, *position)
        add = self.out.quads.append
        add((claim, RDF.type, IRKG.Claim, graph))
        add((claim, IRKG.text, Literal(text), graph))
        add((claim, IRKG.claimNumber, Literal(position[1]), graph))
        if reason is not None:
            reason = self._text(reason, _line_of(item, "unmodelled"), where, "unmodelled")
            if reason is not None:
                add((claim, IRKG.unmodelledBecause, Literal(reason), graph))
            return
        if not isinstance(facts, CommentedSeq) or not facts:
            self.error(_line_of(item, "facts"), where, "facts", "expected a list of facts")
            return
        for index, ref in enumerate(facts):
            ref_line = _line_of(facts, index)
            for carrier, triple in self._carriers(
                ref, ref_line, where, stated, declared, position[0]
            ):
                add((claim, IRKG.carriedBy, carrier, graph))
                if triple is not None:
                    s, p, o = triple
                    add((carrier, RDF.type, RDF.Statement, graph))
                    add((carrier, RDF.subject, s, graph))
                    add((carrier, RDF.predicate, p, graph))
                    add((carrier, RDF.object, o, graph))

    def _carriers(
        self,
        ref: Any,
        line: int | None,
        where: str,
        stated: set[tuple[Node, Node, Node]],
        declared: list[str],
        paragraph: int,
    ) -> list[tuple[URIRef, tuple[Node, Node, Node] | None]]:
        """What one entry of a claim's facts names: a record's IRI, or triples to reify."""
        assert self.out.doc_id is not None
        if isinstance(ref, str):
            if ref not in declared:
                self.error(
                    line,
                    where,
                    "claims",
                    f"the claim names '{ref}', which this paragraph does not declare "
                    "(name a record or entity declared under its facts, or a triple it states)",
                )
                return []
            return [(entity_iri(ref), None)]
        if not (isinstance(ref, CommentedSeq) and len(ref) == 3):
            self.error(
                line, where, "claims", "expected a declared id or [subject, property, object]"
            )
            return []
        subject, prop_name, value = ref
        s = self._reference(subject, line, where, "claims")
        prop = self._property(prop_name, line, where)
        if s is None or prop is None:
            return []
        out: list[tuple[URIRef, tuple[Node, Node, Node] | None]] = []
        for o in self._values(prop, value, line, where):
            triple = (s, prop.iri, o)
            if triple not in stated:
                shown = f"[{subject}, {prop_name}, {id_of(o) if isinstance(o, URIRef) else o}]"
                self.error(
                    line,
                    where,
                    "claims",
                    f"the claim names {shown}, which this paragraph does not state",
                )
                continue
            out.append((statement_iri(self.out.doc_id, paragraph, triple), triple))
        return out

    # -- facts and nodes -------------------------------------------------------------

    def _fact(self, item: Any, line: int | None, graph: URIRef) -> None:
        if isinstance(item, CommentedMap):
            self._node(item, line, graph)
            return
        if not (isinstance(item, CommentedSeq) and len(item) == 3):
            self.error(line, None, "facts", "expected [subject, property, object] or a record")
            return
        subject, prop_name, value = item
        entry = str(subject)
        s = self._reference(subject, line, entry, "subject")
        prop = self._property(prop_name, line, entry)
        if s is None or prop is None:
            return
        for o in self._values(prop, value, line, entry):
            self.out.quads.append((s, prop.iri, o, graph))

    def _text(self, value: Any, line: int | None, entry: str | None, fld: str) -> str | None:
        """Text from the data, stripped; None (with a located error) if it is not clean text."""
        if not isinstance(value, str) or not value.strip():
            self.error(line, entry, fld, "expected non-empty text")
            return None
        bad = BAD_TEXT.search(value)
        if bad:
            self.error(line, entry, fld, f"{_unsafe(bad[0])}: {TEXT_RULE}")
            return None
        return value.strip()

    def _node(self, node: Any, line: int | None, graph: URIRef) -> None:
        if not isinstance(node, CommentedMap):
            self.error(line, None, None, "expected a mapping with id, type, label")
            return
        curated_id = node.get("id")
        if not isinstance(curated_id, str) or not ID_PATTERN.fullmatch(curated_id):
            self.error(
                _line_of(node, "id"),
                None,
                "id",
                f"expected an id like kind/name, got {curated_id!r}",
            )
            return
        if curated_id in self.out.declared:
            first = self.out.declared[curated_id][0]
            self.error(line, curated_id, "id", f"duplicate id, first declared at line {first}")
            return
        s = entity_iri(curated_id)
        self.out.declared[curated_id] = (line, s)
        add = self.out.quads.append
        self._node_type(node, curated_id, s, graph)
        label = self._text(node.get("label"), _line_of(node, "label"), curated_id, "label")
        if label is not None:
            add((s, RDFS.label, Literal(label), graph))
        aliases = node.get("aliases", [])
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            self.error(_line_of(node, "aliases"), curated_id, "aliases", "expected a list of text")
        else:
            for alias in aliases:
                text = self._text(alias, _line_of(node, "aliases"), curated_id, "aliases")
                if text is not None:
                    add((s, SKOS.altLabel, Literal(text), graph))
        description = node.get("description")
        if description is not None:
            line = _line_of(node, "description")
            text = self._text(description, line, curated_id, "description")
            if text is not None:
                add((s, DCTERMS.description, Literal(text), graph))
        for key, value in node.items():
            if key in _BUILTIN_KEYS:
                continue
            key_line = _line_of(node, key)
            prop = self._property(key, key_line, curated_id)
            if prop is None:
                continue
            for o in self._values(prop, value, key_line, curated_id):
                add((s, prop.iri, o, graph))

    def _node_type(self, node: CommentedMap, curated_id: str, s: URIRef, graph: URIRef) -> None:
        type_names = node.get("type")
        if isinstance(type_names, str):
            type_names = [type_names]
        if not isinstance(type_names, list) or not type_names:
            self.error(_line_of(node, "type"), curated_id, "type", "expected a class name")
            return
        for name in type_names:
            cls = self.classes.get(str(name))
            if cls is None:
                hint = self.ontology.suggest(str(name), self.classes)
                self.error(
                    _line_of(node, "type"), curated_id, "type", f"unknown class '{name}'{hint}"
                )
            else:
                self.out.quads.append((s, RDF.type, cls, graph))

    def _property(self, name: Any, line: int | None, entry: str) -> Property | None:
        prop = self.ontology.properties.get(str(name))
        if prop is None:
            hint = self.ontology.suggest(str(name), self.ontology.properties)
            self.error(line, entry, str(name), f"unknown property{hint}")
        return prop

    def _reference(self, value: Any, line: int | None, entry: str, fld: str) -> URIRef | None:
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            self.error(line, entry, fld, f"expected an id like kind/name, got {value!r}")
            return None
        self.out.references.append((value, line, entry, fld))
        return entity_iri(value)

    def _values(self, prop: Property, value: Any, line: int | None, entry: str) -> list[Node]:
        values = list(value) if isinstance(value, list) else [value]
        out: list[Node] = []
        for v in values:
            node = (
                self._reference(v, line, entry, prop.name)
                if prop.is_object
                else self._literal(prop, v, line, entry)
            )
            if node is not None:
                out.append(node)
        return out

    def _literal(self, prop: Property, value: Any, line: int | None, entry: str) -> Literal | None:
        if isinstance(value, str) and BAD_TEXT.search(value):
            self._text(value, line, entry, prop.name)  # reports the character
            return None
        expected, literal = _coerce(value, prop.range)
        if literal is None:
            self.error(line, entry, prop.name, f"expected {expected}, got {_shown(value)}")
        return literal


def paragraph_quads(
    doc_id: str, paragraph: int, text: str, mentions: Iterable[tuple[str, int, int]]
) -> list[Quad]:
    """The quads of an ingested paragraph: its text (in the provenance graph, beside the
    paragraph's other metadata) and each mention, ``(entity id, begin, end)``, in the
    paragraph's own graph, so that the mention's source is the paragraph.

    Example:
        >>> quads = paragraph_quads("doc/talks", 1, "Russia's talks", [("country/russia", 0, 6)])
        >>> sorted(str(o) for _, p, o, _ in quads if p == IRKG.anchorOf)
        ['Russia']
    """
    graph = paragraph_graph(doc_id, paragraph)
    quads: list[Quad] = [(graph, IRKG.paragraphText, Literal(text), PROVENANCE_GRAPH)]
    for curated_id, begin, end in mentions:
        mention = mention_iri(doc_id, paragraph, begin, end)
        quads += [
            (mention, RDF.type, IRKG.Mention, graph),
            (mention, IRKG.mentionOf, entity_iri(curated_id), graph),
            (mention, IRKG.beginIndex, Literal(begin), graph),
            (mention, IRKG.endIndex, Literal(end), graph),
            (mention, IRKG.anchorOf, Literal(text[begin:end]), graph),
        ]
    return quads


def _coerce(value: Any, datatype: URIRef | None) -> tuple[str, Literal | None]:
    """Turn a YAML scalar into a literal of ``datatype``; return what was expected."""
    if datatype == XSD.decimal:
        expected = "a number"
        if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
            value = Decimal(value.strip())
        elif isinstance(value, str) and any(c.isdigit() for c in value):
            expected = "a number written in decimal (like 13 or 2.5)"  # not 0x1F, 1_000, .5
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return expected, None
        number = Decimal(value)
        if abs(number.adjusted()) > MAX_EXPONENT:
            return f"a number below 10^{MAX_EXPONENT} (and above 10^-{MAX_EXPONENT})", None
        number = number.normalize(Context(prec=len(number.as_tuple().digits)))  # exact
        if number.is_zero() and number.is_signed():
            return f"{expected}; zero has no sign", None
        # XSD 1.1's canonical form (no point in a whole number), the one Oxigraph keeps:
        # the term the loader makes is the term every store gives back.
        return expected, Literal(format(number, "f"), datatype=XSD.decimal)
    if datatype == XSD.integer:
        if isinstance(value, bool) or not isinstance(value, int):
            return "a whole number", None
        return "a whole number", Literal(value, datatype=XSD.integer)
    if datatype == XSD.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return "a date YYYY-MM-DD", Literal(value, datatype=XSD.date)
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return "a date YYYY-MM-DD", Literal(dt.date.fromisoformat(value), datatype=XSD.date)
            except ValueError:
                pass
        return "a date YYYY-MM-DD", None
    if isinstance(value, str) and value.strip():
        return "text", Literal(value.strip())
    return "text", None
