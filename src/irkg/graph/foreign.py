"""Entities of RDF that irkg did not mint: any IRI with a type or a name.

A graph read with ``--graph`` may use schema.org, FOAF, Wikidata or its own vocabulary.
Every IRI subject in it that has a type or a name is an entity; its kind is its class's
local name (``schema:Person`` is a ``Person``), its name the best of its labels, and each
property between two entities a relation named by the property's label or local name.
Vocabulary terms (classes, properties, shapes, ontologies) describe the data and are not
entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from irkg.iris import id_of, is_entity_iri
from irkg.ontology.namespaces import DCTERMS, IRKG, OWL, RDF, RDFS, SKOS, XSD

__all__ = [
    "DESCRIPTION_PROPERTIES",
    "NAME_PROPERTIES",
    "ForeignTerms",
    "is_vocabulary_iri",
    "key_of",
    "local_name",
    "readable",
    "vocabulary_terms",
]

_SH = "http://www.w3.org/ns/shacl#"
_FOAF = "http://xmlns.com/foaf/0.1/"

#: Properties that name a thing, best first.
NAME_PROPERTIES: tuple[URIRef, ...] = (
    RDFS.label,
    SKOS.prefLabel,
    URIRef("https://schema.org/name"),
    URIRef("http://schema.org/name"),
    URIRef(_FOAF + "name"),
    DCTERMS.title,
)

#: Properties that describe a thing in a sentence or two, best first.
DESCRIPTION_PROPERTIES: tuple[URIRef, ...] = (
    DCTERMS.description,
    URIRef("https://schema.org/description"),
    URIRef("http://schema.org/description"),
    RDFS.comment,
    SKOS.definition,
)

#: Namespaces whose terms are vocabulary, never entities.
_VOCABULARIES = (str(RDF), str(RDFS), str(OWL), str(XSD), _SH, str(IRKG._NS))

#: Types that make a subject a term of a vocabulary.
_TERM_TYPES = frozenset(
    URIRef(iri)
    for iri in (
        *(
            str(OWL) + name
            for name in (
                "Class",
                "Ontology",
                "ObjectProperty",
                "DatatypeProperty",
                "AnnotationProperty",
                "FunctionalProperty",
                "InverseFunctionalProperty",
                "TransitiveProperty",
                "SymmetricProperty",
                "AsymmetricProperty",
                "ReflexiveProperty",
                "IrreflexiveProperty",
                "Restriction",
                "AllDisjointClasses",
            )
        ),
        str(RDFS.Class),
        str(RDFS.Datatype),
        str(RDF.Property),
        _SH + "NodeShape",
        _SH + "PropertyShape",
    )
)

#: Predicates whose subject is a term of a vocabulary.
_TERM_PREDICATES = frozenset(
    {
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        RDFS.domain,
        RDFS.range,
        OWL.inverseOf,
        OWL.equivalentClass,
        OWL.equivalentProperty,
    }
)

#: Types too general to be a kind.
_TOO_GENERAL = frozenset({OWL.Thing, RDFS.Resource, OWL.NamedIndividual})


def key_of(iri: URIRef) -> str:
    """The node key of an entity: its curated id, or the whole IRI when irkg did not mint it.

    Example:
        >>> from irkg.iris import entity_iri
        >>> key_of(entity_iri("city/kazan")), key_of(URIRef("http://example.org/alice"))
        ('city/kazan', 'http://example.org/alice')
    """
    return id_of(iri) if is_entity_iri(iri) else str(iri)


def local_name(iri: str) -> str:
    """The last segment of an IRI, after ``#`` or ``/`` (``schema:Person`` gives ``Person``).

    Example:
        >>> local_name("http://xmlns.com/foaf/0.1/Person"), local_name("http://example.org/a/")
        ('Person', 'a')
    """
    trimmed = iri.rstrip("/#")
    return re.split(r"[#/:]", trimmed)[-1] or trimmed


def readable(name: str) -> str:
    """A local name as words: ``worksFor`` reads ``works for``, ``CreativeWork`` ``creative work``.

    Example:
        >>> readable("worksFor"), readable("CreativeWork"), readable("member_of"), readable("GDP")
        ('works for', 'creative work', 'member of', 'GDP')
    """
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[_-]+", " ", name).strip()
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in spaced.split())


def vocabulary_terms(triples: Iterable[tuple[Node, Node, Node]]) -> set[Node]:
    """Every term the triples use as a class or property, or describe as one."""
    terms: set[Node] = set()
    for s, p, o in triples:
        terms.add(p)
        if p == RDF.type:
            terms.add(o)
            if o in _TERM_TYPES:
                terms.add(s)
        elif p in _TERM_PREDICATES:
            terms.add(s)
    return terms


def _best_text(values: Iterable[tuple[int, Literal]]) -> str | None:
    """Highest-ranked property first, then English or untagged text, then the smallest."""

    def rank(item: tuple[int, Literal]) -> tuple[int, int, str]:
        order, text = item
        language = (text.language or "").lower()
        return (order, 0 if language in ("", "en") or language.startswith("en-") else 1, str(text))

    found = sorted((item for item in values if isinstance(item[1], Literal)), key=rank)
    return str(found[0][1]) if found else None


@dataclass(frozen=True)
class ForeignTerms:
    """Names of the classes and properties of foreign data, read from the data itself.

    Attributes:
        names: the best name of every term or entity that has one.
        descriptions: the best description of every term or entity that has one.
    """

    names: Mapping[Node, str]
    descriptions: Mapping[Node, str]

    @classmethod
    def of(cls, triples: Iterable[tuple[Node, Node, Node]]) -> ForeignTerms:
        """Collect names and descriptions from ``triples``."""
        named: dict[Node, list[tuple[int, Literal]]] = {}
        described: dict[Node, list[tuple[int, Literal]]] = {}
        name_rank: dict[Node, int] = {p: i for i, p in enumerate(NAME_PROPERTIES)}
        description_rank: dict[Node, int] = {p: i for i, p in enumerate(DESCRIPTION_PROPERTIES)}
        for s, p, o in triples:
            if not isinstance(o, Literal):
                continue
            if p in name_rank:
                named.setdefault(s, []).append((name_rank[p], o))
            elif p in description_rank:
                described.setdefault(s, []).append((description_rank[p], o))
        names = {s: text for s, v in named.items() if (text := _best_text(v)) is not None}
        descriptions = {s: t for s, v in described.items() if (t := _best_text(v)) is not None}
        return cls(names, descriptions)

    def term_label(self, term: Node) -> str:
        """A class or property as words: its own label, else its local name made readable."""
        return self.names.get(term) or readable(local_name(str(term)))

    @staticmethod
    def kind_of(types: Iterable[Node]) -> URIRef | None:
        """The class that names an entity's kind: the most telling of its types.

        Types too general to tell anything (``owl:Thing``) are passed over; of the rest,
        the one whose local name sorts first wins, so the choice never depends on order.
        """
        telling = sorted(
            (t for t in types if isinstance(t, URIRef) and t not in _TOO_GENERAL),
            key=lambda t: (local_name(str(t)), str(t)),
        )
        return telling[0] if telling else None


def is_vocabulary_iri(iri: URIRef) -> bool:
    """Whether ``iri`` is in RDF, RDFS, OWL, XSD, SHACL or the irkg ontology."""
    return str(iri).startswith(_VOCABULARIES)
