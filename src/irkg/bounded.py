"""Work with a time bound that really stops it: run in a forked child, killed when late.

rdflib's engine has no timeout of its own, and a pathological query (a cross join, a
regular expression that backtracks) never returns; a thread cannot be stopped. So the
work runs in a child process forked from this one (the loaded graph comes along for
free) and is killed when its time is up.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from irkg.errors import IrkgError, QueryError

__all__ = ["run_bounded"]


def run_bounded(work: Callable[[], None], timeout: float) -> tuple[str, str]:
    """Run ``work`` with at most ``timeout`` seconds; return what it printed to standard
    output and to standard error.

    An :class:`~irkg.errors.IrkgError` raised by ``work`` is raised here as one of its
    class, with the same message, attributes and exit code. Where processes cannot be forked, ``work`` runs in this one,
    unbounded.

    Raises:
        QueryError: when the time is up (the child is killed).

    Example:
        >>> run_bounded(lambda: print("hello"), timeout=5)
        ('hello\\n', '')
        >>> import time
        >>> run_bounded(lambda: time.sleep(10), timeout=0.2)
        Traceback (most recent call last):
        ...
        irkg.errors.QueryError: stopped after 0.2 s (--timeout): narrow the question or allow more time
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return _capture(work)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(
                f"stopped after {timeout:g} s (--timeout): narrow the question or allow more time"
            )
        kind, payload, code = receiver.recv()
    except EOFError as exc:
        raise IrkgError(f"the work stopped unexpectedly (exit code {child.exitcode})") from exc
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind == "error":
        kind_of, message, state = payload
        raise _rebuilt(kind_of, message, state, code)
    out, err = payload
    return out, err


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


def _child(work: Callable[[], None], sender: Connection) -> None:
    try:
        sender.send(("text", _capture(work), 0))
    except IrkgError as exc:
        try:
            sender.send(("error", (type(exc), str(exc), vars(exc)), exc.exit_code))
        except Exception:  # what cannot be pickled: the message is what the parent needs
            sender.send(("error", (IrkgError, str(exc), {}), exc.exit_code))
    except BaseException as exc:  # the parent reports it; a child must not print tracebacks
        sender.send(("error", (IrkgError, f"{type(exc).__name__}: {exc}", {}), 1))
    finally:
        sender.close()
        os._exit(0)
