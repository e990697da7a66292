"""The errors irkg raises, in one small hierarchy.

::

    IrkgError                 anything irkg refuses to do
     +-- DataError            curated data or an RDF file is malformed (lists every issue)
     +-- ValidationError      the built graph breaks a SHACL shape
     +-- QueryError           a SPARQL query or a helper's argument is wrong
     +-- ExportError          an export cannot be written
     +-- FetchRefused         input tried to make irkg open a URL or a file it was not given

The command line turns each into a clean message and a non-zero exit code.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Ambiguous",
    "DataError",
    "ExportError",
    "FetchRefused",
    "IrkgError",
    "Issue",
    "NotFound",
    "QueryError",
    "StoreError",
    "ValidationError",
]


class IrkgError(Exception):
    """Base class of every error irkg raises on purpose."""

    exit_code = 1


#: Where ``str.splitlines`` breaks a line, as escapes: an issue is always one line.
_LINE_BREAKS = {
    ord(c): f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
    for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
}


@dataclass(frozen=True, order=True)
class Issue:
    r"""One problem in one place of an input file, said in one line (a line break in a
    file's name is shown escaped, so a list of issues keeps one issue a line).

    Example:
        >>> str(Issue("data/a.yaml", 3, "person/x", "label", "expected text"))
        'data/a.yaml:3: person/x: label: expected text'
        >>> print(Issue("odd\nname.ttl", None, None, None, "not a regular file"))
        odd\x0aname.ttl: not a regular file
    """

    file: str
    line: int | None
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where, *(p for p in (self.entry, self.field) if p), self.message]
        return ": ".join(parts).translate(_LINE_BREAKS)


class DataError(IrkgError):
    """Input data is malformed; ``issues`` lists every problem found, in file order."""

    exit_code = 2

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues, key=lambda i: (i.file, i.line or 0, i.message))
        count = len(self.issues)
        head = f"{count} problem{'s' if count != 1 else ''} in the input data:"
        super().__init__("\n".join([head, *(f"  {issue}" for issue in self.issues)]))


class ValidationError(IrkgError):
    """The graph does not conform to the SHACL shapes."""

    exit_code = 3


class QueryError(IrkgError):
    """A query, or an argument of a query helper, is wrong."""

    exit_code = 4


class NotFound(QueryError):
    """No entity goes by the name asked about (the message names the nearest)."""


class Ambiguous(QueryError):
    """Several entities go by the name asked about (the message lists them)."""


class ExportError(IrkgError):
    """An export could not be written."""

    exit_code = 5


class StoreError(IrkgError):
    """A store cannot be opened or written: busy with another writer, unreadable, or its
    server failed (the message names the folder or URL)."""

    exit_code = 7


class FetchRefused(IrkgError):
    """Input tried to make irkg open a URL or a file it was not given (see :mod:`irkg.guard`)."""

    exit_code = 6
