"""A SPARQL server on this machine, on free loopback ports, for tests, benchmarks and
trying `--store sparql:URL` out: `oxigraph serve` (the `oxigraph` PyPI package), or
Virtuoso (Debian's `virtuoso-opensource`, `make virtuoso` checks irkg against it).

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

__all__ = ["OxigraphServer", "VirtuosoServer"]


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
        self.port = _free_port()
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
        _wait(self, "oxigraph serve", wait)

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


class VirtuosoServer(OxigraphServer):
    """Virtuoso Open Source (``virtuoso-t``, Debian's ``virtuoso-opensource``) with a
    database and configuration of its own in ``folder``, its SQL and HTTP ports on
    127.0.0.1; anonymous SPARQL may update (its one user is the test). ``env`` holds the
    variables that point irkg at its update and Graph Store endpoints."""

    def __init__(self, folder: Path, *, wait: float = 60.0) -> None:
        binary = shutil.which("virtuoso-t")
        if binary is None:
            raise StoreError("Virtuoso is missing: `apt-get install virtuoso-opensource`")
        self.port, sql = _free_port(), _free_port()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "virtuoso.ini").write_text(
            _VIRTUOSO_INI.format(db=folder, sql=sql, http=self.port), encoding="utf-8"
        )
        self.process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{self.port}"
        self.url = f"{base}/sparql"
        self.env = {
            "IRKG_SPARQL_UPDATE": self.url,
            "IRKG_SPARQL_STORE": f"{base}/sparql-graph-crud",
        }
        _wait(self, "Virtuoso", wait)
        grant = subprocess.run(
            [
                shutil.which("isql-vt") or "isql-vt",
                f"127.0.0.1:{sql}",
                "dba",
                "dba",
                'exec=GRANT SPARQL_UPDATE TO "SPARQL"; '
                "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);",
            ],
            capture_output=True,
            text=True,
            timeout=wait,
            check=False,
        )
        if grant.returncode != 0:
            self.stop()
            raise StoreError(f"Virtuoso refused the grants: {grant.stdout}{grant.stderr}")


_VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(server: OxigraphServer, name: str, wait: float) -> None:
    """Return once ``server`` takes connections on its port; else stop it and say so."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=0.2).close()
            return
        except OSError:
            if server.process.poll() is not None:
                break
            time.sleep(0.05)
    server.stop()
    raise StoreError(f"{name} did not answer on port {server.port} within {wait:.0f} s")
