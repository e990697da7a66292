"""Worker processes that answer queries, each with the graph open, killed when late.

Neither rdflib nor pyoxigraph can stop a query once it runs, and a thread cannot be
stopped either: so every query runs in a worker process of its own, and a worker
whose query outlives its time is killed and replaced. Each worker opens the graph
itself when it starts (a store is opened read-only; files are read), so that a slow
query holds one worker while the others go on answering.

Memory is bounded the same way (:func:`irkg.bounded.limit_memory`): once a worker has
the graph open, its data may grow by ``max_memory`` bytes at most. A query that needs
more gets a 503 saying so: Python's :class:`MemoryError` is answered by the worker, and
a worker that Oxigraph aborted (what it writes as it dies goes to a file of its own,
not the server's log) is replaced like one killed when late.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from irkg.bounded import caused_by_memory, died_of_memory, limit_memory, out_of_memory

__all__ = ["Answer", "Pool", "Timeout", "Unavailable"]


@dataclass(frozen=True)
class Answer:
    """What a worker sends back: an HTTP status, a media type and a body, and how many
    rows the answer held (``total``) and gave (``rows``)."""

    status: int
    media_type: str
    body: bytes
    rows: int = 0
    total: int = 0


class Timeout(Exception):
    """A job outlived its time (its worker was killed), or found no idle worker in time
    (``waited``), or its worker died under it (``died``)."""

    def __init__(self, *, waited: bool = False, died: bool = False) -> None:
        super().__init__("waited" if waited else "died" if died else "ran")
        self.waited, self.died = waited, died


class Unavailable(Exception):
    """The graph cannot be opened now (a store folder moved away or unreadable): the
    workers that had it are kept, and the next restart tries again."""


class _Worker:
    def __init__(
        self,
        context: Any,
        opener: Callable[[], Any],
        handler: Callable[..., Answer],
        generation: int,
        max_memory: int | None,
    ) -> None:
        self.generation, self.max_memory = generation, max_memory
        self.conn, child = context.Pipe()
        #: The worker's own standard error (fd 2), where an engine says why it aborted.
        handle, self.native_path = tempfile.mkstemp(prefix="irkg-worker-", suffix=".err")
        self.native = os.fdopen(handle, "rb")
        self.process: BaseProcess = context.Process(
            target=_serve,
            args=(child, opener, handler, max_memory, self.native_path),
            daemon=True,
        )
        self.process.start()
        child.close()
        #: One kill at a time, and once: a replacing thread and the pool's stop may both
        #: kill a worker.
        self._killing = threading.Lock()
        self._killed = False

    def died_of_memory(self) -> bool:
        """Whether the worker is dead for want of memory."""
        self.process.join(5)
        return self.max_memory is not None and died_of_memory(self.native)

    def kill(self) -> None:
        with self._killing:
            if self._killed:
                return
            self._killed = True
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
            self.conn.close()
            self.native.close()
            with contextlib.suppress(OSError):
                os.unlink(self.native_path)


class Pool:
    """``size`` worker processes, each with what ``opener()`` returns (the graph), and
    each job run as ``handler(graph, *job)`` in one of them.

    Args:
        opener: opens the graph in a worker (pickled: a module-level function or a
            :func:`functools.partial` of one).
        handler: answers one job (likewise).
        size: how many jobs run at once.
        max_memory: the bytes of data a job may add to a worker that has the graph open
            (None: no bound).
    """

    def __init__(
        self,
        opener: Callable[[], Any],
        handler: Callable[..., Answer],
        size: int = 2,
        max_memory: int | None = None,
    ) -> None:
        self._context = multiprocessing.get_context("spawn")  # no locks copied mid-held
        self.opener, self._handler = opener, handler
        self._idle: asyncio.Queue[_Worker] | None = None
        self._lock = threading.Lock()
        self.size, self.max_memory = size, max_memory
        self._workers: list[_Worker] = []
        self._generation = 0
        self._stopped = False

    async def start(self) -> None:
        """Start the workers and wait until each has the graph open."""
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        workers = [self._spawn() for _ in range(self.size)]
        for worker in workers:
            await loop.run_in_executor(None, self._ready, worker)
            self._idle.put_nowait(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(
            self._context, self.opener, self._handler, self._generation, self.max_memory
        )
        with self._lock:
            self._workers.append(worker)
        if self._stopped:  # stopped while this one started (a worker being replaced)
            self._retire(worker)
        return worker

    @staticmethod
    def _ready(worker: _Worker) -> None:
        """Wait for the worker's first word: "ready", or why it could not open the graph."""
        word = worker.conn.recv()
        if word != "ready":
            raise RuntimeError(str(word))

    async def run(self, job: tuple[Any, ...], timeout: float) -> Answer:
        """Run ``job`` in an idle worker within ``timeout`` seconds (waiting for a worker
        counts too).

        Raises:
            Timeout: when the time is up (the worker running it is killed and replaced).
        """
        assert self._idle is not None, "the pool is not started"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError as exc:
            raise Timeout(waited=True) from exc
        left = max(deadline - loop.time(), 0.001)
        try:
            worker.conn.send(job)
            if await _readable(worker.conn, left):
                answer: Answer = worker.conn.recv()
                if worker.generation == self._generation:
                    self._idle.put_nowait(worker)
                else:  # the graph was reopened meanwhile: this worker has the old one
                    self._retire(worker)
                return answer
        except (EOFError, OSError, BrokenPipeError) as exc:
            starved = worker.died_of_memory()
            self._replace(worker)  # the worker died under the job
            if starved:
                assert self.max_memory is not None
                return _out_of_memory(self.max_memory)
            raise Timeout(died=True) from exc
        self._replace(worker)
        raise Timeout

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)

    async def restart(self) -> None:
        """Give every job from now on a worker that opened the graph afresh (the store
        changed): idle workers are killed once the new ones are ready, busy ones when
        their job is done.

        Raises:
            Unavailable: if a new worker cannot open the graph; the pool is left as it
                was (its workers, the old graph), so a later restart can try again.
        """
        assert self._idle is not None
        loop = asyncio.get_running_loop()
        fresh = [
            _Worker(
                self._context, self.opener, self._handler, self._generation + 1, self.max_memory
            )
            for _ in range(self.size)
        ]
        try:
            for worker in fresh:
                await loop.run_in_executor(None, self._ready, worker)
        except (RuntimeError, EOFError, OSError) as exc:
            for worker in fresh:
                worker.kill()
            raise Unavailable(str(exc) or type(exc).__name__) from exc
        self._generation += 1
        while not self._idle.empty():
            self._retire(self._idle.get_nowait())
        with self._lock:
            self._workers.extend(fresh)
        for worker in fresh:
            self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in the background."""
        self._retire(worker)
        if worker.generation != self._generation:
            return  # a restart has made its own
        loop = asyncio.get_running_loop()
        idle = self._idle
        assert idle is not None

        def replace() -> None:
            # Until one opens the graph (a store briefly unreadable must not shrink the
            # pool for good), or the pool is restarted or stopped.
            pause = 0.25
            while worker.generation == self._generation and not self._stopped:
                fresh = self._spawn()
                try:
                    self._ready(fresh)
                except (RuntimeError, EOFError, OSError):
                    self._retire(fresh)
                    time.sleep(pause)
                    pause = min(pause * 2, 5.0)
                    continue
                loop.call_soon_threadsafe(idle.put_nowait, fresh)
                return

        threading.Thread(target=replace, daemon=True).start()

    def stop(self) -> None:
        """Kill every worker."""
        self._stopped = True
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.kill()


async def _readable(conn: Connection, timeout: float) -> bool:
    """Wait until ``conn`` has something to read (or the worker closed it), at most
    ``timeout`` seconds, without holding a thread."""
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(conn.fileno(), wake)
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(conn.fileno())


def _out_of_memory(max_memory: int) -> Answer:
    message = str(out_of_memory(max_memory, "the server's --max-memory"))
    return Answer(503, "text/plain; charset=utf-8", message.encode())


def _serve(
    conn: Connection,
    opener: Callable[[], Any],
    handler: Callable[..., Answer],
    max_memory: int | None,
    native: str,
) -> None:
    """A worker's life: open the graph, say so, then answer jobs (each within
    ``max_memory`` bytes more) until the pipe closes. What engines write to standard
    error goes to the file ``native``; Python's still goes to the server's."""
    sys.stderr = open(os.dup(2), "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
    with open(native, "ab") as written:
        os.dup2(written.fileno(), 2)
    try:
        graph = opener()
    except Exception as exc:  # say why, and stop
        conn.send(f"{type(exc).__name__}: {exc}")
        return
    limit_memory(max_memory)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        starved = False
        try:
            answer = handler(graph, *job)
        except OSError:  # the store's files, unreadable under the worker: try again
            message = "the graph's store could not be read just now; try again"
            answer = Answer(503, "text/plain; charset=utf-8", message.encode())
        except Exception as exc:  # a bug in a handler is a 500, not a dead worker
            starved = caused_by_memory(exc)
            message = f"internal error: {type(exc).__name__}"
            answer = Answer(500, "text/plain; charset=utf-8", message.encode())
        if starved and max_memory is not None:  # answered once the work is let go of
            answer = _out_of_memory(max_memory)
        conn.send(answer)
