"""No input may make irkg open a URL or a file it was not given: the one place that says so.

irkg reads every file it is given itself and hands parsers the text. What a parser
then does on its own account (a JSON-LD ``@context`` or ``@import`` to fetch, a
``file:`` IRI to read, an XML entity, a SPARQL ``SERVICE``) is stopped here, by a
Python audit hook that refuses network access and file opens while untrusted
input is being parsed or queried. The hook is installed once and does nothing
outside :func:`sealed`, so a program that imports irkg keeps its own network.

What may still be opened: irkg's own package data, and what the import system opens
by a module's name (a module a parser imports lazily, a package resource asked for
with :func:`pkgutil.get_data`, such as jusText's stop lists) or linecache does (the
source lines of a warning). A path that comes from input is opened by neither, so
a ``file:`` IRI into the Python installation is refused like any other. The files the
user gave are read by irkg before the block begins.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from irkg.errors import FetchRefused

__all__ = ["sealed"]

_SEALED: ContextVar[bool] = ContextVar("irkg_sealed", default=False)
#: The one server a sealed block may still reach: a SPARQL store's (scheme, host, port).
_ALLOWED: ContextVar[tuple[str, int] | None] = ContextVar("irkg_allowed", default=None)

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

#: irkg's own folder: its package data (the ontology, the shapes, the queries) stays open.
_PACKAGE = os.path.realpath(os.path.dirname(__file__)) + os.sep
#: Modules whose opens name a file by a module or resource name, never by input: the
#: import system (``_bootstrap_external`` opens modules and pkgutil's resources) and
#: linecache (a warning's source line, opened through ``tokenize.open``).
_CODE_READERS = frozenset(
    {"importlib._bootstrap_external", "_frozen_importlib_external", "zipimport", "linecache"}
)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _SEALED.get():
        return
    if event in _NETWORK:
        target = args[0] if event == "urllib.Request" else args[1:2]
        url = getattr(target, "full_url", target)
        if not _to_allowed(event, args):
            raise FetchRefused(f"refused to reach the network ({url}): irkg never fetches")
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        path = os.fsdecode(args[0])
        if not (os.path.realpath(path).startswith(_PACKAGE) or _by_code_reader()):
            raise FetchRefused(f"refused to open {path}: irkg reads only the files it is given")


sys.addaudithook(_hook)


def _by_code_reader() -> bool:
    """Whether the open being audited is made by one of :data:`_CODE_READERS`: the
    function that called ``open`` (or the one that called it) is theirs."""
    frame: FrameType | None = sys._getframe(2)  # past this function's and the hook's
    for _ in range(2):
        if frame is None:
            return False
        if frame.f_globals.get("__name__") in _CODE_READERS:
            return True
        frame = frame.f_back
    return False


def _to_allowed(event: str, args: tuple[Any, ...]) -> bool:
    """Whether a network event goes to the store's own server, the one place allowed."""
    allowed = _ALLOWED.get()
    if allowed is None:
        return False
    if event == "urllib.Request":
        parts = urlsplit(str(args[0]))
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return (parts.hostname or "", port) == allowed
    if event == "socket.getaddrinfo":
        return (str(args[0]), int(args[1] or 0)) == allowed
    if event in ("socket.connect", "http.client.connect"):
        address = args[1] if event == "socket.connect" else args[1:3]
        if isinstance(address, tuple) and len(address) >= 2:
            host, port = str(address[0]), int(address[1])
            return port == allowed[1] and host in _addresses(allowed[0])
    return False


def _addresses(host: str) -> set[str]:
    """A host's name and the addresses it resolves to (looked up before sealing)."""
    return {host, *_RESOLVED.get(host, ())}


_RESOLVED: dict[str, tuple[str, ...]] = {}


@contextmanager
def sealed(allow: str | None = None) -> Iterator[None]:
    """Within this block, opening a URL, a socket or a file raises :class:`~irkg.errors.FetchRefused`.

    ``allow`` names the one server that may still be reached (a SPARQL store's endpoint):
    only its host and port.

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
    allowed = None
    if allow:
        parts = urlsplit(allow)
        host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
        if host not in _RESOLVED:
            try:
                _RESOLVED[host] = tuple(
                    {str(info[4][0]) for info in socket.getaddrinfo(host, port)}
                )
            except OSError:
                _RESOLVED[host] = ()
        allowed = (host, port)
    token, permit = _SEALED.set(True), _ALLOWED.set(allowed)
    try:
        yield
    finally:
        _SEALED.reset(token)
        _ALLOWED.reset(permit)
