"""The ontology as the loaders and checks see it: which classes and properties exist.

Parsed once from the packaged ``irkg.ttl``, so adding a term to the Turtle file is
all it takes for the loaders to accept it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, URIRef

from irkg.ontology.namespaces import IRKG, OWL, RDF, RDFS

__all__ = ["ONTOLOGY_PATH", "SHAPES_PATH", "Ontology", "Property", "load_ontology", "load_shapes"]

_PACKAGE = resources.files("irkg.ontology")
#: The packaged ontology file (OWL in Turtle).
ONTOLOGY_PATH = Path(str(_PACKAGE.joinpath("irkg.ttl")))
#: The packaged SHACL shapes.
SHAPES_PATH = Path(str(_PACKAGE.joinpath("shapes.ttl")))


@dataclass(frozen=True)
class Property:
    """An irkg property: its local name, IRI, kind and range."""

    name: str
    iri: URIRef
    is_object: bool
    range: URIRef | None
    label: str


@dataclass(frozen=True)
class Ontology:
    """The classes and properties of irkg.

    Example:
        >>> onto = load_ontology()
        >>> onto.properties["memberOf"].is_object, onto.is_subclass(IRKG.Country, IRKG.Place)
        (True, True)
    """

    graph: Graph
    classes: dict[str, URIRef]
    properties: dict[str, Property]
    _superclasses: dict[URIRef, frozenset[URIRef]]

    def is_subclass(self, cls: URIRef, ancestor: URIRef) -> bool:
        """Tell whether ``cls`` is ``ancestor`` or below it."""
        return ancestor in self._superclasses.get(cls, frozenset({cls}))

    def superclasses(self, cls: URIRef) -> frozenset[URIRef]:
        """Return ``cls`` and every irkg class above it."""
        return self._superclasses.get(cls, frozenset({cls}))

    def most_specific(self, classes: list[URIRef]) -> URIRef:
        """Return the deepest of ``classes`` in the hierarchy, ties broken by IRI.

        Example:
            >>> onto = load_ontology()
            >>> str(onto.most_specific([IRKG.Place, IRKG.City, IRKG.Entity])).rsplit("#")[-1]
            'City'
        """
        return max(sorted(classes), key=lambda c: len(self.superclasses(c)))

    def entity_classes(self) -> dict[str, URIRef]:
        """Return the classes an entity can be declared with (those below ``irkg:Entity``)."""
        return {n: c for n, c in self.classes.items() if self.is_subclass(c, IRKG.Entity)}

    def label(self, term: URIRef) -> str:
        """Return the term's ``rdfs:label``, or its local name if it has none."""
        value = self.graph.value(term, RDFS.label)
        return str(value) if value is not None else str(term).rsplit("#", 1)[-1]

    @staticmethod
    def suggest(name: str, known: Iterable[str]) -> str:
        """Return ``" (did you mean 'x'?)"`` for the nearest known name, or ``""``.

        Example:
            >>> Ontology.suggest("membrOf", ["memberOf", "partOf"])
            " (did you mean 'memberOf'?)"
        """
        lowered = {k.lower(): k for k in known}
        close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
        return f" (did you mean '{lowered[close[0]]}'?)" if close else ""


@cache
def load_ontology() -> Ontology:
    """Parse the packaged ontology once and index its terms."""
    graph = Graph()
    graph.parse(data=ONTOLOGY_PATH.read_text(encoding="utf-8"), format="turtle")
    prefix = str(IRKG)
    classes = {
        str(c)[len(prefix) :]: c
        for c in graph.subjects(RDF.type, OWL.Class)
        if isinstance(c, URIRef) and str(c).startswith(prefix)
    }
    properties: dict[str, Property] = {}
    for kind, is_object in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False)):
        for p in graph.subjects(RDF.type, kind):
            if isinstance(p, URIRef) and str(p).startswith(prefix):
                rng = graph.value(p, RDFS.range)
                name = str(p)[len(prefix) :]
                properties[name] = Property(
                    name=name,
                    iri=p,
                    is_object=is_object,
                    range=rng if isinstance(rng, URIRef) else None,
                    label=str(graph.value(p, RDFS.label) or name),
                )
    supers: dict[URIRef, frozenset[URIRef]] = {}
    for c in classes.values():
        seen = {c}
        frontier = [c]
        while frontier:
            for parent in graph.objects(frontier.pop(), RDFS.subClassOf):
                if isinstance(parent, URIRef) and parent.startswith(prefix) and parent not in seen:
                    seen.add(parent)
                    frontier.append(parent)
        supers[c] = frozenset(seen)
    return Ontology(graph, dict(sorted(classes.items())), dict(sorted(properties.items())), supers)


def load_shapes() -> Graph:
    """Parse the packaged SHACL shapes."""
    graph = Graph()
    graph.parse(data=SHAPES_PATH.read_text(encoding="utf-8"), format="turtle")
    return graph
