"""What a store does with facts just loaded, before anyone reads them: check, then reason.

Both run in the store's own engine, while the load is still staged: the shapes as
queries (:mod:`irkg.graph.checks`) on the nodes the new graphs mention, then the
ontology's rules as updates (:mod:`irkg.graph.rules`) over the whole store. A breach
stops the load, which then changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, URIRef

from irkg.errors import DataError, Issue
from irkg.iris import INFERRED_GRAPH

__all__ = ["Settled", "clashes", "settle"]

#: Breaches listed in a refused load's message (the count says how many in all).
SHOWN = 50


@dataclass(frozen=True)
class Settled:
    """How settling went: seconds to check and to reason, and the inferred graph's size."""

    checked: float
    reasoned: float
    inferred: int


def settle(
    dataset: Dataset,
    update: Callable[[str], None] | None,
    *,
    graphs: Iterable[URIRef] | None,
    files: Sequence[Path],
    check: bool = True,
    reason: bool = True,
    phase: Callable[[str], None] | None = None,
) -> Settled:
    """Check what a load added, then infer what it entails.

    Args:
        dataset: the store's contents with the load in (queries go to its engine).
        update: runs a SPARQL update on the same contents in the store's engine; None
            for rdflib's own store, where OWL 2 RL (owlrl) reasons instead of the rules.
        graphs: the graphs the load added (None: all of the store is new).
        files: the files loaded, to name in an error.
        check: validate the new facts against irkg's shapes.
        reason: run the ontology's rules.
        phase: told ``checking`` and ``reasoning`` as each begins.

    Raises:
        DataError: if a new fact breaks a shape; each breach is listed.
    """
    import time

    from irkg.graph.rules import run_rules
    from irkg.graph.sparql import run_query
    from irkg.graph.validation import validate_in_store

    started = time.perf_counter()
    if check:
        if phase is not None:
            phase("checking")
        report = validate_in_store(dataset, graphs)
        if not report.conforms:
            where = ", ".join(str(f) for f in files)
            issues = [
                Issue(where, None, None, None, f"SHACL {result}") for result in report.results
            ]
            if len(issues) > SHOWN:
                more = len(issues) - SHOWN
                issues = issues[:SHOWN]
                issues.append(Issue(where, None, None, None, f"... and {more:,} more"))
            raise DataError(issues)
    checked = time.perf_counter()

    def count() -> int:
        rows = run_query(
            dataset,
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}",
            own=True,
        )
        (size,) = next(iter(rows))  # type: ignore[misc]
        return int(str(size))

    if reason and phase is not None:
        phase("reasoning")
    if not reason:
        inferred = count()
    elif update is None:
        from irkg.graph.reasoning import infer

        inferred = len(infer(dataset))
    else:
        inferred = run_rules(update, count)
    return Settled(checked - started, time.perf_counter() - checked, inferred)


def clashes(dataset: Dataset, files: Sequence[Path]) -> list[Issue]:
    """Files whose graph the store already holds from another file of the same name but
    another kind (``facts.ttl`` after ``facts.nt``): a file's graph and source are named
    after its name, so the two would merge into one source with two names."""
    from irkg.graph.sparql import run_query
    from irkg.loaders.rdf_loader import FileSource

    issues = []
    mine = {FileSource.of(Path(f)).document: Path(f) for f in files}
    if not mine:
        return []
    listed = " ".join(doc.n3() for doc in mine)
    rows = run_query(
        dataset,
        f"SELECT ?doc ?name WHERE {{ VALUES ?doc {{ {listed} }} "
        "GRAPH graph:provenance { ?doc rdfs:label ?name } }",
        own=True,
    )
    for doc, name in rows:  # type: ignore[misc]
        path = mine.get(doc)  # type: ignore[arg-type]
        if path is not None and str(name) != path.name:
            issues.append(
                Issue(
                    str(path),
                    None,
                    None,
                    None,
                    f"the store holds {name} as the same source (a file's graph is named after "
                    "its name): rename this file to load it beside that one",
                )
            )
    return issues
