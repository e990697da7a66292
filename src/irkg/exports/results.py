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

#: Characters that drive a terminal or break a line: C0 and C1 controls but tab and
#: newline, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_IN_CELL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""``text`` with control characters shown as escapes, so data never drives a terminal.

    Example:
        >>> printable("pwned\x1b]0;title\x07 ok")
        'pwned\\x1b]0;title\\x07 ok'
    """
    return _CONTROL.sub(_escape, text)


def _json_safe(text: str) -> str:
    """JSON text whose strings hold no raw control character (JSON escapes C0 already)."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return _CONTROL_IN_CELL.sub(_escape, str(value))


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
        # Control characters occur only inside literals: Turtle's u-escapes keep them
        # exact and off the terminal.
        return _CONTROL.sub(lambda m: f"\\u{ord(m[0]):04X}", graph.serialize(format="turtle"))
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    if fmt == "json":
        return _json_safe(result.serialize(format=fmt).decode("utf-8"))  # type: ignore[union-attr]
    if fmt == "csv":
        text = result.serialize(format=fmt).decode("utf-8")  # type: ignore[union-attr]
        return "\r\n".join(printable(line) for line in text.split("\r\n"))
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
