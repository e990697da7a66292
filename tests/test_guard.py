"""Nothing in any input makes irkg open a URL or a file it was not given."""

from __future__ import annotations

import http.server
import json
import pkgutil
import threading
import warnings
from collections.abc import Iterator
from importlib import metadata
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


def _installed_json() -> Path:
    """A JSON file that an installed distribution ships (in site-packages)."""
    for dist in sorted(metadata.distributions(), key=lambda d: d.metadata["Name"] or ""):
        for file in dist.files or []:
            if file.suffix == ".json" and Path(str(dist.locate_file(file))).is_file():
                return Path(str(dist.locate_file(file)))
    pytest.fail("no installed distribution ships a .json file")


def test_guard_refuses_a_context_inside_the_python_installation(tmp_path: Path) -> None:
    target = _installed_json()
    path = tmp_path / "installed.jsonld"
    context = {"@context": target.as_uri(), "@id": "urn:a", "urn:p": "v"}
    path.write_text(json.dumps(context), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_rdf_files([path])
    # Refused by the audit hook, which runs before the file is opened.
    assert [str(issue) for issue in caught.value.issues] == [
        f"{path}: refused to open {target}: irkg reads only the files it is given"
    ]


def test_guard_lets_imports_package_resources_and_warnings_read_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "irkg_guard_lazy.py"
    module.write_text("import json\n\nVALUE = 1  # the line\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with sealed():
        import irkg_guard_lazy  # a module a parser imports lazily

        stoplist = pkgutil.get_data("justext", "stoplists/English.txt")  # by resource name
        shown = warnings.formatwarning("careful", UserWarning, str(module), 3)  # its source
    assert irkg_guard_lazy.VALUE == 1
    assert stoplist is not None and b"the" in stoplist.split()
    assert shown.endswith("UserWarning: careful\n  VALUE = 1  # the line\n")
