"""Work with a time and a memory bound that really stop it: run in a forked child, killed
when late, refused memory past its share.

rdflib's engine has no timeout of its own, and a pathological query (a cross join, a
regular expression that backtracks) never returns; a thread cannot be stopped. So the
work runs in a child process forked from this one (the loaded graph comes along for
free) and is killed when its time is up.

Time is not enough: a few doubling ``BIND(CONCAT(?x, ?x) AS ?y)`` reach gigabytes in
seconds. So the child may grow its data (the heap and every private writable mapping:
``RLIMIT_DATA``) by at most ``max_memory`` bytes past what it held when it began.
``RLIMIT_AS`` would be the wrong bound: it counts address space that is only reserved
(each of RocksDB's threads, mapped files), and an Oxigraph store does not even open under
300 MiB of it. Past the bound Python raises :class:`MemoryError`, and Oxigraph (Rust)
and RocksDB (C++) abort, writing why to the standard error of the process: the child's
is kept in a file, so the parent can tell that death apart and say it plainly.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import tempfile
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import IO, Any

from irkg.errors import IrkgError, QueryError

__all__ = [
    "MIB",
    "caused_by_memory",
    "died_of_memory",
    "limit_memory",
    "out_of_memory",
    "run_bounded",
]

#: One MiB: ``--max-memory`` counts in these.
MIB = 2**20
#: What an engine writes to standard error as it dies for want of memory: Rust's
#: allocation error handler, and C++'s uncaught ``std::bad_alloc``.
_DIED_OF_MEMORY = (
    b"memory allocation of",
    b"bad_alloc",
    b"Resource temporarily unavailable",  # a thread's stack refused (RocksDB's, in C++)
    b"Anonymous mmap for RocksDB",  # RocksDB's block cache refused when a store opens
)
#: The exit code of a child that ran out of memory and could not even send word of it.
_SHORT = 75
#: The largest bound setrlimit takes (a C long).
_LARGEST = 2**63 - 1


def run_bounded(
    work: Callable[[], None], timeout: float, max_memory: int | None = None
) -> tuple[str, str]:
    """Run ``work`` with at most ``timeout`` seconds and ``max_memory`` more bytes of data
    (None: no memory bound); return what it printed to standard output and to standard
    error.

    An :class:`~irkg.errors.IrkgError` raised by ``work`` is raised here as one of its
    class, with the same message, attributes and exit code. Where processes cannot be forked, ``work`` runs in this one,
    unbounded.

    Raises:
        QueryError: when the time is up (the child is killed), or the work needed more
            memory than ``max_memory``.

    Example:
        >>> run_bounded(lambda: print("hello"), timeout=5)
        ('hello\\n', '')
        >>> import time
        >>> run_bounded(lambda: time.sleep(10), timeout=0.2)
        Traceback (most recent call last):
        ...
        irkg.errors.QueryError: stopped after 0.2 s (--timeout): narrow the question or allow more time
        >>> run_bounded(lambda: print(len(bytearray(400 * MIB))), timeout=20, max_memory=100 * MIB)
        Traceback (most recent call last):
        ...
        irkg.errors.QueryError: the question needed more than 100 MiB of memory (--max-memory): narrow it or allow more memory
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return _capture(work)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    with tempfile.TemporaryFile() as native:  # the child's own standard error (fd 2)
        child = context.Process(target=_child, args=(work, sender, max_memory, native), daemon=True)
        child.start()
        sender.close()
        try:
            if not receiver.poll(timeout):
                raise QueryError(
                    f"stopped after {timeout:g} s (--timeout): narrow the question or allow more time"
                )
            kind, payload, code = receiver.recv()
        except EOFError as exc:
            child.join()
            if max_memory is not None and (child.exitcode == _SHORT or died_of_memory(native)):
                raise out_of_memory(max_memory) from None
            raise IrkgError(f"the work stopped unexpectedly (exit code {child.exitcode})") from exc
        finally:
            if child.is_alive():
                child.kill()
            child.join()
            receiver.close()
        written = _read(native)
    if kind == "memory":
        raise out_of_memory(payload)
    if kind == "error":
        kind_of, message, state = payload
        raise _rebuilt(kind_of, message, state, code)
    out, err = payload
    return out, err + written.decode("utf-8", "replace")


def limit_memory(max_memory: int | None) -> None:
    """Let this process's data grow by at most ``max_memory`` bytes from now (None: leave
    the bound as it is); a hard bound lower than that is kept."""
    if max_memory is None:
        return
    try:
        import resource
    except ImportError:  # not on this system: unbounded, as where nothing can be forked
        return
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    wanted = min(_data_size() + max_memory, _LARGEST)  # past it: as good as no bound
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (wanted, hard))


def out_of_memory(max_memory: int, option: str = "--max-memory") -> QueryError:
    """The error for work that needed more than ``max_memory`` bytes.

    Example:
        >>> print(out_of_memory(300 * MIB, "the server's --max-memory"))
        the question needed more than 300 MiB of memory (the server's --max-memory): narrow it or allow more memory
    """
    return QueryError(
        f"the question needed more than {max_memory / MIB:g} MiB of memory ({option}): "
        "narrow it or allow more memory"
    )


def died_of_memory(native: IO[bytes]) -> bool:
    """Whether what a dead process wrote to ``native`` (its standard error) says it died
    for want of memory."""
    written = _read(native)
    return any(sign in written for sign in _DIED_OF_MEMORY)


def _read(native: IO[bytes]) -> bytes:
    native.seek(0)
    return native.read()


def _data_size() -> int:
    """The bytes of data this process holds now (``VmData``, what ``RLIMIT_DATA`` bounds);
    0 where the system does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def caused_by_memory(exc: BaseException) -> bool:
    """Whether ``exc`` is, or was raised because of, a :class:`MemoryError` (an engine's
    error may wrap one)."""
    seen = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        # A C extension that runs out of memory may say only SystemError ("returned NULL
        # without setting an exception").
        if isinstance(cause, MemoryError | SystemError):
            return True
        # A module imported under the bound may find no room to map its library.
        if isinstance(cause, ImportError) and "failed to map segment" in str(cause):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _capture(work: Callable[[], None]) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        work()
    return out.getvalue(), err.getvalue()


def _rebuilt(kind: type[IrkgError], message: str, state: dict[str, Any], code: int) -> IrkgError:
    """The error the child raised, of its own class (a list of issues is printed as one,
    one line an issue), with its message, attributes and exit code."""
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    error.exit_code = code
    return error


def _child(
    work: Callable[[], None], sender: Connection, max_memory: int | None, native: IO[bytes]
) -> None:
    os.dup2(native.fileno(), 2)  # what an engine writes as it dies (Python's is captured)
    short = False
    try:
        limit_memory(max_memory)
        sender.send(("text", _capture(work), 0))
    except IrkgError as exc:
        short = caused_by_memory(exc)
        if not short:
            try:
                sender.send(("error", (type(exc), str(exc), vars(exc)), exc.exit_code))
            except Exception:  # what cannot be pickled: the message is what the parent needs
                sender.send(("error", (IrkgError, str(exc), {}), exc.exit_code))
    except BaseException as exc:  # the parent reports it; a child must not print tracebacks
        if caused_by_memory(exc):  # answered below, once the traceback lets go of the work
            short = True
        else:
            sender.send(("error", (IrkgError, f"{type(exc).__name__}: {exc}", {}), 1))
    finally:
        try:
            if short:
                sender.send(("memory", max_memory, 0))
            sender.close()
        finally:  # even saying so may need memory that is not there: the exit code says it
            os._exit(_SHORT if short else 0)
