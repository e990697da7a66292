"""No input may make irkg open a URL or a file it was not given: the one place that says so.

irkg reads every file it is given itself and hands parsers the text. What a parser
then does on its own account (a JSON-LD ``@context`` or ``@import`` to fetch, a
``file:`` IRI to read, an XML entity, a SPARQL ``SERVICE``) is stopped here, by a
Python audit hook that refuses network access and file opens while untrusted
input is being parsed or queried. The hook is installed once and does nothing
outside :func:`sealed`, so a program that imports irkg keeps its own network.

Files of the Python installation and of irkg's package (modules a parser imports
lazily) may still be opened.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from irkg.errors import FetchRefused

__all__ = ["sealed"]

_SEALED: ContextVar[bool] = ContextVar("irkg_sealed", default=False)

#: Audit events that reach the network.
_NETWORK = frozenset(
    {
        "urllib.Request",
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "http.client.connect",
        "ftplib.connect",
        "smtplib.connect",
    }
)

#: Folders of the Python installation and of irkg itself: imports from them stay allowed.
_PYTHON = tuple(
    sorted(
        {
            os.path.realpath(p) + os.sep
            for p in (
                os.path.dirname(__file__),
                sys.prefix,
                sys.base_prefix,
                sys.exec_prefix,
                *(sysconfig.get_paths().get(k, "") for k in ("stdlib", "purelib", "platlib")),
            )
            if p
        }
    )
)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _SEALED.get():
        return
    if event in _NETWORK:
        target = args[0] if event == "urllib.Request" else args[1:2]
        url = getattr(target, "full_url", target)
        raise FetchRefused(f"refused to reach the network ({url}): irkg never fetches")
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        path = os.fsdecode(args[0])
        if not os.path.realpath(path).startswith(_PYTHON):
            raise FetchRefused(f"refused to open {path}: irkg reads only the files it is given")


sys.addaudithook(_hook)


@contextmanager
def sealed() -> Iterator[None]:
    """Within this block, opening a URL, a socket or a file raises :class:`~irkg.errors.FetchRefused`.

    Example:
        >>> import urllib.request
        >>> with sealed():
        ...     urllib.request.urlopen("http://127.0.0.1:9/ctx")
        Traceback (most recent call last):
        ...
        irkg.errors.FetchRefused: refused to reach the network (http://127.0.0.1:9/ctx): irkg never fetches
        >>> with sealed():
        ...     open("/etc/hostname")
        Traceback (most recent call last):
        ...
        irkg.errors.FetchRefused: refused to open /etc/hostname: irkg reads only the files it is given
    """
    token = _SEALED.set(True)
    try:
        yield
    finally:
        _SEALED.reset(token)
