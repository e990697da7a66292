"""Every reader takes regular files only: a FIFO (or a device, a socket) given to any
command is refused by name at once, never read until a writer comes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from irkg.errors import DataError
from irkg.loaders import load_data_dir, read_file, read_text


def irkg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command line, in its own process: a read that waits on a FIFO fails the
    test at the timeout (the process is killed) instead of hanging the suite."""
    return subprocess.run(
        [sys.executable, "-m", "irkg.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder of one valid file, a review folder, and a FIFO beside them."""
    (tmp_path / "data").mkdir()
    shutil.copy(EXAMPLES / "valid" / "minimal.yaml", tmp_path / "data")
    os.mkfifo(tmp_path / "pipe")
    return tmp_path


@pytest.mark.parametrize(
    ("fifo", "command"),
    [
        ("data/extra.ttl", ["validate", "--data", "data"]),
        ("data/extra.yaml", ["validate", "--data", "data"]),  # not skipped in silence
        ("data/extra.ttl", ["build", "--data", "data", "--out", "out"]),
        ("graph.ttl", ["query", "ASK {}", "--graph", "graph.ttl"]),
        ("query.rq", ["query", "@query.rq"]),
        ("graph.ttl", ["serve", "--graph", "graph.ttl", "--port", "0"]),
        ("review.yaml", ["accept", "review.yaml", "--data", "data"]),
        ("article.txt", ["ingest", "article.txt", "--data", "data", "--review", "review"]),
    ],
)
def test_read_file_refuses_a_fifo_given_to_any_command(
    folder: Path, fifo: str, command: list[str]
) -> None:
    os.rename(folder / "pipe", folder / fifo)
    result = irkg(*command, cwd=folder)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{fifo}: not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (folder / "out").exists()


def test_read_file_says_what_the_file_is(folder: Path) -> None:
    result = irkg("query", f"@{folder / 'pipe'}", cwd=folder)
    assert result.stderr == (
        f"error: 1 problem in the input data:\n  {folder / 'pipe'}: not a regular file but "
        "a FIFO (named pipe): irkg reads only regular files\n"
    )


def test_read_file_refuses_a_device_and_a_folder_by_name(tmp_path: Path) -> None:
    with pytest.raises(DataError) as device:
        read_file("/dev/null")
    assert [str(i) for i in device.value.issues] == [
        "/dev/null: not a regular file but a character device: irkg reads only regular files"
    ]
    with pytest.raises(DataError, match="not a regular file but a folder"):
        read_text(tmp_path)


def test_read_file_follows_a_link_to_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "real.rq").write_text("ASK {}", encoding="utf-8")
    (tmp_path / "link.rq").symlink_to(tmp_path / "real.rq")
    assert read_text(tmp_path / "link.rq") == "ASK {}"


def test_load_data_dir_reports_a_broken_link_named_like_a_data_file(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "valid" / "minimal.yaml", tmp_path)
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(DataError) as caught:
        load_data_dir(tmp_path)
    assert [str(i) for i in caught.value.issues] == [
        f"{tmp_path / 'gone.yaml'}: cannot read the file: No such file or directory"
    ]
