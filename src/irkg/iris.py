"""The one place where ids become IRIs.

Curated ids look like ``kind/name`` (``country/india``, ``person/s-jaishankar``)
and become ``https://w3id.org/irkg/id/country/india``. Each source paragraph's
facts sit in the named graph ``https://w3id.org/irkg/graph/<doc>/p<n>``.
"""

from __future__ import annotations

import hashlib
import re

from rdflib import URIRef
from rdflib.term import Node

__all__ = [
    "BACKGROUND_GRAPH",
    "BASE",
    "CLAIM_BASE",
    "GRAPH_BASE",
    "ID_BASE",
    "ID_PATTERN",
    "INFERRED_GRAPH",
    "KINDS",
    "MENTION_BASE",
    "PROVENANCE_GRAPH",
    "claim_iri",
    "document_graph",
    "entity_iri",
    "file_base_iri",
    "id_of",
    "is_entity_iri",
    "is_ledger_iri",
    "is_mention_iri",
    "mention_iri",
    "paragraph_graph",
    "statement_iri",
]

BASE = "https://w3id.org/irkg/"
ID_BASE = BASE + "id/"
GRAPH_BASE = BASE + "graph/"
#: Claims of the claims ledger, and the facts they cite, are minted under this base.
CLAIM_BASE = BASE + "claim/"
#: Mentions of known entities in ingested articles are minted under this base.
MENTION_BASE = BASE + "mention/"

#: A curated id: a lowercase kind, a slash, and a lowercase slug. Anchored at the very
#: end (``\Z``: ``$`` would let a final line break through, into an IRI), so it holds
#: however it is called; irkg calls it with ``fullmatch``.
ID_PATTERN = re.compile(r"\A[a-z][a-z-]*/[a-z0-9][a-z0-9.-]*\Z")

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
    "initiative",
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
#: A SPARQL store stages the graphs of a write in progress under ``STAGING`` + a run + ":".
STAGING = "urn:irkg:staging:"


def unstaged(graph: str) -> tuple[str, URIRef]:
    """The staging prefix of a graph staged by a write in progress ("" when it is not
    staged), and the name the graph will have.

    Example:
        >>> unstaged("urn:irkg:staging:1f2e:https://w3id.org/irkg/graph/x")
        ('urn:irkg:staging:1f2e:', rdflib.term.URIRef('https://w3id.org/irkg/graph/x'))
        >>> unstaged("https://w3id.org/irkg/graph/x")[0]
        ''
    """
    if not graph.startswith(STAGING) or ":" not in graph[len(STAGING) :]:
        return "", URIRef(graph)
    run = graph[: graph.index(":", len(STAGING)) + 1]
    return run, URIRef(graph[len(run) :])


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
        >>> entity_iri("country/utopia\\n")
        Traceback (most recent call last):
        ...
        ValueError: not a curated id (expected kind/name in lowercase): 'country/utopia\\n'
    """
    if not ID_PATTERN.fullmatch(curated_id):
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
    if kind != "doc" or not ID_PATTERN.fullmatch(doc_id):
        raise ValueError(f"not a document id (expected doc/name): {doc_id!r}")
    return slug


def claim_iri(doc_id: str, paragraph: int, number: int) -> URIRef:
    """Return the IRI of the ``number``-th claim of a paragraph in the claims ledger.

    Example:
        >>> claim_iri("doc/moscow-talks", 2, 3)
        rdflib.term.URIRef('https://w3id.org/irkg/claim/moscow-talks/p2/c3')
    """
    return URIRef(f"{CLAIM_BASE}{_doc_slug(doc_id)}/p{paragraph}/c{number}")


def statement_iri(doc_id: str, paragraph: int, triple: tuple[Node, Node, Node]) -> URIRef:
    """Return the IRI of one triple of a paragraph, reified so that a claim can cite it.

    The name is a digest of the triple, so the same triple gets the same IRI in
    every build and however the curated file is ordered.

    Example:
        >>> t = (entity_iri("country/india"), URIRef("https://schema.org/x"), entity_iri("bloc/sco"))
        >>> statement_iri("doc/moscow-talks", 6, t)
        rdflib.term.URIRef('https://w3id.org/irkg/claim/moscow-talks/p6/t-9ac4c68d3327')
    """
    key = "\n".join(term.n3() for term in triple).encode("utf-8")
    digest = hashlib.sha256(key).hexdigest()[:12]
    return URIRef(f"{CLAIM_BASE}{_doc_slug(doc_id)}/p{paragraph}/t-{digest}")


def mention_iri(doc_id: str, paragraph: int, begin: int, end: int) -> URIRef:
    """Return the IRI of the mention that spans ``begin:end`` of a paragraph's text.

    Example:
        >>> mention_iri("doc/moscow-talks", 2, 10, 16)
        rdflib.term.URIRef('https://w3id.org/irkg/mention/moscow-talks/p2/10-16')
    """
    return URIRef(f"{MENTION_BASE}{_doc_slug(doc_id)}/p{paragraph}/{begin}-{end}")


def is_mention_iri(iri: object) -> bool:
    """Tell whether ``iri`` names a mention (see :func:`mention_iri`)."""
    return isinstance(iri, URIRef) and str(iri).startswith(MENTION_BASE)


def is_ledger_iri(iri: object) -> bool:
    """Tell whether ``iri`` names a claim of the ledger or a triple a claim cites.

    Example:
        >>> is_ledger_iri(claim_iri("doc/moscow-talks", 1, 1)), is_ledger_iri(entity_iri("city/moscow"))
        (True, False)
    """
    return isinstance(iri, URIRef) and str(iri).startswith(CLAIM_BASE)


def file_base_iri(slug: str) -> str:
    """Return the base IRI that relative IRIs of a loaded RDF file resolve against.

    It depends on the file's name only, never on the folder irkg runs in.

    Example:
        >>> file_base_iri("extra-cities")
        'https://w3id.org/irkg/file/extra-cities/'
    """
    return f"{BASE}file/{slug}/"
