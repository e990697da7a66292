"""SHACL validation with a report a curator can act on."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from irkg.graph.provenance import source_labels, sources_of_triple
from irkg.iris import INFERRED_GRAPH, PROVENANCE_GRAPH, id_of, is_entity_iri
from irkg.ontology import IRKG, load_ontology, load_shapes
from irkg.ontology.namespaces import RDF, RDFS

__all__ = ["ValidationReport", "ValidationResult", "validate"]

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
        value = f" (value: {self.value})" if self.value else ""
        where = f" [stated in {', '.join(self.sources)}]" if self.sources else ""
        path = f" {self.path}:" if self.path else ""
        return f"{self.severity}: {self.focus}:{path} {self.message}{value}{where}"


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
    shapes = load_shapes()
    shapes += _property_shapes()
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
    text = str(node)
    for prefix, ns in (("irkg:", str(IRKG)), ("rdfs:", str(RDFS))):
        if text.startswith(ns):
            return prefix + text[len(ns) :]
    return text
