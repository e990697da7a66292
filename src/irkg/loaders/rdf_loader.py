"""RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) -> a Dataset, safely.

Files are read by irkg and handed to rdflib as data, never as a location, and
parsed inside :func:`irkg.guard.sealed`: a JSON-LD ``@context`` or ``@import`` to
fetch, or a ``file:`` IRI to read, is refused with the file's name, not followed. Triples of a triple-only format land in a named
graph of their own, derived from a source document named after the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import Dataset, Literal

from irkg.errors import DataError, FetchRefused, Issue
from irkg.guard import sealed
from irkg.iris import GRAPH_BASE, PROVENANCE_GRAPH, entity_iri
from irkg.loaders.text import BAD_TEXT, TEXT_RULE
from irkg.ontology import IRKG
from irkg.ontology.namespaces import PROV, RDF, RDFS

__all__ = ["RDF_FORMATS", "load_rdf_files"]

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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        issues.append(Issue(str(path), None, None, None, f"cannot read the file: {exc}"))
        return
    if fmt == "json-ld":
        problem = _not_json(text)
        if problem:
            issues.append(Issue(str(path), None, None, None, problem))
            return
    scratch = Dataset(default_union=True)
    try:
        with sealed():
            _parse(scratch, text, fmt, path)
    except RecursionError:
        issues.append(Issue(str(path), None, None, None, "nested too deeply to parse"))
        return
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        refused = _refusal(exc)
        if refused is not None:
            issues.append(Issue(str(path), None, None, None, str(refused)))
            return
        issues.append(
            Issue(str(path), _error_line(exc), None, None, f"{fmt} syntax error: {_message(exc)}")
        )
        return
    unsafe = [
        (s, o)
        for s, _, o, _ in scratch.quads((None, None, None, None))
        if isinstance(o, Literal) and BAD_TEXT.search(str(o))
    ]
    if unsafe:
        for s, o in sorted(unsafe, key=lambda item: str(item[0]))[:5]:
            char = BAD_TEXT.search(str(o))[0]  # type: ignore[index]
            message = f"text of {s.n3()}: the character U+{ord(char):04X}: {TEXT_RULE}"
            issues.append(Issue(str(path), None, None, None, message))
        return
    dataset.addN(scratch.quads((None, None, None, None)))  # type: ignore[arg-type]


def _parse(scratch: Dataset, text: str, fmt: str, path: Path) -> None:
    if fmt in _QUAD_FORMATS:
        scratch.parse(data=text, format=fmt)
    else:
        slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "file"
        doc_id = f"doc/file-{slug}"
        graph_iri = GRAPH_BASE + f"file/{slug}"
        scratch.graph(graph_iri).parse(data=text, format=fmt)
        meta = scratch.graph(PROVENANCE_GRAPH)
        meta.add((entity_iri(doc_id), RDF.type, IRKG.SourceDocument))
        meta.add((entity_iri(doc_id), RDFS.label, Literal(path.name)))
        meta.add((scratch.graph(graph_iri).identifier, RDF.type, IRKG.AssertionGraph))
        meta.add((scratch.graph(graph_iri).identifier, PROV.wasDerivedFrom, entity_iri(doc_id)))


def _not_json(text: str) -> str | None:
    """Where JSON-LD text is not JSON at all (rdflib's own message gives no place)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"not JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
    except RecursionError:
        return "nested too deeply to parse"
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


def _error_line(exc: Exception) -> int | None:
    """The 1-based line of a parse error, where the parser says (Turtle counts from 0)."""
    if isinstance(getattr(exc, "lines", None), int):
        return int(exc.lines) + 1  # type: ignore[attr-defined]
    line = getattr(exc, "lineno", None)
    return line if isinstance(line, int) else None


def _message(exc: Exception) -> str:
    why = getattr(exc, "_why", None)
    if isinstance(why, str) and why:
        return why
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
