"""Writing files atomically: a reader never sees half a file, nor half a build."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from irkg.errors import ExportError

__all__ = ["write_atomic", "write_folder_atomic"]

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path | str, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Text is written as UTF-8 with ``\\n`` line endings on every platform.

    Raises:
        ExportError: if the folder cannot be created or the file cannot be written.

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
        >>> write_atomic(target, "hello\\n").read_text()
        'hello\\n'
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    return target


def write_folder_atomic(folder: Path | str, files: Mapping[str, bytes | str]) -> list[Path]:
    """Replace ``folder``'s files with ``files`` in one step: a reader, or a build killed at
    any point, finds the old set or the new one, never a mix.

    The new set is written to a hidden sibling folder and exchanged with ``folder`` by one
    ``renameat2(RENAME_EXCHANGE)`` (Linux); where that is missing, by two renames whose gap
    the next call repairs. Files of ``folder`` that are not in ``files`` are kept. Temporary
    files and folders a killed build left behind are removed first.

    Raises:
        ExportError: if the folder cannot be written.

    Example:
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "exports"
        >>> [p.name for p in write_folder_atomic(out, {"a.txt": "1\\n", "b.txt": "2\\n"})]
        ['a.txt', 'b.txt']
        >>> _ = write_folder_atomic(out, {"a.txt": "one\\n", "b.txt": "two\\n"})
        >>> (out / "a.txt").read_text(), sorted(p.name for p in out.parent.iterdir())
        ('one\\n', ['exports'])
    """
    target = Path(folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _recover(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        try:
            for name, data in files.items():
                payload = data.encode("utf-8") if isinstance(data, str) else data
                with open(staging / name, "wb") as handle:
                    handle.write(payload)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(staging / name, 0o666 & ~_umask())
            os.chmod(staging, 0o777 & ~_umask())
            if target.exists():
                for kept in target.iterdir():
                    if kept.name not in files and not kept.name.startswith("."):
                        _copy(kept, staging / kept.name)
                _swap(staging, target)
            else:
                os.rename(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # the old set, after a swap
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    return [target / name for name in files]


def _copy(source: Path, destination: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, destination, symlinks=True)
    else:
        shutil.copy2(source, destination, follow_symlinks=False)


def _swap(staging: Path, target: Path) -> None:
    """Exchange two folders atomically; fall back to two renames where the kernel cannot."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        result = renameat2(
            _AT_FDCWD, os.fsencode(staging), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE
        )
        if result == 0:
            return
    old = target.with_name(f".{target.name}.old-{staging.name.rsplit('-', 1)[-1]}")
    os.rename(target, old)
    os.rename(staging, target)
    os.rename(old, staging)  # removed by the caller, like an exchanged old set


def _recover(target: Path) -> None:
    """Undo what a killed write left: a missing folder with its old set beside it, and
    temporary files and folders."""
    hidden = sorted(target.parent.glob(f".{target.name}.*"))
    olds = [p for p in hidden if p.name.startswith(f".{target.name}.old-")]
    if not target.exists() and olds:
        os.rename(olds[-1], target)
    for leftover in hidden:
        if leftover.exists():
            shutil.rmtree(leftover, ignore_errors=True)
    if target.is_dir():
        for stale in target.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
