"""The ontology's rules as SPARQL updates, run by the store's own engine.

OWL 2 RL through owlrl walks every triple in Python: 18 s at 40k triples, many minutes
at a million. What irkg's ontology says about facts comes down to a few rules, and a
store's engine runs each as one ``INSERT ... WHERE`` over the whole graph:

- what a fact entails through sub-properties, inverse and symmetric properties
  (``prp-spo1``, ``prp-inv1/2``, ``prp-symp``),
- transitive properties (``prp-trp``),
- the kinds a fact gives its subject and object through domains and ranges, and a kind
  its super-kinds (``prp-dom``, ``prp-rng``, ``cax-sco``).

The schema is closed first, in Python, on the small ontology alone (owlrl's closure of
it, then which properties and kinds each property entails): the rules then need no
rounds but for transitive chains, each one join over the facts. Only facts about irkg
entities are inferred, into the inferred graph; a fact stated anywhere is never
inferred again. On irkg's own data the rules infer exactly what OWL 2 RL does (a test
holds them to it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef

from irkg.iris import ID_BASE, INFERRED_GRAPH, PROVENANCE_GRAPH
from irkg.ontology import ONTOLOGY_PATH, load_ontology
from irkg.ontology.namespaces import OWL, RDF, RDFS

__all__ = ["Rule", "rules", "run_rules"]

#: How many times the transitive rule may lengthen chains (each time doubles them).
_TRANSITIVE_ROUNDS = 32


@dataclass(frozen=True)
class Rule:
    """One rule of the ontology, as the SPARQL update that applies it everywhere.

    ``repeat`` rules run again until they add nothing (see :func:`run_rules`)."""

    name: str
    update: str
    repeat: bool = False


@dataclass(frozen=True)
class _Schema:
    """The closed schema: what one fact with each property entails."""

    forward: frozenset[tuple[URIRef, URIRef]]  # (p, q): s p o entails s q o
    backward: frozenset[tuple[URIRef, URIRef]]  # (p, q): s p o entails o q s
    transitive: frozenset[URIRef]
    domain: frozenset[tuple[URIRef, URIRef]]  # (p, c): s p o gives s the kind c
    range: frozenset[tuple[URIRef, URIRef]]  # (p, c): s p o gives an IRI o the kind c
    supers: frozenset[tuple[URIRef, URIRef]]  # (b, c): a b is also a c


#: The closed schema of the packaged ontology, made by ``python -m irkg.graph.rules``:
#: used while the ontology is the one it was made from (its SHA-256 is in the file), so
#: that no build pays for owlrl's closure (a second) when the ontology has not changed.
SCHEMA_PATH = Path(__file__).with_name("schema.json")


@cache
def _schema() -> _Schema:
    """The closed schema: the packaged one (:data:`SCHEMA_PATH`) while it matches the
    ontology, else closed afresh."""
    try:
        kept = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = None
    if isinstance(kept, dict) and kept.get("ontology") == _ontology_digest():

        def pairs(name: str) -> frozenset[tuple[URIRef, URIRef]]:
            return frozenset((URIRef(a), URIRef(b)) for a, b in kept[name])

        try:
            return _Schema(
                forward=pairs("forward"),
                backward=pairs("backward"),
                transitive=frozenset(URIRef(p) for p in kept["transitive"]),
                domain=pairs("domain"),
                range=pairs("range"),
                supers=pairs("supers"),
            )
        except (KeyError, TypeError, ValueError):
            pass  # not the shape schema_json writes: closed afresh
    return _closed_schema()


_FIELDS = ("forward", "backward", "transitive", "domain", "range", "supers")


def _ontology_digest() -> str:
    return hashlib.sha256(ONTOLOGY_PATH.read_bytes()).hexdigest()


def schema_json() -> str:
    """The closed schema of the ontology as :data:`SCHEMA_PATH` holds it."""
    schema = _closed_schema()
    kept: dict[str, object] = {"ontology": _ontology_digest()}
    for name in _FIELDS:
        kept[name] = sorted(
            [str(v)] if isinstance(v, URIRef) else [str(v[0]), str(v[1])]
            for v in getattr(schema, name)
        )
        if name == "transitive":
            kept[name] = [v[0] for v in kept[name]]  # type: ignore[attr-defined]
    # One value a line, so that a change to the ontology reads as a short diff.
    lines = [f' "ontology": {json.dumps(kept.pop("ontology"))}']
    for name, values in sorted(kept.items()):
        items = ",\n".join(f"  {json.dumps(v)}" for v in values)  # type: ignore[attr-defined]
        lines.append(f' "{name}": [\n{items}\n ]')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _closed_schema() -> _Schema:
    import owlrl

    closed = Graph()
    closed += load_ontology().graph
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(closed)

    def pairs(predicate: URIRef) -> set[tuple[URIRef, URIRef]]:
        return {
            (a, b)
            for a, b in closed.subject_objects(predicate)
            if isinstance(a, URIRef)
            and isinstance(b, URIRef)
            and OWL.Thing != b != OWL.Nothing != a
        }

    supers_of: dict[URIRef, set[URIRef]] = {}
    for p, q in pairs(RDFS.subPropertyOf):
        supers_of.setdefault(p, set()).add(q)
    inverse = pairs(OWL.inverseOf)
    flipped_of: dict[URIRef, set[URIRef]] = {}
    for p, q in inverse | {(q, p) for p, q in inverse}:
        flipped_of.setdefault(p, set()).add(q)
    for symmetric in closed.subjects(RDF.type, OWL.SymmetricProperty):
        if isinstance(symmetric, URIRef):
            flipped_of.setdefault(symmetric, set()).add(symmetric)

    # Every (property, direction) one fact entails: follow sub-properties, and flip
    # through inverses, until nothing new.
    properties = set(supers_of) | set(flipped_of)
    entailed: dict[URIRef, set[tuple[URIRef, bool]]] = {}
    for p in properties:
        seen, todo = {(p, True)}, [(p, True)]
        while todo:
            q, ahead = todo.pop()
            steps = {(r, ahead) for r in supers_of.get(q, ())}
            steps |= {(r, not ahead) for r in flipped_of.get(q, ())}
            for step in steps - seen:
                seen.add(step)
                todo.append(step)
        entailed[p] = seen - {(p, True)}

    classes: dict[URIRef, set[URIRef]] = {}
    for b, c in pairs(RDFS.subClassOf):
        if b != c:
            classes.setdefault(b, set()).add(c)
    domains, ranges = pairs(RDFS.domain), pairs(RDFS.range)

    def kinds(p: URIRef, ahead: bool) -> set[URIRef]:
        """The kinds a fact with ``p`` gives its subject (``ahead``) or object."""
        found: set[URIRef] = set()
        for q, forward in {(p, True)} | entailed.get(p, set()):
            declared = domains if forward == ahead else ranges
            found |= {c for r, c in declared if r == q}
        return found | {s for c in found for s in classes.get(c, ())}

    every = properties | {p for p, _ in domains | ranges}
    return _Schema(
        forward=frozenset((p, q) for p in entailed for q, ahead in entailed[p] if ahead),
        backward=frozenset((p, q) for p in entailed for q, ahead in entailed[p] if not ahead),
        transitive=frozenset(
            p for p in closed.subjects(RDF.type, OWL.TransitiveProperty) if isinstance(p, URIRef)
        ),
        domain=frozenset((p, c) for p in every for c in kinds(p, True)),
        range=frozenset((p, c) for p in every for c in kinds(p, False)),
        supers=frozenset((b, c) for b in classes for c in classes[b]),
    )


def _values(rows: Iterable[tuple[URIRef, ...]]) -> str:
    return " ".join("(" + " ".join(term.n3() for term in row) + ")" for row in sorted(rows))


def _insert(name: str, rows: Iterable[tuple[URIRef, URIRef]], head: str, premise: str) -> Rule:
    """A rule that adds ``head`` about ``?s`` for each row ``(?p, ?x)`` wherever ``premise``
    holds with that ``?p``. Each distinct premise is found once, then joined with the rows:
    a bloc that a hundred thousand facts point at is given its kinds once."""
    found = " ".join(v for v in ("?s", "?p", "?o") if v == "?p" or v in head)
    keys = " ".join(sorted({p.n3() for p, _ in rows}))
    return Rule(
        name,
        f"INSERT {{ GRAPH <{INFERRED_GRAPH}> {{ {head} }} }}\nWHERE {{\n"
        f"  {{ SELECT DISTINCT {found} WHERE {{\n"
        f"    VALUES ?p {{ {keys} }}\n    GRAPH ?g {{ {premise} }}\n"
        f'    FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID_BASE}") && ?g != <{PROVENANCE_GRAPH}>)\n'
        f"  }} }}\n  VALUES (?p ?x) {{ {_values(rows)} }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?h {{ {head} }} }}\n}}",
    )


def _transitive(properties: Iterable[URIRef]) -> Rule:
    """Chains of a transitive property, one link longer each time it runs."""
    keys = " ".join(sorted(p.n3() for p in properties))
    return Rule(
        "transitive",
        f"INSERT {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}\nWHERE {{\n"
        f"  VALUES ?p {{ {keys} }}\n  GRAPH ?g {{ ?s ?p ?m }} GRAPH ?k {{ ?m ?p ?o }}\n"
        f'  FILTER(?s != ?o && isIRI(?s) && STRSTARTS(STR(?s), "{ID_BASE}"))\n'
        f"  FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} }}\n}}",
        repeat=True,
    )


@cache
def rules() -> tuple[Rule, ...]:
    """The ontology's rules, in the order they run (see the module's text).

    Example:
        >>> [rule.name for rule in rules()]  # doctest: +NORMALIZE_WHITESPACE
        ['entails', 'entails backwards', 'transitive', 'transitive entails',
         'transitive entails backwards', 'domain', 'range', 'sub-kind']
    """
    schema = _schema()
    chained = schema.transitive
    fact, flipped = "?s ?p ?o", "?o ?p ?s"
    return (
        _insert("entails", schema.forward, "?s ?x ?o", fact),
        _insert("entails backwards", schema.backward, "?s ?x ?o", flipped),
        _transitive(chained),
        _insert(
            "transitive entails", [r for r in schema.forward if r[0] in chained], "?s ?x ?o", fact
        ),
        _insert(
            "transitive entails backwards",
            [r for r in schema.backward if r[0] in chained],
            "?s ?x ?o",
            flipped,
        ),
        _insert("domain", schema.domain, "?s a ?x", fact),
        _insert("range", schema.range, "?s a ?x", flipped + " FILTER(isIRI(?s))"),
        _insert("sub-kind", schema.supers, "?s a ?x", "?s a ?p"),
    )


def run_rules(update: Callable[[str], None], count: Callable[[], int]) -> int:
    """Apply :func:`rules` through ``update``, each once but the transitive rule until it
    adds nothing; return the size of the inferred graph as ``count`` tells it."""
    for rule in rules():
        update(rule.update)
        if rule.repeat:
            size = count()
            for _ in range(_TRANSITIVE_ROUNDS):
                update(rule.update)
                size, before = count(), size
                if size == before:
                    break
    return count()


if __name__ == "__main__":  # python -m irkg.graph.rules: write the packaged schema
    SCHEMA_PATH.write_text(schema_json(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
