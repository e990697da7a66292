"""The irkg command line: parse, call the API, print. Errors become messages, not tracebacks."""

from __future__ import annotations

import functools
import logging
import re
import sys
import time
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from rich.console import Console

from irkg import __version__
from irkg.errors import DataError, IrkgError, QueryError, ValidationError
from irkg.loaders.noise import LiteralNoise

F = TypeVar("F", bound=Callable[..., Any])


# Markup is off unless a call asks for it with data escaped: text from data never
# becomes rich markup, and what could drive or disguise the terminal (controls, bidi
# overrides, zero-width characters, line breaks in names) is shown escaped (printable).
class _Console:
    """rich's console, made when first printed to: importing rich is half of what
    ``import irkg.cli`` would cost, and most commands print through click alone."""

    def __init__(self, *, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def made(self) -> Console:
        """The console itself."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                stderr=self._stderr, highlight=False, soft_wrap=True, markup=False
            )
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.made(), name)


_out = _Console(stderr=False)
_err = _Console(stderr=True)

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


#: The store named by --store (or IRKG_STORE), for the command being run.
_STORE: ContextVar[str | None] = ContextVar("irkg_store", default=None)


def _set_store(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None and not value.strip():
        raise click.BadParameter("is empty: give memory, oxigraph:DIR or sparql:URL")
    _STORE.set(value)


store_option = click.option(
    "--store",
    envvar="IRKG_STORE",
    expose_value=False,
    is_eager=True,
    callback=_set_store,
    metavar="STORE",
    help="Where the graph is kept: memory, or oxigraph:DIR (env IRKG_STORE).",
)


def graph_option(command: F) -> F:
    """--graph FILE... or --store STORE: the graph a command reads."""
    command = click.option(
        "--graph",
        "graph_paths",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        multiple=True,
        help="RDF file(s) to read instead of the built graph (exports/irkg.trig); repeatable.",
    )(command)
    return store_option(command)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv", "md"]),
    default="table",
    show_default=True,
    help="Output format.",
)

timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Stop the work after this many seconds (it runs in a child process that is killed).",
)
memory_option = click.option(
    "--max-memory",
    type=click.IntRange(min=1),
    default=2048,
    show_default=True,
    envvar="IRKG_MAX_MEMORY",
    show_envvar=True,
    help="Stop the work when it needs more than this many MiB of memory.",
)
limit_option = click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Print at most this many rows (standard error says when rows were cut).",
)

#: The row limit of the command being run (set before its work is forked).
_LIMIT: ContextVar[int] = ContextVar("irkg_limit", default=10_000)

BUILT_GRAPH = Path("exports") / "irkg.trig"
_LITERAL_NOISE = LiteralNoise()


def _open_graph(graph_paths: tuple[Path, ...]) -> Any:
    """The graph to ask: the given RDF files or store, else the built graph, else a build of
    data/."""
    from irkg.graph import KnowledgeGraph
    from irkg.serve.answers import open_graph

    store = _STORE.get()
    if store and store != "memory" and graph_paths:
        raise QueryError("give --graph FILE or --store STORE, not both")
    if (store and store != "memory") or graph_paths or BUILT_GRAPH.is_file():
        return open_graph(store, [str(p) for p in graph_paths])  # the kept store, if fresh
    return KnowledgeGraph.from_data(Path("data"))


def _bounded(command: F) -> F:
    """Run the command's work in a child process killed after --timeout or past
    --max-memory, with --limit rows."""

    @functools.wraps(command)
    def wrapper(*args: Any, timeout: float, max_memory: int, limit: int, **kwargs: Any) -> None:
        _within(timeout, max_memory, limit, lambda: command(*args, **kwargs))

    return wrapper  # type: ignore[return-value]


def _within(timeout: float, max_memory: int, limit: int, work: Callable[[], None]) -> None:
    """Run ``work`` bounded by ``timeout`` seconds, ``max_memory`` MiB and ``limit`` rows,
    then print its output."""
    from irkg.bounded import MIB, run_bounded

    token = _LIMIT.set(limit)
    try:
        out, err = run_bounded(work, timeout, max_memory * MIB)
    finally:
        _LIMIT.reset(token)
    click.echo(out, nl=False)
    if err:
        click.echo(err, nl=False, err=True)


def _cut(count: int) -> int:
    """How many of ``count`` rows to print; says on standard error when rows are cut."""
    limit = _LIMIT.get()
    if count > limit:
        click.echo(f"note: printed the first {limit:,} of {count:,} rows (--limit)", err=True)
    return min(count, limit)


def _handle_errors(command: F) -> F:
    """Turn irkg's errors into a clean message on stderr and the error's exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except IrkgError as exc:
            from rich.text import Text

            _err.print(Text("error: ", style="bold red") + Text(_error_text(exc)))
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


#: A SPARQL syntax error as irkg lays it out: the message, the query's line, a caret.
_SYNTAX_LAYOUT = re.compile(r"SPARQL syntax error at line \d+, column \d+: [^\n]*\n  [^\n]*\n *\^")


def _error_text(error: IrkgError) -> str:
    r"""An error's message as the terminal shows it (:func:`~irkg.exports.printable`): a
    line break in it is shown as an escape, as one in a name or a path must be, but for
    the layouts irkg makes of several lines on purpose: a list of issues (each one
    line already), a SHACL report, a syntax error's query line and caret.

    Example:
        >>> from irkg.errors import StoreError
        >>> _error_text(StoreError("/tmp/x\nY: no store here"))
        '/tmp/x\\x0aY: no store here'
    """
    from irkg.exports import printable

    text = str(error)
    layout = isinstance(error, DataError | ValidationError) or _SYNTAX_LAYOUT.fullmatch(text)
    return printable(text, lines=bool(layout))


class _Commands(click.Group):
    """irkg's commands: click's own errors (a missing path, an unknown option or command)
    show what the user typed escaped, as everything irkg prints does."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with _escaped():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _escaped():  # the commands' own arguments are parsed within
            return super().invoke(ctx)


@contextmanager
def _escaped() -> Iterator[None]:
    try:
        yield
    except click.ClickException as exc:
        from irkg.exports import printable

        # The message is Final in click's types; showing it escaped is all that changes.
        exc.message = printable(exc.message)  # type: ignore[misc]
        raise


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="irkg")
def main() -> None:
    """irkg: the India-Russia knowledge graph.

    Build the graph from the curated data, validate it, and write its exports.
    """
    # A literal whose text is no value of its type (from a store, or a query's text) is
    # printed as its text: rdflib's logged traceback about it is noise.
    logging.getLogger("rdflib.term").addFilter(_LITERAL_NOISE)


@main.command()
@data_option
@out_option
@click.option("--no-reason", is_flag=True, help="Skip OWL 2 RL reasoning (faster, fewer triples).")
@store_option
@_handle_errors
def build(data_dir: Path, out_dir: Path, no_reason: bool) -> None:
    """Load the data, reason, validate with SHACL and write every export.

    The graph is kept in an Oxigraph store beside the exports (.irkg/NAME for --out
    NAME), which ask, query, explore and serve then open; with --store oxigraph:DIR it
    is saved there instead, replacing what the store held in one step. Exits non-zero,
    writing nothing, if the data has errors or breaks a shape.
    """
    from irkg.exports import printable
    from irkg.pipeline import build as build_graph

    report = build_graph(data_dir, out_dir, reason=not no_reason, store=_STORE.get())
    stats = report.stats
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Entities by class", title_justify="left", show_edge=False, box=None)
    table.add_column("class")
    table.add_column("count", justify="right")
    for name, count in stats.entities_by_class.items():
        table.add_row(name, str(count))
    table.add_row(Text("total", style="bold"), Text(str(stats.entities), style="bold"))
    _out.print(table)
    _out.print(
        f"\nfacts: {stats.facts} asserted in {stats.graphs} source graphs, "
        f"{stats.inferred} inferred"
    )
    _out.print("sources: " + ", ".join(s.rsplit("/", 1)[-1] for s in stats.sources))
    _out.print("SHACL: conforms")
    _out.print(f"coverage: {report.ledger}")
    for problem in report.ledger.problems():
        _warn(problem)
    disagreements = [c for c in report.figure_checks if not c.agrees]
    _out.print(
        f"figure checks: {len(report.figure_checks)} run, {len(disagreements)} disagreement(s)"
    )
    for check in disagreements:
        _warn(str(check))
    _out.print(
        f"wrote {len(report.written)} files to {printable(str(out_dir))}/: "
        + ", ".join(p.name for p in report.written)
    )
    _out.print(f"saved {report.saved:,} quads to {printable(report.store)}")
    if report.dropped:
        _warn(
            f"the store held {len(report.dropped):,} documents that {data_dir} does not, now "
            f"gone (articles ingested into the store alone; accept their reviews to keep "
            f"them): " + ", ".join(report.dropped[:5]) + (" ..." if len(report.dropped) > 5 else "")
        )
    files = report.parsed + report.reused
    _out.print(
        f"built in {report.seconds:.2f} s ({report.parsed:,} of {files:,} data files read "
        "afresh, the rest unchanged since the last build)"
        if report.reused
        else f"built in {report.seconds:.2f} s"
    )


def _warn(text: str) -> None:
    from rich.markup import escape

    from irkg.exports import printable

    _out.print(f"  [yellow]warning:[/] {escape(printable(text))}", markup=True)


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--no-check", is_flag=True, help="Do not check the new facts against the shapes.")
@click.option("--no-reason", is_flag=True, help="Do not infer what the new facts entail.")
@store_option
@_handle_errors
def load(files: tuple[Path, ...], no_check: bool, no_reason: bool) -> None:
    """Add RDF files to a store (--store oxigraph:DIR, or IRKG_STORE), all or none.

    Turtle, N-Triples, N-Quads and TriG are parsed by the store itself, in bulk; each
    file's triples go to a named graph of its own, with its provenance. The store's own
    engine then checks the new facts against irkg's shapes and infers what they entail.
    A load that fails, breaks a shape or is killed leaves the store as it was; a second
    writer is refused.
    """
    from irkg.exports import printable
    from irkg.graph.stores import open_store
    from irkg.loaders import check_regular

    spec = _STORE.get()
    if not spec or spec == "memory":
        raise QueryError("irkg load needs a store to keep the files: --store oxigraph:DIR")
    for path in files:
        check_regular(path)  # a FIFO or a device would be read forever
    store = open_store(spec)
    before = len(store)
    started = time.perf_counter()
    size = sum(path.stat().st_size for path in files)
    with _LoadProgress(size) as progress:
        after = store.add(list(files), progress, check=not no_check, reason=not no_reason)
    elapsed = time.perf_counter() - started
    _out.print(
        f"loaded {len(files)} file{'s' if len(files) != 1 else ''} "
        f"({size / 1e6:.1f} MB) into {printable(spec)}: {after - before:+,} quads, "
        f"{after:,} in all, in {elapsed:.2f} s ({(after - before) / max(elapsed, 1e-9):,.0f} quads/s)"
    )
    settled = getattr(store, "settled", None)
    if settled is not None:
        checked = "not checked" if no_check else f"checked in {settled.checked:.2f} s"
        _out.print(
            f"{checked}; the inferred graph holds {settled.inferred:,} quads"
            + ("" if no_reason else f", reasoned in {settled.reasoned:.2f} s")
        )


class _LoadProgress:
    """A progress bar for ``irkg load``: bytes read (for the time left), quads seen and
    their rate, then each phase after reading. Shown only for work of more than a moment."""

    def __init__(self, size: int) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        self.quads, self.started = 0, time.perf_counter()
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[quads]}"),
            TimeRemainingColumn(),
            console=_err.made(),
            transient=True,
            disable=size < 10_000_000,
        )
        self.task = self.bar.add_task("loading", total=size, quads="")

    def __enter__(self) -> _LoadProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)

    def read(self, size: int, quads: int) -> None:
        self.quads += quads
        rate = self.quads / max(time.perf_counter() - self.started, 1e-9)
        seen = f"{self.quads:,} quads, {rate:,.0f}/s" if self.quads else ""
        self.bar.update(self.task, advance=size, quads=seen)

    def phase(self, name: str) -> None:
        self.bar.update(self.task, description=name)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@data_option
@click.option(
    "--review",
    "review_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("review"),
    show_default=True,
    help="Folder the review files go to.",
)
@click.option("--title", help="The article's title (one file), if the file does not say.")
@click.option("--date", help="The date it was published, YYYY-MM-DD.")
@click.option("--publisher", help="The outlet that published it.")
@click.option("--url", help="Where it was published (one file); recorded, never opened.")
@store_option
@_handle_errors
def ingest(
    files: tuple[Path, ...],
    data_dir: Path,
    review_dir: Path,
    title: str | None,
    date: str | None,
    publisher: str | None,
    url: str | None,
) -> None:
    """Add news articles (.txt, .md, or a saved .html page, or folders of them) to the graph.

    Each article's paragraphs are searched for the entities the graph knows (by their
    names and aliases), and the document and its mentions go into the graph at once:
    a data file in DATA/ingested/, or the store given by --store. Names it does not
    know, and figures and dates, are written for review to REVIEW/<article>.yaml; edit
    that file, then `irkg accept` it. An article already in the graph changes nothing.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from irkg.exports import printable
    from irkg.ingest.run import find_articles, ingest_files

    files = tuple(find_articles(files))
    spec = _STORE.get()
    store = spec if spec and spec != "memory" else None
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=_err.made(),
        transient=True,
        disable=len(files) < 20,
    )
    with bar:
        task = bar.add_task("ingesting", total=len(files))
        report = ingest_files(
            list(files),
            data_dir=data_dir,
            store=store,
            review_dir=review_dir,
            title=title,
            date=date,
            publisher=publisher,
            url=url,
            step=lambda _: bar.advance(task),
            phase=lambda name: bar.update(task, description=name),
        )
    for path, doc_id, new in report.documents:
        state = "new" if new else "already in the graph"
        _out.print(f"{printable(path)}: {doc_id} ({state})")
    for kept in report.kept:
        _warn(f"{kept} was changed since it was written: left as it is")
    where = printable(store) if store else f"{printable(str(data_dir))}/ingested/"
    _out.print(
        f"{len(report.documents)} article(s), {report.new} new, into {where}: "
        f"{report.mentions} mentions linked, {report.ambiguous} ambiguous, "
        f"{report.candidates} candidate entities, {report.figures} figures and dates "
        f"in {report.seconds:.2f} s"
    )
    reviews = [p for p in report.written if p.parent == review_dir]
    if reviews:
        shown = ", ".join(printable(str(p)) for p in reviews[:5])
        more = (
            f" and {len(reviews) - 5:,} more in {printable(str(review_dir))}/"
            if len(reviews) > 5
            else ""
        )
        _out.print(f"to review: {shown}{more}")
        _out.print("then: irkg accept FILE...")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@data_option
@_handle_errors
def accept(files: tuple[Path, ...], data_dir: Path) -> None:
    """Take reviewed files from `irkg ingest` into the data, all or none.

    Each file is checked with the rest of DATA by the same loader and shapes as
    `irkg build`, then written over its article's file in DATA/ingested/. Run
    `irkg build` after it to refresh the exports.
    """
    from irkg.exports import printable
    from irkg.ingest.accept import accept_reviews
    from irkg.loaders import check_regular

    for review in files:
        check_regular(review)  # a FIFO would be read forever
    for path in accept_reviews(list(files), data_dir):
        _out.print(f"accepted into {printable(str(path))}")


@main.command()
@data_option
@store_option
@_handle_errors
def validate(data_dir: Path) -> None:
    """Validate the curated data against the SHACL shapes and print the report.

    With --store, validate what the store holds instead, with the shapes run as the
    store's own queries (the report pySHACL would give).
    """
    from irkg.graph import KnowledgeGraph

    store = _STORE.get()
    if store and store != "memory":
        kg = KnowledgeGraph.open(store)
    else:
        kg = KnowledgeGraph.from_data(data_dir, reason=False)
    report = kg.validate()
    if not report.conforms:
        raise ValidationError(str(report))
    from irkg.exports import printable

    _out.print(printable(str(report), lines=True))


@main.command()
@click.argument("sparql", required=False)
@graph_option
@format_option
@timeout_option
@memory_option
@limit_option
@_handle_errors
def query(
    sparql: str | None,
    graph_paths: tuple[Path, ...],
    fmt: str,
    timeout: float,
    max_memory: int,
    limit: int,
) -> None:
    """Run a SPARQL query: text, @FILE or a FILE.rq, or standard input (no argument or -).

    The prefixes irkg:, rdfs:, prov:, schema:, org:, skos: and one per kind of id
    (country:, person:, bloc: ...) are predeclared. SELECT prints a table (or
    --format json/csv/tsv/md), ASK prints true or false, CONSTRUCT and DESCRIBE
    print Turtle.
    """
    from irkg.exports import format_result
    from irkg.loaders import read_text

    if sparql is None or sparql == "-":
        text = sys.stdin.read()
    elif (name := _query_file(sparql)) is not None:
        text = read_text(name)
    else:
        text = sparql

    def work() -> None:
        result = _open_graph(graph_paths).query(text)
        if result.type == "SELECT":
            result.bindings = result.bindings[: _cut(len(result.bindings))]
        click.echo(format_result(result, fmt), nl=False)

    _within(timeout, max_memory, limit, work)


def _query_file(argument: str) -> str | None:
    """The file a query argument names, decided from the text alone (never by probing
    the file system with query text): ``@FILE``, or one short word ending in ``.rq``."""
    if argument.startswith("@") and len(argument) > 1:
        return argument[1:]
    if (
        argument.endswith(".rq")
        and len(argument) <= 1024
        and not any(c.isspace() for c in argument)
    ):
        return argument
    return None


@main.command()
@click.option("--focus", help="Show only this entity's neighbourhood.")
@click.option(
    "--depth",
    type=click.IntRange(1, 6),
    default=2,
    show_default=True,
    help="How far the focus reaches.",
)
@click.option(
    "--types", "kinds", multiple=True, help="Only these kinds (Person, Country ...); repeatable."
)
@click.option("--source", help="Only what this document states (its id or slug).")
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("irkg-explorer.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--no-open", is_flag=True, help="Write the page without opening a browser.")
@graph_option
@_handle_errors
def explore(
    focus: str | None,
    depth: int,
    kinds: tuple[str, ...],
    source: str | None,
    out_file: Path,
    no_open: bool,
    graph_paths: tuple[Path, ...],
) -> None:
    """Write the interactive explorer as one offline HTML file and open it.

    `irkg build` writes the whole graph to exports/explorer.html; this command
    narrows it first: --focus X --depth N, --types, --source.
    """
    import webbrowser

    from irkg.exports import printable, write_explorer_html
    from irkg.graph import narrow

    kg = _open_graph(graph_paths)
    network = kg.to_networkx()
    centre = kg.resolve(focus).id if focus else None
    doc = None
    if source:
        known = {s.partition(" ¶")[0] for _, d in network.nodes(data=True) for s in d["sources"]}
        doc = source.removeprefix("doc/")
        if doc not in known:
            match = kg.resolve(source)
            if not match.id.startswith("doc/"):
                raise QueryError(
                    f"{source!r} is not a source document; known: {', '.join(sorted(known))}"
                )
            doc = match.id
    if network.number_of_nodes() == 0:
        click.echo(
            "warning: no entities: no IRI in this graph has a type (rdf:type) or a name "
            "(rdfs:label, skos:prefLabel, schema:name, foaf:name, dcterms:title)",
            err=True,
        )
    graph = narrow(network, focus=centre, depth=depth, kinds=kinds, source=doc)
    title = ", ".join(p.name for p in graph_paths) if graph_paths else None
    path = write_explorer_html(graph, out_file, title=title)
    click.echo(
        f"wrote {printable(str(path))} ({graph.number_of_nodes()} entities, "
        f"{graph.number_of_edges()} relations)"
    )
    if not no_open:
        webbrowser.open(path.resolve().as_uri())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Seconds a query or helper may run before its worker is killed (503).",
)
@memory_option
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=10_000,
    show_default=True,
    help="Rows an answer may hold (the X-Irkg-Rows-Cut header says when cut).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Worker processes: how many queries run at once.",
)
@click.option(
    "--cache-mb",
    type=click.IntRange(0),
    default=64,
    show_default=True,
    help="Answers remembered while the graph stays the same (0: none).",
)
@click.option(
    "--explorer-nodes",
    type=click.IntRange(1),
    default=3000,
    show_default=True,
    help="Entities in the explorer's first view (the most connected); the page loads "
    "an entity's other neighbours from the server when asked.",
)
@click.option("--cors", multiple=True, help="Allow browser pages from this origin; repeatable.")
@graph_option
@_handle_errors
def serve(
    host: str,
    port: int,
    timeout: float,
    max_memory: int,
    max_rows: int,
    workers: int,
    cache_mb: int,
    explorer_nodes: int,
    cors: tuple[str, ...],
    graph_paths: tuple[Path, ...],
) -> None:
    """Serve the graph read-only: SPARQL 1.1 at /sparql, the helpers at /ask/HELPER.

    \b
      curl 'http://127.0.0.1:7878/sparql' --data-urlencode 'query=ASK { ?s ?p ?o }'
      curl 'http://127.0.0.1:7878/ask/members-of?bloc=EAEU'
      SPARQLWrapper("http://127.0.0.1:7878/sparql")            (Python)
      Graph(store=SPARQLStore("http://127.0.0.1:7878/sparql"))  (rdflib)

    /query is a query page, / the explorer. Facing the network, put it behind a
    reverse proxy (README: "Serve").

    Every query runs in a worker process that is killed after --timeout; updates are
    refused; SERVICE, LOAD and remote FROM reach nothing. Listens on 127.0.0.1 unless
    --host says otherwise.
    """
    import tempfile

    from irkg.serve.app import Settings, copy_files

    store = _STORE.get()
    if store and store != "memory" and graph_paths:
        raise QueryError("give --graph FILE or --store STORE, not both")
    if not graph_paths and not (store and store != "memory") and not BUILT_GRAPH.is_file():
        raise QueryError("nothing to serve: run `irkg build` first, or give --graph or --store")
    if host not in ("127.0.0.1", "localhost", "::1"):
        _warn(f"listening on {host}: anyone who can reach it may query the graph")
    settings = Settings(
        store=store,
        graphs=tuple(str(p) for p in graph_paths),
        timeout=timeout,
        max_memory=max_memory,
        max_rows=max_rows,
        workers=workers,
        cors=cors,
        cache_bytes=cache_mb * 1_000_000,
        explorer_nodes=explorer_nodes,
    )
    with tempfile.TemporaryDirectory(prefix="irkg-serve-") as scratch:
        settings = copy_files(settings, Path(scratch))  # bad files stop here, clearly
        _serve(settings, host, port)


def _serve(settings: Any, host: str, port: int) -> None:
    import uvicorn

    from irkg.serve.app import Repeats, make_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    for name in ("asyncio", "uvicorn.error"):  # one line for a storm of the same error
        logging.getLogger(name).addFilter(Repeats())
    from irkg.exports import printable

    _err.print(f"serving on http://{printable(host)}:{port}/sparql (Ctrl-C stops)")
    uvicorn.run(
        make_app(settings),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        limit_concurrency=settings.max_connections,
        timeout_keep_alive=5,
        http="httptools",  # its C parser, not h11: a third of each request's time went there
    )


class _Helpers(click.Group):
    """`irkg ask`'s commands, one per helper of the registry, made when first looked up:
    the registry imports the query layer, which other commands (and ``--help``) need not
    load."""

    _made: bool
    _commands: MutableMapping[str, click.Command]

    @property
    def commands(self) -> MutableMapping[str, click.Command]:
        if not self._made:
            from irkg.graph.helpers import HELPERS

            self._made = True
            for helper in HELPERS.values():
                self.add_command(_ask_command(helper))
        return self._commands

    @commands.setter
    def commands(self, value: MutableMapping[str, click.Command]) -> None:
        self._made, self._commands = False, value


@main.group(cls=_Helpers, invoke_without_command=True)
@click.option("--list", "show_list", is_flag=True, help="Describe every helper.")
@click.pass_context
def ask(ctx: click.Context, show_list: bool) -> None:
    """Ask the graph a named question: irkg ask HELPER ARGS (irkg ask --list shows them)."""
    if show_list or ctx.invoked_subcommand is None:
        assert isinstance(ask, click.Group)
        width = max(len(name) for name in ask.commands)
        for name, command in sorted(ask.commands.items()):
            click.echo(f"{name:<{width}}  {command.get_short_help_str(limit=90)}")


def _print(records: list[Any], fmt: str, record: type | None) -> None:
    """A helper's records in ``fmt``; every format escapes control characters (an empty
    answer still prints the header of ``record``)."""
    from irkg.exports import format_records

    records = records[: _cut(len(records))]
    click.echo(format_records(records, fmt, record), nl=False)


def _click_param(param: Any) -> Callable[[Any], Any]:
    """The click argument or option of a helper's :class:`~irkg.graph.helpers.Param`."""
    from irkg.graph.helpers import REQUIRED

    kind: Any = param.kind
    if param.kind is int:
        kind = click.IntRange(param.minimum, param.maximum)
    if not param.option:
        return click.argument(param.name, type=kind, required=param.default is REQUIRED)
    return click.option(
        f"--{param.name}",
        type=kind,
        default=None if param.default is REQUIRED else param.default,
        show_default=param.default not in (REQUIRED, None),
        help=param.help,
    )


def _trade_chart(kg: Any, figures: list[Any], fmt: str, chart: Path | None) -> None:
    """`irkg ask trade`'s extras: the chart it may draw, and the checks under its table."""
    from irkg.exports import printable, write_trade_chart

    if chart is not None:
        write_trade_chart(figures, kg.targets(), chart)
    if fmt == "table":
        click.echo("\nchecks of stated figures against their parts:")
        for check in kg.check_figures():
            click.echo(printable(f"  {check}"))


#: What `irkg ask NAME` adds to a helper: options, and what runs after the rows print.
_EXTRAS: dict[str, tuple[list[Callable[[Any], Any]], Callable[..., None]]] = {
    "trade": (
        [
            click.option(
                "--chart",
                type=click.Path(dir_okay=False, path_type=Path),
                help="Also draw the figures into this .svg or .png file.",
            )
        ],
        _trade_chart,
    ),
}


def _ask_command(helper: Any) -> click.Command:
    """`irkg ask NAME` for one helper of the registry: its parameters as arguments and
    options, with --graph/--store, --format, --timeout and --limit."""
    extras, after = _EXTRAS.get(helper.name, ([], None))
    names = [param.name for param in helper.params]

    def run(graph_paths: tuple[Path, ...], fmt: str, **given: Any) -> None:
        kg = _open_graph(graph_paths)
        records = helper(kg, **{name: given[name] for name in names})
        _print(records, fmt, helper.record)
        if after is not None:
            after(kg, records, fmt, **{k: v for k, v in given.items() if k not in names})

    command: Any = _handle_errors(_bounded(run))
    for param in reversed([*map(_click_param, helper.params), *extras]):
        command = param(command)
    command = limit_option(memory_option(timeout_option(format_option(graph_option(command)))))
    arguments = [f"{p.name.upper()}: {p.help}" for p in helper.params if not p.option]
    text = "\n\n".join([helper.description, *arguments])
    return click.command(helper.name, help=text, short_help=helper.description)(command)


if __name__ == "__main__":  # pragma: no cover
    main()
