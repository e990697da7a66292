"""SHACL validation with a report a curator can act on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from irkg.graph.provenance import source_labels, sources_of_triple
from irkg.iris import INFERRED_GRAPH, PROVENANCE_GRAPH, id_of, is_entity_iri, unstaged
from irkg.ontology import IRKG, load_ontology, load_shapes
from irkg.ontology.namespaces import RDF, RDFS

__all__ = ["ValidationReport", "ValidationResult", "all_shapes", "validate", "validate_in_store"]

SH = Namespace("http://www.w3.org/ns/shacl#")
_GENERATED = Namespace("https://w3id.org/irkg/shapes/generated#")


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One SHACL violation: which node, which property, what is wrong, and where it came from."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"
    sources: tuple[str, ...] = ()

    def __str__(self) -> str:
        from irkg.exports.results import printable  # data's text, one line of it

        value = f" (value: {self.value})" if self.value else ""
        where = f" [stated in {', '.join(self.sources)}]" if self.sources else ""
        path = f" {self.path}:" if self.path else ""
        return printable(f"{self.severity}: {self.focus}:{path} {self.message}{value}{where}")


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph against irkg's shapes."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    def __str__(self) -> str:
        if self.conforms:
            return "SHACL: the graph conforms to the shapes."
        lines = [f"SHACL: {len(self.results)} violation(s):"]
        lines += [f"  {result}" for result in self.results]
        return "\n".join(lines)


def validate(dataset: Dataset) -> ValidationReport:
    """Validate the asserted facts of ``dataset`` against irkg's SHACL shapes.

    Inferred triples are left out on purpose: OWL reasoning would turn a wrong
    domain into a new type, and hide the very mistake the shapes look for. Every
    named graph that holds facts is checked for a source.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> validate(load_data_dir("data")).conforms
        True
    """
    data = Graph()
    for graph in dataset.graphs():
        if graph.identifier == INFERRED_GRAPH:
            continue
        data += graph
        if graph.identifier != PROVENANCE_GRAPH and len(graph):
            data.add((graph.identifier, RDF.type, IRKG.AssertionGraph))
    import pyshacl  # the tests' oracle for the compiled checks: imported only for them

    shapes = all_shapes()
    conforms, results_graph, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=load_ontology().graph,
        inference="none",
        allow_infos=True,
        allow_warnings=True,
    )
    results = sorted(_results(results_graph, dataset))
    return ValidationReport(bool(conforms), results)


def all_shapes() -> Graph:
    """irkg's shapes: its own (shapes.ttl) and one per object property of the ontology."""
    shapes = load_shapes()
    shapes += _property_shapes()
    return shapes


def _property_shapes() -> Graph:
    """One shape per irkg object property: its subjects are in its domain, values in its range."""
    ontology = load_ontology()
    shapes = Graph()
    for prop in ontology.properties.values():
        if not prop.is_object:
            continue
        domain = ontology.graph.value(prop.iri, RDFS.domain)
        shape = _GENERATED[prop.name]
        shapes.add((shape, RDF.type, SH.NodeShape))
        shapes.add((shape, SH.targetSubjectsOf, prop.iri))
        if isinstance(domain, URIRef) and domain.startswith(str(IRKG)):
            shapes.add((shape, SH["class"], domain))
            message = f"only a thing of kind '{ontology.label(domain)}' can have '{prop.label}'"
            shapes.add((shape, SH.message, Literal(message)))
        if prop.range is not None and prop.range.startswith(str(IRKG)):
            constraint = BNode(f"range-{prop.name}")
            shapes.add((shape, SH.property, constraint))
            shapes.add((constraint, SH.path, prop.iri))
            shapes.add((constraint, SH["class"], prop.range))
            message = f"the value of '{prop.label}' must be of kind '{ontology.label(prop.range)}'"
            shapes.add((constraint, SH.message, Literal(message)))
    return shapes


def _results(results_graph: Graph, dataset: Dataset) -> list[ValidationResult]:
    out = []
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        focus = results_graph.value(result, SH.focusNode)
        path = results_graph.value(result, SH.resultPath)
        value = results_graph.value(result, SH.value)
        severity = results_graph.value(result, SH.resultSeverity)
        message = results_graph.value(result, SH.resultMessage)
        out.append(
            ValidationResult(
                focus=_show(focus),
                path=_show(path) if isinstance(path, URIRef) else "",
                message=str(message) if message is not None else "does not conform",
                value=_show(value) if value is not None else "",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                sources=_sources(dataset, focus, path, value),
            )
        )
    return out


def _sources(
    dataset: Dataset, focus: Node | None, path: Node | None, value: Node | None
) -> tuple[str, ...]:
    """The sources of the offending fact, else of every fact about the focus node."""
    if not isinstance(focus, URIRef):
        return ()
    if isinstance(path, URIRef):
        for triple in ((focus, path, value), (focus, path, None)):
            found = sources_of_triple(dataset, triple)
            if found:
                return tuple(str(s) for s in found)
    return tuple(source_labels(dataset, focus))


def _show(node: Node | None) -> str:
    if node is None:
        return ""
    if is_entity_iri(node):
        return id_of(node)  # type: ignore[arg-type]
    if isinstance(node, Literal) and node.language:
        return f"{node}@{node.language}"
    text = str(node)
    for prefix, ns in (("irkg:", str(IRKG)), ("rdfs:", str(RDFS))):
        if text.startswith(ns):
            return prefix + text[len(ns) :]
    return text


def validate_in_store(dataset: Dataset, graphs: Iterable[URIRef] | None = None) -> ValidationReport:
    """Validate with the store's own engine (:mod:`irkg.graph.checks`): every node, or
    only those that ``graphs`` mention, with the results :func:`validate` gives.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> validate_in_store(load_data_dir("data")).conforms
        True
    """
    from irkg.graph.checks import run_checks
    from irkg.graph.sparql import run_query

    def select(query: str) -> list[tuple[Node | None, ...]]:
        return [tuple(row) for row in run_query(dataset, query, own=True)]  # type: ignore[arg-type]

    breaches = run_checks(select, graphs)
    sources = _Sources(dataset)
    results = []
    for check, focus, value, graph in breaches:
        results.append(
            ValidationResult(
                focus=_show(focus),
                path=_show(check.path) if check.path is not None else "",
                message=check.message,
                value=_show(value if value is not None or check.path is not None else focus),
                sources=sources.of(graph) if graph is not None else sources.about(focus),
            )
        )
    results.sort()
    return ValidationReport(not results, results)


class _Sources:
    """Where breaches found by the store were stated: a graph's source, or those of every
    graph that states facts about a node. A load in progress on a SPARQL store stages its
    graphs, the provenance graph among them, under ``STAGING`` + a run: a staged graph's
    source is read from the staged provenance graph, under the graph's own name."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def of(self, graph: Node) -> tuple[str, ...]:
        return self.of_all([graph])

    def of_all(self, graphs: Iterable[Node]) -> tuple[str, ...]:
        from irkg.graph.provenance import graph_sources

        found = set()
        for graph in graphs:
            run, name = unstaged(str(graph))
            within = URIRef(run + PROVENANCE_GRAPH) if run else PROVENANCE_GRAPH
            found |= set(graph_sources(self.dataset, [name], within).values())
        return tuple(str(s) for s in sorted(found, key=lambda s: s.sort_key))

    def about(self, focus: Node) -> tuple[str, ...]:
        from irkg.graph.sparql import run_query

        if not isinstance(focus, URIRef):
            return ()
        rows = run_query(
            self.dataset,
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {focus.n3()} ?p ?o }} "
            f'FILTER(?g != <{INFERRED_GRAPH}> && !STRENDS(STR(?g), "{PROVENANCE_GRAPH}")) }}',
            own=True,
        )
        return self.of_all(row[0] for row in rows)  # type: ignore[index]
