"""The irkg command line: parse, call the API, print. Errors become messages, not tracebacks."""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from irkg import __version__
from irkg.errors import IrkgError, ValidationError

F = TypeVar("F", bound=Callable[..., Any])

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Folder of curated YAML data.",
)
out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("exports"),
    show_default=True,
    help="Folder the exports are written to.",
)


def _handle_errors(command: F) -> F:
    """Turn irkg's errors into a clean message on stderr and the error's exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except IrkgError as exc:
            _err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="irkg")
def main() -> None:
    """irkg: the India-Russia knowledge graph.

    Build the graph from the curated data, validate it, and write its exports.
    """


@main.command()
@data_option
@out_option
@click.option("--no-reason", is_flag=True, help="Skip OWL 2 RL reasoning (faster, fewer triples).")
@_handle_errors
def build(data_dir: Path, out_dir: Path, no_reason: bool) -> None:
    """Load the data, reason, validate with SHACL and write every export.

    Exits non-zero, writing nothing, if the data has errors or breaks a shape.
    """
    from irkg.exports import write_exports
    from irkg.graph import KnowledgeGraph

    started = time.perf_counter()
    kg = KnowledgeGraph.from_data(data_dir, reason=not no_reason)
    report = kg.validate()
    if not report.conforms:
        raise ValidationError(f"{report}\nNothing was written.")
    stats = kg.stats()
    checks = kg.check_figures()
    written = write_exports(kg, out_dir)
    elapsed = time.perf_counter() - started

    table = Table(title="Entities by class", title_justify="left", show_edge=False, box=None)
    table.add_column("class")
    table.add_column("count", justify="right")
    for name, count in stats.entities_by_class.items():
        table.add_row(name, str(count))
    table.add_row("[bold]total[/]", f"[bold]{stats.entities}[/]")
    _out.print(table)
    _out.print(
        f"\nfacts: {stats.facts} asserted in {stats.graphs} source graphs, "
        f"{stats.inferred} inferred"
    )
    _out.print("sources: " + ", ".join(s.rsplit("/", 1)[-1] for s in stats.sources))
    _out.print("SHACL: conforms")
    disagreements = [c for c in checks if not c.agrees]
    _out.print(f"figure checks: {len(checks)} run, {len(disagreements)} disagreement(s)")
    for check in disagreements:
        _out.print(f"  [yellow]warning:[/] {check}", markup=True)
    _out.print(f"wrote {len(written)} files to {out_dir}/: " + ", ".join(p.name for p in written))
    _out.print(f"built in {elapsed:.2f} s")


@main.command()
@data_option
@_handle_errors
def validate(data_dir: Path) -> None:
    """Validate the curated data against the SHACL shapes and print the report."""
    from irkg.graph import KnowledgeGraph

    kg = KnowledgeGraph.from_data(data_dir, reason=False)
    report = kg.validate()
    if not report.conforms:
        raise ValidationError(str(report))
    _out.print(str(report))


if __name__ == "__main__":  # pragma: no cover
    main()
