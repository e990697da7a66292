"""Writing files atomically: a reader never sees half a file, nor half a build."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from irkg.errors import ExportError
from irkg.folders import copy, recover, replace_folder, umask

__all__ = ["write_atomic", "write_folder_atomic"]

#: What a killed build left is repaired by the next write (see :func:`irkg.folders.recover`).
_recover = recover


def write_atomic(path: Path | str, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Text is written as UTF-8 with ``\\n`` line endings on every platform. A link is
    written through (the link stays); anything there that is not a regular file (a
    device such as ``/dev/null``, a FIFO, a folder) is refused, never replaced.

    Raises:
        ExportError: if the folder cannot be created, the file cannot be written, or
            something other than a regular file stands at ``path``.

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
        >>> write_atomic(target, "hello\\n").read_text()
        'hello\\n'
    """
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        raise ExportError(
            f"{path}: {_kind(target)} stands there, not a regular file; irkg writes "
            "only regular files: give another name"
        )
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.chmod(tmp, 0o666 & ~umask())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    return Path(path)


def _kind(path: Path) -> str:
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"


def write_folder_atomic(folder: Path | str, files: Mapping[str, bytes | str]) -> list[Path]:
    """Replace ``folder``'s files with ``files`` in one step: a reader, or a build killed at
    any point, finds the old set or the new one, never a mix.

    The new set is written to a hidden sibling folder and exchanged with ``folder`` by one
    ``renameat2(RENAME_EXCHANGE)`` (Linux); where that is missing, by two renames whose gap
    the next call repairs. Every other entry of ``folder`` is kept, hidden ones too (a
    ``.git``, a ``.env``). Temporary files and folders a killed build left behind are
    removed first. A symbolic link to a folder is written through: the link stays.

    Raises:
        ExportError: if the folder cannot be written, is not a folder, or is the working
            folder or one above it (it cannot be swapped while in use).

    Example:
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "exports"
        >>> [p.name for p in write_folder_atomic(out, {"a.txt": "1\\n", "b.txt": "2\\n"})]
        ['a.txt', 'b.txt']
        >>> _ = write_folder_atomic(out, {"a.txt": "one\\n", "b.txt": "two\\n"})
        >>> (out / "a.txt").read_text(), sorted(p.name for p in out.parent.iterdir())
        ('one\\n', ['exports'])
    """
    target = _swappable(Path(folder))

    def fill(staging: Path) -> None:
        for name, data in files.items():
            payload = data.encode("utf-8") if isinstance(data, str) else data
            with open(staging / name, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(staging / name, 0o666 & ~umask())
        if target.exists():
            for kept in target.iterdir():
                if kept.name not in files:
                    copy(kept, staging / kept.name)

    try:
        replace_folder(target, fill)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    return [Path(folder) / name for name in files]


def _swappable(folder: Path) -> Path:
    """The real folder behind ``folder`` (through links, ``.`` and ``..``), checked to be
    one a swap may replace."""
    target = Path(os.path.realpath(folder))
    if target.exists() and not target.is_dir():
        raise ExportError(f"{folder}: not a folder; give a folder for the exports")
    here = Path.cwd().resolve()
    if target == here or target in here.parents:
        raise ExportError(
            f"{folder}: this is the folder irkg runs in (or one above it), which cannot be "
            "replaced while in use; give a folder of its own, such as exports/"
        )
    return target
