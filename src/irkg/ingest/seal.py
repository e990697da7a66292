"""The seal on the data files irkg writes (``data/ingested/<slug>.yaml``): how ``irkg
accept`` knows a person has edited one since.

``irkg ingest`` and ``irkg accept`` end each data file they write with a comment that
holds the SHA-256 of the lines above it. A person may edit the file (it is data, and
human-editable); the seal then no longer matches, and ``irkg accept`` refuses to write a
review over it, which would lose the edit. Accepting a review again and again, as it is
worked on, is fine: each accept seals what it wrote.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["is_sealed", "seal", "unsealed"]

_SEAL = "# irkg wrote this file: sha256 {} of the lines above (irkg accept replaces it only while they match)\n"
_SEAL_LINE = re.compile(
    r"^# irkg wrote this file: sha256 ([0-9a-f]{64}) of the lines above\b.*(?:\n|\Z)", re.MULTILINE
)


def seal(text: str) -> str:
    """``text`` with its seal as the last line (in place of any seal it held).

    Example:
        >>> print(seal("document: {id: doc/x}\\n"), end="")  # doctest: +ELLIPSIS
        document: {id: doc/x}
        # irkg wrote this file: sha256 ... of the lines above (irkg accept replaces it only while they match)
    """
    body = unsealed(text)
    if body and not body.endswith("\n"):
        body += "\n"
    return body + _SEAL.format(_digest(body))


def unsealed(text: str) -> str:
    """``text`` without its seal lines, and with ``\\n`` line ends."""
    return _SEAL_LINE.sub("", text.replace("\r\n", "\n"))


def is_sealed(text: str) -> bool:
    """Whether ``text`` ends with its seal, and the lines above it are as they were sealed
    (no edit since).

    Example:
        >>> text = seal("document: {id: doc/x}\\n")
        >>> is_sealed(text), is_sealed(text.replace("doc/x", "doc/y")), is_sealed("a: 1\\n")
        (True, False, False)
    """
    text = text.replace("\r\n", "\n")
    found = list(_SEAL_LINE.finditer(text))
    if not found or text[found[-1].end() :].strip():
        return False
    body = text[: found[-1].start()]
    return found[-1].group(1) == _digest(body) and len(found) == 1


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
