"""Every console example of the README runs in a fresh copy of the repository and
prints what the README shows.

A ```` ```console ```` block is a shell session: a line starting ``$ `` is a command
(continued while a quotation is open or the line ends in ``\\``), the lines after it
are what it prints. Each block runs in bash, in a copy of the files a fresh clone
has that the examples read (``data/``, ``exports/``, ``docs/examples/``,
``tests/examples/``), with the ``irkg`` of this Python on the PATH. A printed line
matches its README line with runs of spaces taken as one (tables are aligned to
their content), durations, sizes and rates (``2.95 s``, ``0.0 MB``, ``25 quads/s``)
taken as any number, and a line ``...`` standing for any lines. A command exits 0
unless the README shows its status (``echo $?``).

What a terminal cannot show the same way twice is adapted, and only that: the
set-up commands (``make build``, ``make test``, which runs this very suite) are not
run; ``irkg serve &`` listens on a free port instead of 7878, its log goes to a file
(in a terminal it interleaves with what follows), and the block waits until it
answers; ``BROWSER=true`` keeps ``irkg explore`` from opening a browser.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT

README = ROOT / "README.md"
#: What a fresh clone holds that the examples read.
COPIED = ("data", "exports", "docs/examples", "tests/examples")
SETUP = ("make build", "make test")
MARK = "@@irkg-readme-step"
_VARIES = re.compile(r"\d[\d,]*(?:\.\d+)?(?= (?:s|MB|quads/s)\b)")


@dataclass
class Step:
    """One command of a README session and the lines the README shows it print."""

    line: int
    command: str
    expected: list[str] = field(default_factory=list)


def _complete(command: str) -> bool:
    if command.endswith("\\"):
        return False
    try:
        shlex.split(command, comments=True)
    except ValueError:  # a quotation still open
        return False
    return True


def console_blocks(text: str) -> list[tuple[int, list[Step]]]:
    """The README's console blocks: (line of the block, its steps)."""
    blocks: list[tuple[int, list[Step]]] = []
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        if lines[number].strip() != "```console":
            number += 1
            continue
        start, steps = number + 1, []
        number += 1
        while number < len(lines) and lines[number].strip() != "```":
            line = lines[number]
            if line.startswith("$ "):
                step = Step(number + 1, line[2:])
                while not _complete(step.command) and number + 1 < len(lines):
                    number += 1
                    step.command += "\n" + lines[number]
                steps.append(step)
            elif steps:
                steps[-1].expected.append(line)
            number += 1
        blocks.append((start, steps))
        number += 1
    return blocks


def _normal(line: str) -> str:
    return " ".join(line.split())


def _line_pattern(line: str) -> str:
    return r"[\d,.]+".join(re.escape(part) for part in _VARIES.split(_normal(line)))


def printed_as_shown(expected: list[str], printed: str) -> bool:
    """Whether ``printed`` is what the README's ``expected`` lines show (see above).

    Example:
        >>> printed_as_shown(["built in 2.95 s"], "built in 3.10 s\\n")
        True
        >>> printed_as_shown(["a", "...", "d"], "a\\nb\\nc\\nd\\n")
        True
        >>> printed_as_shown([" total  155"], " [bold]total[/]  [bold]155[/]")
        False
    """
    shown = _trimmed([_normal(line) for line in expected])
    actual = _trimmed([_normal(line) for line in printed.replace("\r", "").splitlines()])
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if line == "..." else _line_pattern(line) + r"\n" for line in shown
    )
    return re.fullmatch(pattern, "".join(line + "\n" for line in actual)) is not None


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _script(steps: list[Step]) -> str:
    """The block as one bash script that marks where each step's output ends."""
    port = _free_port()
    lines = ["exec 2>&1", "__bg=", "trap '[ -n \"$__bg\" ] && kill $__bg 2>/dev/null' EXIT"]
    for step in steps:
        command = step.command.replace("7878", str(port))
        if command.startswith("irkg serve") and command.rstrip().endswith("&"):
            served = command.rstrip()[:-1] + f" --port {port}"
            lines += [
                f"{served} >serve.log 2>&1 &",
                "__bg=$!; __rc=0",
                f"for _ in $(seq 1 150); do curl -s -o /dev/null http://127.0.0.1:{port}/ "
                "&& break; sleep 0.2; done",
            ]
        else:
            lines += [command, "__rc=$?"]
        lines += [f"printf '\\n{MARK} %d\\n' $__rc", "(exit $__rc)"]
    return "\n".join(lines) + "\n"


def _sandbox(folder: Path) -> Path:
    for name in COPIED:
        shutil.copytree(ROOT / name, folder / name)
    return folder


BLOCKS = console_blocks(README.read_text(encoding="utf-8"))


def test_docs_readme_has_console_examples() -> None:
    assert len(BLOCKS) >= 8
    assert all(steps for _, steps in BLOCKS)


@pytest.mark.slow
@pytest.mark.parametrize(("start", "steps"), BLOCKS, ids=[f"README-line-{n}" for n, _ in BLOCKS])
def test_docs_readme_console_example_prints_what_it_shows(
    tmp_path: Path, start: int, steps: list[Step]
) -> None:
    steps = [s for s in steps if not s.command.startswith(SETUP)]
    if not steps:
        pytest.skip("the set-up commands: `make test` runs this suite, `make build` irkg build")
    irkg = Path(sys.executable).parent / "irkg"
    if not irkg.exists():
        pytest.skip(f"no irkg beside {sys.executable}: install the package (make build)")
    if any("curl " in s.command for s in steps) and shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    env = {**os.environ, "PATH": f"{irkg.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.update({"BROWSER": "true", "NO_COLOR": "1", "TERM": "dumb"})
    result = subprocess.run(
        ["bash", "-c", _script(steps)],
        cwd=_sandbox(tmp_path / "clone"),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    outputs = re.split(rf"\n?{MARK} (\d+)\n", result.stdout)
    printed, codes = outputs[0::2], [int(code) for code in outputs[1::2]]
    assert len(codes) == len(steps), f"README line {start}: the block stopped early\n{result}"
    problems = []
    for index, step in enumerate(steps):
        status_shown = index + 1 < len(steps) and steps[index + 1].command == "echo $?"
        if codes[index] != 0 and not status_shown:
            problems.append(f"README line {step.line}: `{step.command}` exited {codes[index]}")
        if not printed_as_shown(step.expected, printed[index]):
            problems.append(
                f"README line {step.line}: `{step.command}` printed\n{printed[index]}\n"
                "where the README shows\n" + "\n".join(step.expected)
            )
    assert problems == [], "\n\n".join(problems)
