"""The one place where ids become IRIs.

Curated ids look like ``kind/name`` (``country/india``, ``person/s-jaishankar``)
and become ``https://w3id.org/irkg/id/country/india``. Each source paragraph's
facts sit in the named graph ``https://w3id.org/irkg/graph/<doc>/p<n>``.
"""

from __future__ import annotations

import re

from rdflib import URIRef

__all__ = [
    "BACKGROUND_GRAPH",
    "BASE",
    "GRAPH_BASE",
    "ID_BASE",
    "ID_PATTERN",
    "INFERRED_GRAPH",
    "KINDS",
    "PROVENANCE_GRAPH",
    "document_graph",
    "entity_iri",
    "id_of",
    "is_entity_iri",
    "paragraph_graph",
]

BASE = "https://w3id.org/irkg/"
ID_BASE = BASE + "id/"
GRAPH_BASE = BASE + "graph/"

#: A curated id: a lowercase kind, a slash, and a lowercase slug.
ID_PATTERN = re.compile(r"^[a-z][a-z-]*/[a-z0-9][a-z0-9.-]*$")

#: The kinds of curated id, each predeclared in SPARQL as a prefix (``country:india``).
KINDS = (
    "agreement",
    "bloc",
    "cflow",
    "change",
    "city",
    "commodity",
    "country",
    "doc",
    "event",
    "film",
    "flow",
    "measure",
    "mechanism",
    "media",
    "obs",
    "organization",
    "period",
    "person",
    "policy",
    "post",
    "region",
    "route",
    "sector",
    "stmt",
    "target",
    "topic",
    "unit",
)

#: Facts that no article states (Chennai is in India) live here.
BACKGROUND_GRAPH = URIRef(GRAPH_BASE + "background")
#: Metadata of every assertion graph: which document and paragraph.
PROVENANCE_GRAPH = URIRef(GRAPH_BASE + "provenance")
#: What OWL 2 RL reasoning adds, kept apart from what sources assert.
INFERRED_GRAPH = URIRef(GRAPH_BASE + "inferred")


def entity_iri(curated_id: str) -> URIRef:
    """Return the IRI of a curated id.

    Args:
        curated_id: an id such as ``country/india``.

    Returns:
        The entity's IRI.

    Raises:
        ValueError: if the id does not match :data:`ID_PATTERN`.

    Example:
        >>> entity_iri("country/india")
        rdflib.term.URIRef('https://w3id.org/irkg/id/country/india')
    """
    if not ID_PATTERN.match(curated_id):
        raise ValueError(f"not a curated id (expected kind/name in lowercase): {curated_id!r}")
    return URIRef(ID_BASE + curated_id)


def is_entity_iri(iri: object) -> bool:
    """Tell whether ``iri`` was minted from a curated id.

    Example:
        >>> is_entity_iri(entity_iri("city/moscow")), is_entity_iri(URIRef("https://schema.org/"))
        (True, False)
    """
    return isinstance(iri, URIRef) and str(iri).startswith(ID_BASE)


def id_of(iri: URIRef) -> str:
    """Return the curated id an entity IRI was minted from.

    Example:
        >>> id_of(entity_iri("bloc/eaeu"))
        'bloc/eaeu'
    """
    if not is_entity_iri(iri):
        raise ValueError(f"not an irkg entity IRI: {iri}")
    return str(iri)[len(ID_BASE) :]


def document_graph(doc_id: str) -> URIRef:
    """Return the named graph of facts a document states as a whole (its entity list).

    Example:
        >>> document_graph("doc/moscow-talks")
        rdflib.term.URIRef('https://w3id.org/irkg/graph/moscow-talks')
    """
    return URIRef(GRAPH_BASE + _doc_slug(doc_id))


def paragraph_graph(doc_id: str, paragraph: int) -> URIRef:
    """Return the named graph of the facts one paragraph of a document states.

    Example:
        >>> paragraph_graph("doc/moscow-talks", 2)
        rdflib.term.URIRef('https://w3id.org/irkg/graph/moscow-talks/p2')
    """
    return URIRef(f"{GRAPH_BASE}{_doc_slug(doc_id)}/p{paragraph}")


def _doc_slug(doc_id: str) -> str:
    kind, _, slug = doc_id.partition("/")
    if kind != "doc" or not ID_PATTERN.match(doc_id):
        raise ValueError(f"not a document id (expected doc/name): {doc_id!r}")
    return slug
