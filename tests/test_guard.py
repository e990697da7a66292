"""Nothing in any input makes irkg open a URL or a file it was not given."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES
from irkg.errors import DataError, FetchRefused
from irkg.guard import sealed
from irkg.loaders import load_rdf_files

HOSTILE = EXAMPLES / "hostile"


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request it gets."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            body = b'{"@context": {"name": "http://schema.org/name"}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("example", ["import_context.jsonld", "remote_context.jsonld"])
def test_guard_jsonld_never_fetches_a_context(
    example: str, listener: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, seen = listener
    text = (HOSTILE / example).read_text(encoding="utf-8").replace("http://LISTENER", url)
    path = tmp_path / example
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_rdf_files([path])
    assert seen == []
    (issue,) = caught.value.issues
    assert issue.file == str(path)
    assert "refused to reach the network" in issue.message and "irkg never fetches" in issue.message


@pytest.mark.parametrize("target", ["/etc/hostname", "/no/such/file.jsonld"])
def test_guard_jsonld_never_reads_a_local_file_and_does_not_tell_if_it_exists(
    target: str, tmp_path: Path
) -> None:
    text = (HOSTILE / "import_context.jsonld").read_text(encoding="utf-8")
    path = tmp_path / "local.jsonld"
    path.write_text(text.replace("http://LISTENER/ctx", f"file://{target}"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_rdf_files([path])
    message = caught.value.issues[0].message
    assert message == f"refused to open {target}: irkg reads only the files it is given"


def test_guard_is_inert_outside_a_sealed_block(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("ok", encoding="utf-8")
    assert path.read_text(encoding="utf-8") == "ok"
    with sealed(), pytest.raises(FetchRefused):
        path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == "ok"
