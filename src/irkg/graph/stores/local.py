"""A SPARQL server on this machine: `oxigraph serve` (the `oxigraph` PyPI package) on a
free loopback port, for tests, benchmarks and trying `--store sparql:URL` out.

    with OxigraphServer(folder) as url:      # http://127.0.0.1:PORT/query
        KnowledgeGraph.from_data("data").save(f"sparql:{url}")
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from irkg.errors import StoreError

__all__ = ["OxigraphServer"]


class OxigraphServer:
    """`oxigraph serve` on 127.0.0.1, answering over the union of its graphs; kept in
    ``folder``, or in memory without one. Used as a context manager, it gives the query
    endpoint's URL and stops the server on leaving."""

    def __init__(self, folder: Path | None = None, *, wait: float = 20.0) -> None:
        binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
            "oxigraph"
        )
        if binary is None:
            raise StoreError("the oxigraph server is missing: `pip install oxigraph` installs it")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        location = ["--location", str(folder)] if folder is not None else []
        self.process = subprocess.Popen(
            [
                binary,
                "serve",
                *location,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}/query"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise StoreError(f"oxigraph serve did not answer on port {self.port} within {wait:.0f} s")

    def stop(self) -> None:
        """Stop the server (at once: it keeps nothing that a write has not committed)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def __enter__(self) -> str:
        return self.url

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
