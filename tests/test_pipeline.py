"""The build as a library function, and the store it keeps for later commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, ROOT
from irkg.cli import main
from irkg.pipeline import build, kept_store, open_built


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder after `irkg build`: data/, exports/ and the kept store."""
    folder = tmp_path_factory.mktemp("project")
    shutil.copytree(DATA, folder / "data")
    build(folder / "data", folder / "exports")
    return folder


def test_build_reports_what_it_made_and_keeps_the_graph(project: Path) -> None:
    kg = open_built(project / "exports")
    assert kg is not None
    assert kept_store(project / "exports") == project / ".irkg" / "exports"
    assert kg.store.spec == f"oxigraph:{project / '.irkg' / 'exports'}"
    assert [m.label for m in kg.members_of("EAEU")][:2] == ["Armenia", "Belarus"]
    assert len(kg.store) == (project / "exports" / "irkg.nq").read_text().count("\n")


def test_build_kept_store_is_not_trusted_once_the_exports_change(tmp_path: Path) -> None:
    """Exports changed after the build (a git pull, a build killed before the store was
    saved) make the kept store stale: commands read the exports instead."""
    out = tmp_path / "exports"
    report = build(DATA, out)
    assert report.store == f"oxigraph:{tmp_path / '.irkg' / 'exports'}"
    assert open_built(out) is not None
    trig = out / "irkg.trig"
    trig.write_text(trig.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert open_built(out) is None
    (tmp_path / ".irkg" / "exports.stamp").unlink()
    assert open_built(out) is None


def test_cli_ask_opens_the_kept_store(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`irkg ask` in a built project answers from the store the build kept (here one that
    holds a fact loaded into it alone), not from exports/irkg.trig."""
    work = project.parent / "ask-project"
    shutil.copytree(project, work)
    monkeypatch.chdir(work)
    spec = "oxigraph:.irkg/exports"
    loaded = runner.invoke(
        main, ["load", str(ROOT / "docs/examples/more-facts.nt"), "--store", spec]
    )
    assert loaded.exit_code == 0, loaded.output
    query = "SELECT ?c WHERE { ?c rdfs:label 'Kazan' }"
    assert "Kazan" not in (work / "exports" / "irkg.trig").read_text(encoding="utf-8")
    result = runner.invoke(main, ["query", query, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == ["https://w3id.org/irkg/id/city/kazan"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_build_says_what_leaves_the_kept_store(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file loaded into the kept store alone is gone after the next build, which says so."""
    work = project.parent / "rebuilt-project"
    shutil.copytree(project, work)
    monkeypatch.chdir(work)
    more = str(ROOT / "docs/examples/more-facts.nt")
    assert runner.invoke(main, ["load", more, "--store", "oxigraph:.irkg/exports"]).exit_code == 0
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "the store held 1 documents that data does not, now gone" in result.output
    assert "doc/file-more-facts" in result.output


def test_build_is_refused_while_another_writes_the_same_exports(tmp_path: Path) -> None:
    """Two builds into one exports folder at once would leave the stamp vouching for the
    other's store: the second is refused, writing nothing."""
    from irkg.errors import StoreError
    from irkg.folders import exclusive

    out = tmp_path / "exports"
    with exclusive(out), pytest.raises(StoreError, match="another irkg process is writing it"):
        build(DATA, out)
    assert not out.exists() and open_built(out) is None


def test_build_makes_a_damaged_kept_store_again(tmp_path: Path) -> None:
    """The kept store is irkg's copy of the exports: damaged files (here RocksDB's
    CURRENT) make it unreadable, so commands read the exports and the next build makes
    the store again instead of refusing to replace it."""
    out = tmp_path / "exports"
    build(DATA, out)
    (kept_store(out) / "CURRENT").write_text("garbage\n")
    assert open_built(out) is None
    report = build(DATA, out)
    kg = open_built(out)
    assert kg is not None and len(kg.store) == report.saved > 0


@pytest.mark.parametrize("in_the_way", ["file", "folder of notes"])
def test_build_writes_nothing_when_something_is_in_the_kept_store_place(
    tmp_path: Path, in_the_way: str
) -> None:
    """Something that is not a store where the build keeps one is the user's: the build
    refuses before it writes any export, naming the place."""
    from irkg.errors import StoreError

    out = tmp_path / "exports"
    place = kept_store(out)
    place.parent.mkdir()
    if in_the_way == "file":
        place.write_text("mine\n")
    else:
        place.mkdir()
        (place / "notes.txt").write_text("mine\n")
    with pytest.raises(StoreError, match=str(place)):
        build(DATA, out)
    assert not out.exists()
