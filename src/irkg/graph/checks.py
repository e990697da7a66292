"""irkg's SHACL shapes as SPARQL queries, run by a store's own engine.

pySHACL validates a graph held in rdflib, in Python: right for a build of curated data,
minutes at a million triples. A load into a store is checked here instead: each
constraint of irkg's shapes becomes one query that returns the nodes breaking it, and
only nodes that the load's graphs mention are checked. The shapes use a small part of
SHACL Core (targets by class, subject and object; property paths that are single
properties; counts, datatype, class, an exclusive minimum, ``lessThanOrEquals``, and
``sh:or`` of such shapes); a shape that uses more is an error here, not silently
skipped. As in :func:`irkg.graph.validation.validate`, inferred facts are not
premises: a kind the reasoner gave would hide the very mistake a shape looks for. A
test holds these queries to pySHACL's results on every invalid example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from irkg.iris import INFERRED_GRAPH, PROVENANCE_GRAPH, STAGING, unstaged
from irkg.ontology import IRKG, load_ontology
from irkg.ontology.namespaces import RDF, RDFS

__all__ = ["MENTIONED", "Check", "checks", "run_checks"]

#: The most nodes a load may mention for only those to be checked; past it every node is.
#: Listed nodes cost more per node than a scan (at 100k quads: 470 nodes 0.5 s, 4,200
#: nodes 9 s, every node 1.1 s), so a load that large is checked whole.
MENTIONED = 1_000

_SH = "http://www.w3.org/ns/shacl#"
_NOT_INFERRED = f"<{INFERRED_GRAPH}>"
#: What irkg's shapes may say; anything else stops :func:`checks` (see the module's text).
_KNOWN = {
    str(RDF.type),
    _SH + "targetClass",
    _SH + "targetSubjectsOf",
    _SH + "targetObjectsOf",
    _SH + "property",
    _SH + "path",
    _SH + "minCount",
    _SH + "maxCount",
    _SH + "datatype",
    _SH + "class",
    _SH + "minExclusive",
    _SH + "lessThanOrEquals",
    _SH + "or",
    _SH + "message",
}


def sh(name: str) -> URIRef:
    return URIRef(_SH + name)


@dataclass(frozen=True)
class Check:
    """One constraint as a query: each row is ``?f`` (the node), ``?v`` (the offending
    value, if any) and ``?g`` (a graph that states it)."""

    message: str
    path: URIRef | None
    query: str


@cache
def _subkinds() -> dict[URIRef, frozenset[URIRef]]:
    """Each kind with every kind below it, as SHACL's ``sh:class`` reads a kind."""
    ontology = load_ontology().graph
    below: dict[URIRef, set[URIRef]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            below.setdefault(sup, set()).add(sub)

    def closed(kind: URIRef) -> frozenset[URIRef]:
        found, todo = {kind}, [kind]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return frozenset(found)

    return {kind: closed(kind) for kind in {*below, *load_ontology().classes.values()}}


def _of_kind(node: str, kind: URIRef, graph: str) -> str:
    """A pattern that holds when ``node`` is stated (not inferred) to be of ``kind``."""
    kinds = " ".join(sorted(k.n3() for k in _subkinds().get(kind, frozenset({kind}))))
    return (
        f"VALUES ?{graph}k {{ {kinds} }} GRAPH ?{graph} {{ {node} a ?{graph}k }} "
        f"FILTER(?{graph} != {_NOT_INFERRED})"
    )


def _values(path: URIRef, value: str = "?v", graph: str = "?g") -> str:
    return f"GRAPH {graph} {{ ?f {path.n3()} {value} }} FILTER({graph} != {_NOT_INFERRED})"


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes

    def one(self, node: Node, name: str) -> Node | None:
        return self.shapes.value(node, sh(name))

    def known(self, node: Node) -> None:
        unknown = {str(p) for p in self.shapes.predicates(node)} - _KNOWN
        if unknown:
            raise ValueError(f"shape {node}: the store's checks do not know {sorted(unknown)}")

    def targets(self, shape: Node) -> list[str]:
        found = []
        for kind in self.shapes.objects(shape, sh("targetClass")):
            if kind == IRKG.AssertionGraph:  # the named graphs that hold facts: the
                # graphs in scope, or all (see run_checks)
                found.append(f"#GRAPHS FILTER(?f != {_NOT_INFERRED} && ?f != <{PROVENANCE_GRAPH}>)")
            else:
                found.append(_of_kind("?f", kind, "tg"))  # type: ignore[arg-type]
        for prop in self.shapes.objects(shape, sh("targetSubjectsOf")):
            found.append(f"GRAPH ?tg {{ ?f {prop.n3()} ?to }} FILTER(?tg != {_NOT_INFERRED})")
        for prop in self.shapes.objects(shape, sh("targetObjectsOf")):
            found.append(f"GRAPH ?tg {{ ?ts {prop.n3()} ?f }} FILTER(?tg != {_NOT_INFERRED})")
        return found

    def holds(self, alternative: Node) -> str:
        """A pattern for one branch of ``sh:or``: a kind, or a property with a value."""
        self.known(alternative)
        kind, path = self.one(alternative, "class"), self.one(alternative, "path")
        if isinstance(kind, URIRef) and path is None:
            return _of_kind("?f", kind, "og")
        if isinstance(path, URIRef) and self.one(alternative, "minCount") == Literal(1):
            return _values(path, "?ov", "?og")
        raise ValueError(f"shape {alternative}: sh:or supports a kind, or a property minCount 1")

    def compile(self, shape: Node) -> Iterator[tuple[str, URIRef | None, str, str]]:
        """(message, path, what ?v is, the pattern that finds breaches) for each constraint."""
        self.known(shape)
        message = str(self.one(shape, "message") or "does not conform")
        kind = self.one(shape, "class")
        if isinstance(kind, URIRef):
            yield message, None, "", f"FILTER NOT EXISTS {{ {_of_kind('?f', kind, 'cg')} }}"
        branches = self.one(shape, "or")
        if branches is not None:
            alternatives = [self.holds(b) for b in Collection(self.shapes, branches)]
            none = " ".join(f"FILTER NOT EXISTS {{ {a} }}" for a in alternatives)
            yield message, None, "", none
        for prop in self.shapes.objects(shape, sh("property")):
            yield from self.property(prop, message)

    def property(self, prop: Node, outer: str) -> Iterator[tuple[str, URIRef | None, str, str]]:
        self.known(prop)
        path = self.one(prop, "path")
        if not isinstance(path, URIRef):
            raise ValueError(f"shape {prop}: only a single property is supported as sh:path")
        message = str(self.one(prop, "message") or outer)
        low, high = self.one(prop, "minCount"), self.one(prop, "maxCount")
        if low is not None or high is not None:
            bounds = []
            if isinstance(low, Literal):
                bounds.append(f"COUNT(DISTINCT ?v) < {int(low)}")
            if isinstance(high, Literal):
                bounds.append(f"COUNT(DISTINCT ?v) > {int(high)}")
            having = " || ".join(bounds)
            yield (
                message,
                path,
                "",
                f"OPTIONAL {{ {_values(path)} }} }} GROUP BY ?f HAVING({having})",
            )
        values = _values(path)
        tests: list[tuple[str, Callable[[URIRef], str]]] = [  # what breaks each, per value ?v
            ("datatype", lambda d: f"FILTER(!isLiteral(?v) || DATATYPE(?v) != {d.n3()})"),
            ("class", lambda k: f"FILTER NOT EXISTS {{ {_of_kind('?v', k, 'cg')} }}"),
            ("minExclusive", lambda m: f"FILTER(!COALESCE(?v > {m.n3()}, false))"),
            (
                "lessThanOrEquals",
                lambda o: f"{_values(o, '?w', '?wg')} FILTER(!COALESCE(?v <= ?w, false))",
            ),
        ]
        for name, breach in tests:
            term = self.one(prop, name)
            if isinstance(term, (URIRef, Literal)):
                yield message, path, "?v", f"{values} {breach(term)}"  # type: ignore[arg-type]


@cache
def checks() -> tuple[Check, ...]:
    """Every constraint of irkg's shapes (its own and those made from the ontology's
    domains and ranges) as a query over all nodes; :func:`run_checks` narrows them.

    Example:
        >>> any(c.message.startswith("every entity needs exactly one") for c in checks())
        True
    """
    from irkg.graph.validation import all_shapes

    shapes = all_shapes()
    compiler = _Compiler(shapes)
    found = []
    for shape in sorted(set(shapes.subjects(RDF.type, sh("NodeShape"))), key=str):
        targets = compiler.targets(shape)
        if not targets:
            continue
        # Nodes are narrowed to those a load mentions (#SCOPE); graphs, to its graphs.
        narrowed = "" if any("#GRAPHS" in t for t in targets) else "#SCOPE "
        focus = narrowed + " UNION ".join(f"{{ {t} }}" for t in targets)
        for message, path, value, pattern in compiler.compile(shape):
            grouped = "GROUP BY" in pattern
            if grouped:
                select, end = "?f", ""
            else:
                select, end = f"DISTINCT ?f {value} ?g" if value else "DISTINCT ?f", " }"
            query = (
                f"SELECT {select} WHERE {{ {{ SELECT DISTINCT ?f WHERE {{ {focus}\n"
                f"}} }} {pattern}{end}"
            )
            found.append(Check(message, path, query))
    return tuple(found)


def run_checks(
    select: Callable[[str], Iterable[tuple[Node | None, ...]]],
    graphs: Iterable[URIRef] | None = None,
) -> list[tuple[Check, Node, Node | None, Node | None]]:
    """Run every check through ``select``; return each breach as (check, node, value,
    graph). With ``graphs``, only nodes that those graphs mention are checked (up to
    :data:`MENTIONED` of them), and only those graphs for a source; a graph staged by a SPARQL store's load (its name is
    ``STAGING`` + a run + ``:`` + its own) is checked under the name it will have.
    """
    scope = ""
    named = (  # every graph but those of a write in progress, which are not facts yet
        "GRAPH ?f { } FILTER EXISTS { GRAPH ?f { ?ts ?tp ?to } } "
        f'FILTER(!STRSTARTS(STR(?f), "{STAGING}"))'
    )
    if graphs is not None:
        listed = sorted(URIRef(g) for g in graphs)
        values = " ".join(g.n3() for g in listed)
        mentioned = [
            row[0]
            for row in select(
                f"SELECT DISTINCT ?f WHERE {{ VALUES ?sg {{ {values} }} "
                "GRAPH ?sg { { ?f ?sp ?so } UNION { ?ss ?sp ?f } } FILTER(!isLiteral(?f)) }"
            )
            if row and row[0] is not None
        ]
        # Past MENTIONED the load is much of the store, and blank nodes cannot be listed:
        # then every node is checked.
        if len(mentioned) <= MENTIONED and all(isinstance(n, URIRef) for n in mentioned):
            scope = f"VALUES ?f {{ {' '.join(n.n3() for n in mentioned)} }}"
        pairs = " ".join(f"({g.n3()} {unstaged(g)[1].n3()})" for g in listed)
        named = f"VALUES (?fg ?f) {{ {pairs} }} FILTER EXISTS {{ GRAPH ?fg {{ ?ts ?tp ?to }} }}"
    found = []
    for check in checks():
        query = check.query.replace("#SCOPE", scope).replace("#GRAPHS", named)
        for row in select(query):
            node, value, graph = (*row, None, None)[:3]
            if node is not None:
                found.append((check, node, value, graph))
    return found
