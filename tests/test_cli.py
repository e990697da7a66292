from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import DATA, EXAMPLES, ROOT
from irkg import __version__
from irkg.cli import main
from irkg.exports import EXPORT_FILES


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_build_writes_every_export_and_summarises(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", "--data", str(DATA), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(EXPORT_FILES)
    assert "SHACL: conforms" in result.output
    assert re.search(r"Country\s+11", result.output)
    assert (
        "sources: background, india-russia-business-summit, moscow-diplomats-meeting"
        in result.output
    )
    assert "stated 5.8, computed 6.8 (DISAGREES" in result.output
    assert re.search(r"built in \d+\.\d\d s", result.output)


def test_cli_build_on_bad_data_fails_cleanly_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("unknown_property.yaml", "wrong_type.yaml"):
        shutil.copy(EXAMPLES / "invalid" / name, data / name)
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 2
    assert "problems in the input data" in result.output
    assert "unknown_property.yaml:16" in result.output and "wrong_type.yaml:10" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_build_on_shape_violation_exits_3_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(EXAMPLES / "shacl-invalid" / "statement_without_speaker.yaml", data / "a.yaml")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 3
    assert "a statement needs an irkg:speaker" in result.output
    assert not out.exists()


def test_cli_validate_reports_conformance(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--data", str(DATA)])
    assert result.exit_code == 0
    assert "conforms" in result.output


def test_cli_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_cli_every_command_has_help_and_is_in_the_readme(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert command.help, f"irkg {name} has no help text"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert f"irkg {name}" in readme, f"README does not mention `irkg {name}`"
