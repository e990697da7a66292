"""RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) -> a Dataset, safely.

Files are read by irkg and handed to rdflib as data, never as a location, and
parsed inside :func:`irkg.guard.sealed`: a JSON-LD ``@context`` or ``@import`` to
fetch, or a ``file:`` IRI to read, is refused with the file's name, not followed. Triples of a triple-only format, and
those a quad format leaves outside any named graph, land in a named graph of the file's
own, derived from a source document named after the file."""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from irkg.bounded import caused_by_memory
from irkg.errors import DataError, FetchRefused, Issue
from irkg.guard import sealed
from irkg.iris import GRAPH_BASE, PROVENANCE_GRAPH, entity_iri, file_base_iri
from irkg.loaders.files import read_text
from irkg.loaders.noise import LiteralNoise
from irkg.loaders.text import BAD_TEXT, TEXT_RULE
from irkg.ontology import IRKG
from irkg.ontology.namespaces import PROV, RDF, RDFS, XSD

__all__ = ["RDF_FORMATS", "FileSource", "LiteralNoise", "load_rdf_files"]

#: File suffix -> rdflib parser name.
RDF_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
}
_QUAD_FORMATS = {"trig", "nquads", "json-ld"}


def load_rdf_files(paths: list[Path]) -> Dataset:
    """Parse RDF files into one Dataset whose default graph is the union.

    Raises:
        DataError: listing every file that could not be parsed, with its line where known.

    Example:
        >>> import tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "extra.ttl"
        >>> _ = f.write_text('<https://w3id.org/irkg/id/city/kazan> '
        ...                  '<http://www.w3.org/2000/01/rdf-schema#label> "Kazan" .')
        >>> ds = load_rdf_files([f])
        >>> (entity_iri("city/kazan"), RDFS.label, Literal("Kazan")) in ds
        True
    """
    issues: list[Issue] = []
    dataset = Dataset(default_union=True)
    for path in paths:
        _load_one(Path(path), dataset, issues)
    if issues:
        raise DataError(issues)
    return dataset


def _load_one(path: Path, dataset: Dataset, issues: list[Issue]) -> None:
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(RDF_FORMATS))
        issues.append(Issue(str(path), None, None, None, f"unknown RDF format; expected {known}"))
        return
    try:
        text = read_text(path)
    except DataError as exc:
        issues += exc.issues
        return
    if fmt == "json-ld":
        problem = _not_json(text, str(path))
        if problem:
            issues.append(problem)
            return
    scratch = Dataset(default_union=True)
    try:
        with sealed(), _literal_noise_dropped():
            _parse(scratch, text, fmt, path)
    except RecursionError:
        issues.append(Issue(str(path), None, None, None, "nested too deeply to parse"))
        return
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        if caused_by_memory(exc):  # the bound on memory, not the file: said as such
            raise MemoryError from exc
        refused = _refusal(exc)
        if refused is not None:
            issues.append(Issue(str(path), None, None, None, str(refused)))
            return
        if "integer string conversion" in str(exc):  # Turtle's parser reads numbers itself
            long = _long_number(text, str(path))
            if long is not None:
                issues.append(long)
                return
        issues.append(
            Issue(
                str(path),
                _error_line(exc, text),
                None,
                None,
                f"{fmt} syntax error: {_message(exc)}",
            )
        )
        return
    problems = sorted(set(_unsafe_terms(scratch)))
    ill_typed = _ill_typed(scratch, text, str(path))
    if problems or ill_typed:
        issues += [Issue(str(path), None, None, None, problem) for problem in problems[:5]]
        issues += ill_typed[:5]
        return
    dataset.addN(scratch.quads((None, None, None, None)))  # type: ignore[arg-type]


@dataclass(frozen=True)
class FileSource:
    """Where a plain RDF file's facts go: its slug, base IRI, named graph and document."""

    slug: str
    base: str
    graph: URIRef
    document: URIRef

    @classmethod
    def of(cls, path: Path) -> FileSource:
        """The source of ``path``, named by its file name (``Extra Facts.ttl``: ``extra-facts``)."""
        slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "file"
        return cls(
            slug,
            file_base_iri(slug),
            URIRef(GRAPH_BASE + f"file/{slug}"),
            entity_iri(f"doc/file-{slug}"),
        )

    def provenance(self, path: Path) -> list[tuple[Node, Node, Node]]:
        """The facts of the provenance graph that say where this file's graph comes from."""
        return [
            (self.document, RDF.type, IRKG.SourceDocument),
            (self.document, RDFS.label, Literal(path.name)),
            (self.graph, RDF.type, IRKG.AssertionGraph),
            (self.graph, PROV.wasDerivedFrom, self.document),
        ]


def _parse(scratch: Dataset, text: str, fmt: str, path: Path) -> None:
    """Parse with a fixed base IRI per file name (relative IRIs never depend on where irkg
    runs), then give blank nodes canonical names (the same file, the same exports)."""
    source = FileSource.of(path)
    slug, base = source.slug, source.base
    options: dict[str, Any] = {"base": base} if fmt == "json-ld" else {}
    file_graph = scratch.graph(source.graph)
    if fmt in _QUAD_FORMATS:
        scratch.parse(data=text, format=fmt, publicID=base, **options)
        # Triples outside any named graph are the file's own facts, like a Turtle file's.
        default = scratch.graph(DATASET_DEFAULT_GRAPH_ID)
        for triple in list(default):
            file_graph.add(triple)
        default.remove((None, None, None))
    else:
        file_graph.parse(data=text, format=fmt, publicID=base)
    if len(file_graph):
        meta = scratch.graph(PROVENANCE_GRAPH)
        for triple in source.provenance(path):
            meta.add(triple)
    _canonical_blank_nodes(scratch, slug)


def _canonical_blank_nodes(scratch: Dataset, slug: str) -> None:
    """Rename each graph's blank nodes by rdflib's canonical labelling, prefixed by file and
    graph, so the names are the same in every run and never collide across graphs."""
    for graph in list(scratch.graphs()):
        triples = list(graph)
        if not any(isinstance(term, BNode) for triple in triples for term in triple):
            continue
        prefix = hashlib.sha256(f"{slug} {graph.identifier}".encode()).hexdigest()[:8]
        canonical = list(to_canonical_graph(graph))
        graph.remove((None, None, None))
        for triple in canonical:
            graph.add(_renamed(triple, prefix))


def _renamed(triple: tuple[Node, Node, Node], prefix: str) -> tuple[Node, Node, Node]:
    s, p, o = (BNode(f"b{prefix}{t}") if isinstance(t, BNode) else t for t in triple)
    return (s, p, o)


#: Characters an IRI may not hold (RFC 3987); rdflib accepts some while parsing, then
#: fails to write them or to put them into a query.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _unsafe_terms(dataset: Dataset) -> Iterator[str]:
    """What no export or query could carry: bad characters in text, invalid IRIs."""
    for quad in dataset.quads((None, None, None, None)):
        for term in quad[:3]:
            if isinstance(term, Literal) and (bad := BAD_TEXT.search(str(term))):
                yield f"text of {_shown(quad[0])}: the character U+{ord(bad[0]):04X}: {TEXT_RULE}"
            elif isinstance(term, URIRef) and (bad := _BAD_IRI.search(str(term))):
                yield f"the IRI {_shown(term)} holds {bad[0]!r}, which an IRI may not"


#: The logger rdflib says so on.
_RDFLIB_TERMS = logging.getLogger("rdflib.term")


@contextmanager
def _literal_noise_dropped() -> Iterator[None]:
    noise = LiteralNoise()
    _RDFLIB_TERMS.addFilter(noise)
    try:
        yield
    finally:
        _RDFLIB_TERMS.removeFilter(noise)


def _ill_typed(dataset: Dataset, text: str, where: str) -> list[Issue]:
    """A located issue for each literal whose text is no value of its datatype (none can
    be compared or computed with), in the order of the file."""
    found = {
        term
        for quad in dataset.quads((None, None, None, None))
        for term in quad[:3]
        if isinstance(term, Literal) and term.ill_typed
    }
    issues = []
    for literal in found:
        if (long := _long_number(str(literal), where)) is not None:
            issues.append(dataclasses.replace(long, line=_line_of_text(text, str(literal))))
            continue
        datatype, xsd = str(literal.datatype), str(XSD)
        kind = "xsd:" + datatype[len(xsd) :] if datatype.startswith(xsd) else f"<{datatype}>"
        message = f'"{_shown(literal)}" is not a valid {kind}'
        issues.append(Issue(where, _line_of_text(text, str(literal)), None, None, message))
    return sorted(issues)


def _long_number(text: str, where: str) -> Issue | None:
    """The first whole number in ``text`` longer than Python reads (its guard against
    quadratic parsing, ``sys.get_int_max_str_digits()``), located; None if there is none."""
    limit = sys.get_int_max_str_digits()
    long = re.search(rf"\d{{{limit + 1},}}", text) if limit else None
    if long is None:
        return None
    line = text.count("\n", 0, long.start()) + 1
    message = f"a number of {len(long[0]):,} digits: irkg reads whole numbers of at most {limit:,}"
    return Issue(where, line, None, None, message)


def _line_of_text(text: str, lexical: str) -> int | None:
    """The line where a literal's text is first written (quoted with a datatype, else
    anywhere), if it is written as it reads."""
    for written in (f'"{lexical}"^^', f"'{lexical}'^^", lexical):
        at = text.find(written)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def _shown(term: Node) -> str:
    """A term for an error message: escaped, never more than 80 characters."""
    text = str(term).encode("unicode_escape").decode("ascii")
    text = text if len(text) <= 80 else text[:77] + "..."
    return f"<{text}>" if isinstance(term, URIRef) else text


def _not_json(text: str, where: str) -> Issue | None:
    """Where JSON-LD text is not JSON at all (rdflib's own message gives no place), or
    holds a number longer than Python reads."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"not JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        return Issue(where, None, None, None, message)
    except RecursionError:
        return Issue(where, None, None, None, "nested too deeply to parse")
    except ValueError as exc:  # a number of more digits than sys.get_int_max_str_digits()
        return _long_number(text, where) or Issue(where, None, None, None, f"not JSON: {exc}")
    return None


def _refusal(exc: BaseException | None) -> FetchRefused | None:
    """The guard's refusal behind a parser's exception, however the parser wrapped it."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, FetchRefused):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def _error_line(exc: Exception, text: str) -> int | None:
    """The 1-based line of a parse error: counted up to the offset where the Turtle and
    TriG parser stopped (its own line count runs past the end of the file), or, for
    N-Triples and N-Quads, whose parser quotes the line but not its number, where that
    line is in the file."""
    source, offset = getattr(exc, "_str", None), getattr(exc, "_i", None)
    if isinstance(source, bytes | str) and isinstance(offset, int):
        newline = b"\n" if isinstance(source, bytes) else "\n"
        return source[:offset].count(newline) + 1  # type: ignore[arg-type]
    line = getattr(exc, "lineno", None)
    if isinstance(line, int):
        return line
    quoted = re.search(r"Invalid line(?: \(.*\))?:\s*(.*)$", str(exc), re.DOTALL)
    if quoted is None:
        return None
    bad = quoted[1].strip()
    if len(bad) > 1 and bad[0] == bad[-1] and bad[0] in "'\"":
        try:
            bad = str(ast.literal_eval(bad))
        except (ValueError, SyntaxError):
            return None
    for number, candidate in enumerate(text.splitlines(), 1):
        if candidate.strip() == bad.strip():
            return number
    return None


def _message(exc: Exception) -> str:
    why = getattr(exc, "_why", None)
    if isinstance(why, str) and why:
        return why
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
