"""Query results as text: aligned tables, Markdown, SPARQL JSON/CSV/TSV, Turtle."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
from tabulate import tabulate

from irkg.errors import QueryError
from irkg.graph.sparql import PREFIXES

__all__ = ["RESULT_FORMATS", "format_records", "format_result", "printable", "short"]

#: The formats query results can be printed in.
RESULT_FORMATS = ("table", "json", "csv", "tsv", "md")

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))

#: Characters that must never reach a terminal raw, in any output: C0 and C1 controls
#: and DEL (terminal escapes), Unicode format characters (bidi overrides and isolates
#: such as U+202E, zero-width spaces and joiners, the byte order mark, tag characters:
#: they hide or reorder what is shown), line and paragraph separators, and surrogates.
#: Every character of the categories Cc, Cf, Zl, Zp and Cs is here.
_UNSAFE = (
    "\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE_IN_LINE = re.compile(f"[{_UNSAFE}]")
#: The same but tab and newline, for text of several lines.
_UNSAFE_IN_LINES = re.compile(f"(?![\t\n])[{_UNSAFE}]")


def _escape(match: re.Match[str]) -> str:
    """A character as Python writes it escaped: ``\\x1b``, ``\\u202e``, ``\\U000e0041``."""
    code = ord(match[0])
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _uchar(match: re.Match[str]) -> str:
    """A character as Turtle writes it escaped (in a literal or an IRI)."""
    code = ord(match[0])
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _json_escape(match: re.Match[str]) -> str:
    """A character as JSON writes it escaped (a surrogate pair beyond U+FFFF)."""
    code = ord(match[0])
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def printable(text: str, *, lines: bool = False) -> str:
    r"""``text`` as it may reach a terminal: each character that could drive it or hide
    what it shows (a control, an escape, a bidi override, a zero-width character, a line
    break) written as an escape, so data never drives a terminal or disguises itself.

    Args:
        text: what is about to be printed.
        lines: keep tabs and newlines (a message of several lines).

    Example:
        >>> printable("pwned\x1b]0;title\x07 ok")
        'pwned\\x1b]0;title\\x07 ok'
        >>> printable("evil\u202etxt.exe\nnext"), printable("a\nb", lines=True)
        ('evil\\u202etxt.exe\\x0anext', 'a\nb')
    """
    return (_UNSAFE_IN_LINES if lines else _UNSAFE_IN_LINE).sub(_escape, text)


def _json_safe(text: str) -> str:
    """JSON text whose strings hold no raw unsafe character (JSON escapes C0 already)."""
    return _UNSAFE_IN_LINES.sub(_json_escape, text)


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return printable(str(value))


def short(term: object) -> str:
    """A term as a person reads it: prefixed names for IRIs, plain text for literals.

    Example:
        >>> short(URIRef("https://w3id.org/irkg/id/country/india"))
        'country:india'
    """
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in _BY_LENGTH:
            if text.startswith(ns) and "/" not in text[len(ns) :]:
                return f"{prefix}:{text[len(ns) :]}"
        return f"<{text}>"
    if isinstance(term, BNode):
        return term.n3()
    if term is None:
        return ""
    return str(term)


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a SPARQL result: SELECT as rows, ASK as true/false, graphs as Turtle.

    Raises:
        QueryError: for an unknown format.
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown format {fmt!r}; expected one of {', '.join(RESULT_FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns, override=True, replace=True)
        for triple in result:
            graph.add(triple)  # type: ignore[arg-type]
        # Unsafe characters occur only inside literals and IRIs: Turtle's u-escapes keep
        # them exact and off the terminal.
        return _UNSAFE_IN_LINES.sub(_uchar, graph.serialize(format="turtle"))
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    if fmt == "json":
        return _json_safe(result.serialize(format=fmt).decode("utf-8"))  # type: ignore[union-attr]
    if fmt == "csv":
        text = result.serialize(format=fmt).decode("utf-8")  # type: ignore[union-attr]
        return "\r\n".join(printable(line, lines=True) for line in text.split("\r\n"))
    variables = list(result.vars or [])
    # Every solution is a row, even one whose variables are all unbound (rdflib's own
    # iteration skips those).
    rows = [[b.get(v) for v in variables] for b in result.bindings]
    names = [str(v) for v in variables]
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in names)]
        lines += ["\t".join(_cell(t.n3()) if t is not None else "" for t in row) for row in rows]
        return "\n".join(lines) + "\n"
    table = [[_cell(short(term)) for term in row] for row in rows]
    return _table(names, table, fmt)


def format_records(records: Sequence[Any], fmt: str = "table", kind: type | None = None) -> str:
    """Render a helper's dataclass records as a table, Markdown, JSON or CSV.

    ``kind``, the records' dataclass, gives CSV and TSV their header when there are none.

    Example:
        >>> from dataclasses import dataclass
        >>> @dataclass
        ... class Row:
        ...     id: str
        ...     label: str
        >>> format_records([], "csv", kind=Row)
        'id,label\\n'
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown format {fmt!r}; expected one of {', '.join(RESULT_FORMATS)}")
    dicts = [dataclasses.asdict(r) for r in records]
    if fmt == "json":
        text = json.dumps(dicts, indent=2, ensure_ascii=False, default=_json_default)
        return _json_safe(text) + "\n"
    shape = records[0] if records else kind
    columns = [f.name for f in dataclasses.fields(shape)] if shape is not None else []
    rows = [[_cell(d[c]) for c in columns] for d in dicts]
    if fmt in ("csv", "tsv"):
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerows([columns, *rows])
        return buffer.getvalue()
    return _table(columns, rows, fmt)


def _table(columns: list[str], rows: list[list[str]], fmt: str) -> str:
    if not rows:
        return "(no results)\n"
    style = "github" if fmt == "md" else "simple"
    text: str = tabulate(rows, headers=columns, tablefmt=style, disable_numparse=True)
    return text + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Literal):
        return value.toPython()
    return str(value)
