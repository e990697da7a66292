"""Reading an input file: a regular file only, never a FIFO, a device or a socket.

Every file irkg is given (a data file, an RDF file, a review, a query file) is read
here. A FIFO named ``*.ttl`` would make a read wait for a writer forever, and a device
never ends: both are refused by name, before their contents are asked for. The file is
opened without waiting (``O_NONBLOCK``) and checked again once open, so a file swapped
for a FIFO between the check and the open is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from irkg.errors import DataError, Issue

__all__ = ["check_regular", "read_file", "read_text"]

#: What a file that is not a regular one is, as an error message says it.
_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def read_file(path: Path | str) -> bytes:
    """The bytes of the regular file at ``path`` (a link to one is followed).

    Raises:
        DataError: naming the file, if it is missing, unreadable, or not a regular file
            (a FIFO, a device, a socket, a folder).

    Example:
        >>> read_file("/dev/null")
        Traceback (most recent call last):
        ...
        irkg.errors.DataError: 1 problem in the input data:
          /dev/null: not a regular file but a character device: irkg reads only regular files
    """
    where = str(path)
    check_regular(path)  # before the open: opening some devices already does something
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            _check(where, os.fstat(handle.fileno()).st_mode)
            return handle.read()
    except OSError as exc:
        raise _refused(where, f"cannot read the file: {exc.strerror or exc}") from exc


def read_text(path: Path | str) -> str:
    """The text of the regular file at ``path``, read as UTF-8 (see :func:`read_file`).

    Raises:
        DataError: as :func:`read_file` does, and for a file that is not UTF-8 text.

    Example:
        >>> import tempfile, pathlib
        >>> query = pathlib.Path(tempfile.mkdtemp()) / "q.rq"
        >>> _ = query.write_text("ASK {}")
        >>> read_text(query)
        'ASK {}'
    """
    raw = read_file(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refused(str(path), f"not UTF-8 text (byte {exc.start} cannot be read)") from exc


def check_regular(path: Path | str) -> None:
    """Refuse ``path`` unless it is a regular file (or a link to one), without opening it:
    for a reader elsewhere (a store's bulk loader) that is about to read it.

    Raises:
        DataError: as :func:`read_file` does, for a missing or an irregular file.
    """
    try:
        _check(str(path), os.stat(path).st_mode)
    except OSError as exc:
        raise _refused(str(path), f"cannot read the file: {exc.strerror or exc}") from exc


def _check(where: str, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a file")
        raise _refused(where, f"not a regular file but {kind}: irkg reads only regular files")


def _refused(where: str, message: str) -> DataError:
    return DataError([Issue(where, None, None, None, message)])
