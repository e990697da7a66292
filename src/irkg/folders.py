"""Replacing a whole folder in one step, and one writer at a time.

A build's exports and an Oxigraph store are folders that must never be seen half
written: the new contents are made in a hidden sibling folder and exchanged with the
old one in one ``renameat2(RENAME_EXCHANGE)`` (Linux), or, where the kernel lacks it,
by two renames whose gap the next call repairs. A lock file beside the folder keeps a
second writer out.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from irkg.errors import StoreError

__all__ = ["exclusive", "replace_folder"]

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def umask() -> int:
    """The process's file-creation mask (read without changing it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_folder(target: Path, fill: Callable[[Path], None]) -> None:
    """Make ``target``'s new contents with ``fill(staging)`` and swap them in at once.

    ``fill`` gets an empty hidden sibling folder; when it returns, that folder takes
    ``target``'s place in one step and the old contents are removed. If ``fill`` raises,
    or the process dies, ``target`` is as it was (what a killed call leaves is cleaned up
    by the next one).

    Raises:
        OSError: if the folder cannot be written; whatever ``fill`` raises.

    Example:
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "store"
        >>> replace_folder(out, lambda new: (new / "a").write_text("1"))
        >>> replace_folder(out, lambda new: (new / "b").write_text("2"))
        >>> sorted(p.name for p in out.iterdir()), sorted(p.name for p in out.parent.iterdir())
        (['b'], ['store'])
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        fill(staging)
        _keep_mode_and_owner(staging, target)
        if target.exists():
            swap(staging, target)
        else:
            os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # the old contents, after a swap


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold the writer's lock of ``target`` (a ``.NAME.lock`` file beside it).

    Raises:
        StoreError: at once, if another process holds it.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.with_name(f".{target.name}.lock")
    with open(lock, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(
                f"{target}: another irkg process is writing it; try again when it has finished"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def copy(source: Path, destination: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, destination, symlinks=True)
    else:
        shutil.copy2(source, destination, follow_symlinks=False)


def swap(staging: Path, target: Path) -> None:
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


def _keep_mode_and_owner(staging: Path, target: Path) -> None:
    """The new folder gets the old one's permissions and owner (a fresh one: the umask's)."""
    try:
        old = os.stat(target)
    except FileNotFoundError:
        os.chmod(staging, 0o777 & ~umask())
        return
    os.chmod(staging, stat.S_IMODE(old.st_mode))
    if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):  # only root may give a folder away
            os.chown(staging, old.st_uid, old.st_gid)


#: What this module and :func:`irkg.exports.files.write_atomic` leave behind when
#: killed: ``.NAME.new-XXXXXXXX(.tmp)`` and ``.NAME.old-XXXXXXXX`` beside a folder (mkdtemp's
#: eight characters), ``.FILE.XXXXXXXX.tmp`` in it. Nothing else is ever removed.
_RANDOM = r"[a-z0-9_]{8}"


def recover(target: Path) -> None:
    """Undo what a killed write left: a missing folder with its old set beside it, and
    irkg's own temporary files and folders (a user's ``.NAME.backup`` stays)."""
    # (RocksDB's checkpoint, an Oxigraph backup, first makes NEW.tmp, then renames it)
    ours = re.compile(rf"\.{re.escape(target.name)}\.(new|old)-{_RANDOM}(\.tmp)?")
    hidden = sorted(p for p in target.parent.glob(f".{target.name}.*") if ours.fullmatch(p.name))
    olds = [p for p in hidden if p.name.startswith(f".{target.name}.old-")]
    if not target.exists() and olds:
        os.rename(olds[-1], target)
    for leftover in hidden:
        if leftover.exists() and leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    if target.is_dir():
        stale = re.compile(rf"\..+\.{_RANDOM}\.tmp")
        for tmp in target.glob(".*.tmp"):
            if stale.fullmatch(tmp.name) and not tmp.is_dir():
                tmp.unlink(missing_ok=True)
