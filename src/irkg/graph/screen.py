"""Screening a query's text before any engine reads it: no SERVICE, whatever the lexer.

Engines read the same text differently (where a comment ends, whether ``\\u`` escapes
apply before parsing, whether ``SERVICE`` needs a space after it, how case folds), so
the screen does not parse: it refuses every place where *some* engine could read a
SERVICE clause (or Virtuoso's ``DEFINE`` pragma, which makes it fetch graphs), and
only passes the word where no reading can make it one: where what follows it cannot
start the IRI, variable or prefixed name the clause needs (``sector:services }``, a
string ``"service"``), or where it is a variable's name (``?service``). Line endings
are normalised to line feeds (as Python reads a file), and the characters engines
disagree about as line ends or spaces (form feeds, Unicode line separators, other
control characters) are refused: inside a string they are written as escapes.
"""

from __future__ import annotations

import re
import unicodedata

from irkg.errors import QueryError

__all__ = ["mentions", "screen_query"]

#: Keywords an engine would act on by opening a connection.
_KEYWORDS = ("SERVICE", "DEFINE")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: Control characters (Unicode's Cc) but tab and line feed, and the line and paragraph
#: separators (Zl, Zp): engines disagree whether they end a line or a comment.
_DISAGREED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def screen_query(text: str) -> str:
    """The text an engine may run: line endings made line feeds, or a refusal.

    Raises:
        QueryError: on a character engines read differently, or a place where any
            engine could read a SERVICE clause or a DEFINE pragma, with its line and
            column.

    Example:
        >>> screen_query("SELECT * WHERE { ?s irkg:about sector:services }\\r\\n")
        'SELECT * WHERE { ?s irkg:about sector:services }\\n'
        >>> screen_query("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        irkg.errors.QueryError: SERVICE is not allowed: irkg queries never reach the network (service at line 1, column 18; ...)
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if odd := _DISAGREED.search(text):
        code = ord(odd.group())
        raise QueryError(
            f"the query holds the character U+{code:04X} at {_where(text, odd.start())}: "
            "SPARQL engines disagree whether it ends a line or a comment; inside a "
            f"string, write it as an escape such as \\u{code:04X}"
        )
    for form in _forms(text):
        for keyword in _KEYWORDS:
            for found in re.finditer(keyword, form):
                # After ? or $ it is a variable's name: a bare ? is only a path's
                # modifier, which an object must follow, and a clause is none.
                if found.start() and form[found.start() - 1] in "?$":
                    continue
                if _may_be_clause(form, found.end(), keyword):
                    where = f"at {_where(text, found.start())}" if form == text.upper() else ""
                    raise QueryError(_refusal(keyword, where))
    return text


def mentions(text: str, word: str) -> bool:
    """Whether some engine's reading of ``text`` holds ``word`` anywhere, in any case (see
    :func:`_forms`): where it does not, no engine can read the keyword in it.

    Example:
        >>> mentions("SELECT * \\u0046ROM <urn:g> { ?s ?p ?o }", "FROM")
        True
        >>> mentions("SELECT ?s { ?s ?p ?o }", "FROM")
        False
    """
    return any(word.upper() in form for form in _forms(text))


def _forms(text: str) -> list[str]:
    """The text as engines might see it, upper-cased: as written, with ``\\u`` escapes
    applied (again until none is left), NFKC-normalised, each upper-cased after each
    of Python's case mappings (dotless i and long s upper-case to I and S)."""
    bases = [text]
    unescaped = text
    while (again := _ESCAPE.sub(_unescaped, unescaped)) != unescaped:
        unescaped = again
        bases.append(unescaped)
    bases += [unicodedata.normalize("NFKC", base) for base in list(bases)]
    forms: list[str] = []
    for base in bases:
        for form in (base.upper(), base.lower().upper(), base.casefold().upper()):
            if form not in forms:
                forms.append(form)
    return forms


def _unescaped(match: re.Match[str]) -> str:
    code = int(match.group(1) or match.group(2), 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return match.group(0)
    return chr(code)


def _may_be_clause(form: str, at: int, keyword: str) -> bool:
    """Whether the keyword ending at ``at`` could be followed by the term its clause
    needs, in some engine's reading: after spaces (a comment could end anywhere, so one
    counts as a yes), SERVICE's optional SILENT, then an IRI, a variable or a prefixed
    name."""
    at = _after_spaces(form, at)
    if at < 0:
        return True
    if keyword == "SERVICE" and form.startswith("SILENT", at):
        at = _after_spaces(form, at + len("SILENT"))
        if at < 0:
            return True
    if at >= len(form):
        return False
    if form[at] in "<?$:":
        return True
    end = at
    while end < len(form) and (form[end].isalnum() or form[end] in "_-.·" or ord(form[end]) > 127):
        if form[end].isspace():
            break
        end += 1
    return end > at and end < len(form) and form[end] == ":"


def _after_spaces(form: str, at: int) -> int:
    """The index after the spaces at ``at``, or -1 where a comment starts."""
    while at < len(form) and form[at].isspace():
        at += 1
    return -1 if at < len(form) and form[at] == "#" else at


def _refusal(keyword: str, where: str) -> str:
    reason = (
        "SERVICE is not allowed: irkg queries never reach the network"
        if keyword == "SERVICE"
        else "DEFINE is not allowed: a pragma could make a SPARQL server fetch a graph"
    )
    return (
        f"{reason} ({keyword.lower()} {where or 'in an escaped or case-folded form'}; "
        "the word is refused wherever some SPARQL engine could read it as that clause, "
        "in a comment, a string or a name too: reword it)"
    )


def _where(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"line {line}, column {index - (text.rfind(chr(10), 0, index) + 1) + 1}"
