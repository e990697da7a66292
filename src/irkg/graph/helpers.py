"""The named questions (helpers): readable ``.rq`` files plus the little Python around them.

Each helper whose question fits SPARQL is a query file in ``irkg/graph/queries``
that runs as it is (``irkg query src/irkg/graph/queries/members-of.rq``); the
line marked ``# parameter`` is where a helper puts the entity it was asked about.
Paths and centrality use networkx.

Every helper is one record of :data:`HELPERS` (name, parameters, description, function,
the kind of row it returns), from which ``irkg ask``, ``irkg ask --list`` and the
methods of :class:`~irkg.graph.KnowledgeGraph` (``kg.members_of("EAEU")``) are made. A
helper needs only a :class:`Graph`: a query, a name resolver, the network view and the
sources of named graphs.
"""

from __future__ import annotations

import inspect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, get_type_hints

from rdflib import Literal, URIRef
from rdflib.term import Node

from irkg.errors import QueryError
from irkg.iris import entity_iri, id_of, is_entity_iri, is_mention_iri
from irkg.ontology import load_ontology

if TYPE_CHECKING:
    import networkx as nx
    from rdflib.query import Result

    from irkg.graph.provenance import Source
    from irkg.graph.resolve import Match

__all__ = [
    "HELPERS",
    "QUERY_FILES",
    "ClaimInfo",
    "EventInfo",
    "Fact",
    "Graph",
    "Helper",
    "Hop",
    "Membership",
    "MentionInfo",
    "Neighbour",
    "Param",
    "Ranked",
    "RouteInfo",
    "StatementInfo",
    "TargetInfo",
    "TimelineEntry",
    "TradeFigure",
    "bind_query",
    "central",
    "claims",
    "events",
    "load_query",
    "members_of",
    "memberships",
    "mentions",
    "neighbours",
    "path",
    "routes",
    "said_by",
    "shared_memberships",
    "sources_of",
    "statements_about",
    "targets",
    "timeline",
    "trade",
]

_QUERIES = resources.files("irkg.graph").joinpath("queries")
#: Helper name -> its one-line description (the .rq file's first comment).
QUERY_FILES: dict[str, str] = {}
for _entry in sorted(_QUERIES.iterdir(), key=lambda e: e.name):
    if _entry.name.endswith(".rq"):
        _first = _entry.read_text(encoding="utf-8").splitlines()[0]
        QUERY_FILES[_entry.name[:-3]] = _first.lstrip("# ").split(": ", 1)[-1]

_PARAMETER = re.compile(r"\{[^{}]*\}(?=\s*# parameter)")


@cache
def load_query(name: str) -> str:
    """Return the text of a packaged query.

    Example:
        >>> "irkg:hasMember" in load_query("members-of")
        True
    """
    if name not in QUERY_FILES:
        raise QueryError(f"no query named {name!r}; known: {', '.join(QUERY_FILES)}")
    return _QUERIES.joinpath(f"{name}.rq").read_text(encoding="utf-8")


#: What SPARQL's IRIREF may not hold.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def bind_query(text: str, *values: URIRef) -> str:
    """Put ``values`` in the query's ``# parameter`` line.

    Example:
        >>> q = "VALUES ?x { bloc:eaeu }  # parameter"
        >>> bind_query(q, URIRef("https://w3id.org/irkg/id/bloc/sco"))
        'VALUES ?x { <https://w3id.org/irkg/id/bloc/sco> }  # parameter'
    """
    for value in values:  # an IRI that could end its <...> early is never written in
        if _NOT_IN_IRI.search(str(value)):
            raise QueryError(f"{str(value)[:80]!r} is not an IRI a query may hold")
    terms = " ".join(v.n3() for v in values)
    row = f"({terms})" if len(values) > 1 else terms
    bound, count = _PARAMETER.subn(f"{{ {row} }}", text, count=1)
    if count != 1:
        raise QueryError("the query has no line marked '# parameter'")
    return bound


# -- what a helper needs, and the registry ---------------------------------------------


class Graph(Protocol):
    """What a helper asks of a graph (:class:`~irkg.graph.KnowledgeGraph` is one)."""

    def query(self, sparql: str, *, own: bool = False) -> Result:
        """Run SPARQL (``own``: irkg's own text, straight to the store's engine)."""
        ...

    def resolve(self, name: str) -> Match:
        """The one entity a name stands for."""
        ...

    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities and relations as a network (made once per graph)."""
        ...

    def sources(self, graphs: Iterable[Node]) -> Mapping[Node, Source | None]:
        """The source of each named graph."""
        ...


#: A parameter without a default must be given.
REQUIRED: Any = inspect.Parameter.empty


@dataclass(frozen=True)
class Param:
    """One parameter of a helper: positional unless ``option`` (then ``--name``)."""

    name: str
    help: str
    kind: type = str
    default: Any = REQUIRED
    option: bool = False
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Helper:
    """One named question: ``irkg ask NAME``, ``kg.NAME_WITH_UNDERSCORES(...)``."""

    name: str
    params: tuple[Param, ...]
    description: str
    function: Callable[..., list[Any]]
    record: type

    def __call__(self, graph: Graph, *args: Any, **kwargs: Any) -> list[Any]:
        return self.function(graph, *args, **kwargs)


#: Every helper by name, in the order ``irkg ask --list`` shows them.
HELPERS: dict[str, Helper] = {}


_Function = TypeVar("_Function", bound=Callable[..., list[Any]])


def helper(name: str, *params: Param) -> Callable[[_Function], _Function]:
    """Register a helper: described by its ``.rq`` file's first comment where it has one,
    else by its docstring's first line; its rows' kind is its return annotation's. The
    function is returned as it is, its signature whole for type checkers."""

    def register(function: _Function) -> _Function:
        described = QUERY_FILES.get(name) or (function.__doc__ or "").strip().splitlines()[0]
        described = described.replace("``", "")
        described = described[:1].upper() + described[1:]
        returned = get_type_hints(function)["return"]
        declared = inspect.signature(function).parameters
        for param in params:
            expected = declared[param.name].default
            if param.default != expected:
                raise TypeError(f"helper {name}: {param.name} defaults to {expected!r}")
        HELPERS[name] = Helper(name, params, described, function, returned.__args__[0])
        return function

    return register


# -- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Membership:
    """An entity that is a member (or has one), with the sources that say so."""

    id: str
    label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TradeFigure:
    """One trade observation as a source states it."""

    id: str
    period: str
    flow: str
    value: Decimal
    unit: str
    reporter: str
    partner: str
    qualifier: str
    stated_by: str
    source: str


@dataclass(frozen=True)
class StatementInfo:
    """Something an agent said: in irkg's words, quoted where the source quotes."""

    id: str
    speaker: str
    summary: str
    quote: str
    occasion: str
    source: str


@dataclass(frozen=True)
class RouteInfo:
    """A transport corridor and the places it joins and crosses."""

    id: str
    label: str
    connects: tuple[str, ...]
    passes_through: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """Something dated, with as much precision as the sources give."""

    id: str
    label: str
    kind: str
    start: str
    end: str
    when: str


@dataclass(frozen=True)
class Fact:
    """One asserted fact, readable, with its source."""

    subject: str
    predicate: str
    object: str
    source: str

    def __str__(self) -> str:
        return f"{self.subject} {self.predicate} {self.object} [{self.source}]"


@dataclass(frozen=True)
class MentionInfo:
    """Where an ingested article names an entity: the words, and their place."""

    document: str
    title: str
    words: str
    begin: int
    end: int
    source: str


@dataclass(frozen=True)
class Neighbour:
    """An entity near another one, how far, and through which relation it is reached."""

    id: str
    label: str
    distance: int
    via: str


@dataclass(frozen=True)
class Hop:
    """One step of a path between two entities."""

    sentence: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Ranked:
    """An entity with a centrality score."""

    id: str
    label: str
    kind: str
    score: float


@dataclass
class _Sources:
    """Named graph -> readable source (the graph's IRI where none is recorded)."""

    kg: Graph

    def __call__(self, graph: Node | None) -> str:
        if graph is None:
            return ""
        source = self.kg.sources((graph,)).get(graph)
        return str(source) if source is not None else str(graph)


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


def _rows(kg: Graph, name: str, *values: URIRef) -> list[Any]:
    text = load_query(name)
    rows = list(kg.query(bind_query(text, *values) if values else text, own=True))
    if rows and "g" in getattr(rows[0], "labels", {}):  # all the rows' sources, in one go
        kg.sources(row.g for row in rows)  # type: ignore[union-attr]
    return rows


def _grouped(kg: Graph, rows: list[Any]) -> list[Membership]:
    source = _Sources(kg)
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entity, label, graph in rows:
        found[(id_of(entity), str(label))].append(source(graph))
    return [
        Membership(entity, label, tuple(sorted(set(sources))))
        for (entity, label), sources in sorted(found.items(), key=lambda i: i[0][1])
    ]


# -- the helpers -----------------------------------------------------------------------


@helper("members-of", Param("bloc", "A bloc or organisation: a name, alias or id."))
def members_of(kg: Graph, bloc: str) -> list[Membership]:
    """The members of a bloc or organisation.

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data", reason=False)
        >>> [m.label for m in members_of(kg, "EAEU")]
        ['Armenia', 'Belarus', 'Kazakhstan', 'Kyrgyz Republic', 'Russia']
    """
    return _grouped(kg, _rows(kg, "members-of", kg.resolve(bloc).iri))


@helper("memberships", Param("entity", "A country or organisation."))
def memberships(kg: Graph, entity: str) -> list[Membership]:
    """The blocs and organisations an entity belongs to."""
    return _grouped(kg, _rows(kg, "memberships", kg.resolve(entity).iri))


@helper("shared-memberships", Param("a", "One country or organisation."), Param("b", "The other."))
def shared_memberships(kg: Graph, a: str, b: str) -> list[Membership]:
    """The blocs and organisations both entities belong to (stated either way round).

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data")
        >>> [m.label for m in shared_memberships(kg, "India", "Russia")]
        ['BRICS', 'G20', 'Shanghai Cooperation Organisation', 'United Nations']
    """
    rows = _rows(kg, "shared-memberships", kg.resolve(a).iri, kg.resolve(b).iri)
    sources: dict[str, set[str]] = defaultdict(set)
    for who in (a, b):
        for m in memberships(kg, who):
            sources[m.id].update(m.sources)
    return [
        Membership(id_of(r.bloc), str(r.blocLabel), tuple(sorted(sources[id_of(r.bloc)])))
        for r in rows
    ]


@helper(
    "trade", Param("flow", "total, exports, imports, deficit or gap.", default=None, option=True)
)
def trade(kg: Graph, flow: str | None = None) -> list[TradeFigure]:
    """Every trade observation by period, optionally of one flow (total, exports, ...).

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data", reason=False)
        >>> [(f.value, f.source) for f in trade(kg, "total") if f.period == "FY2024-25"]
        [(Decimal('68'), 'moscow-diplomats-meeting ¶2'), (Decimal('68.7'), 'india-russia-business-summit ¶6')]
    """
    source = _Sources(kg)
    figures = [
        TradeFigure(
            id=id_of(r.obs),
            period=str(r.periodLabel),
            flow=str(r.flowLabel),
            value=Decimal(str(r.value)),
            unit=str(r.unitLabel),
            reporter=str(r.reporterLabel),
            partner=str(r.partnerLabel),
            qualifier=_text(r.qualifier),
            stated_by=_text(r.statedByLabel),
            source=source(r.g),
        )
        for r in _rows(kg, "trade")
    ]
    if flow is None:
        return figures
    match = kg.resolve(flow if "/" in flow else f"flow/{flow}")
    if not match.id.startswith("flow/"):
        known = sorted({f.flow for f in figures})
        raise QueryError(f"{flow!r} is not a trade flow; the figures have: {', '.join(known)}")
    return [f for f in figures if f.flow == match.label]


def _source_order(source: str) -> tuple[str, int]:
    """Sort key of a readable source: document, then paragraph as a number."""
    document, _, paragraph = source.partition(" ¶")
    return (document, int(paragraph) if paragraph.isdigit() else 0)


@dataclass(frozen=True)
class TargetInfo:
    """A goal for a figure by a period: ``deadline`` is the period's last day, the date
    :func:`timeline` gives the target, or its year if the period has no dates."""

    id: str
    label: str
    value: Decimal
    unit: str
    period: str
    deadline: str
    source: str


@helper("targets")
def targets(kg: Graph) -> list[TargetInfo]:
    """Goals such as 100 billion dollars of trade by 2030, with their sources.

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data", reason=False)
        >>> [(t.value, t.period, t.deadline) for t in targets(kg)]
        [(Decimal('100'), '2030', '2030-12-31')]
    """
    source = _Sources(kg)
    return [
        TargetInfo(
            id=id_of(r.target),
            label=str(r.label),
            value=Decimal(str(r.value)),
            unit=str(r.unitLabel),
            period=str(r.periodLabel),
            deadline=_text(r.deadline),
            source=source(r.g),
        )
        for r in _rows(kg, "targets")
    ]


def _statements(kg: Graph, rows: list[Any], speaker: str | None) -> list[StatementInfo]:
    source = _Sources(kg)
    found = [
        StatementInfo(
            id=id_of(r.statement),
            speaker=speaker if speaker is not None else str(r.speakerLabel),
            summary=_text(r.summary),
            quote=_text(r.quote),
            occasion=_text(r.eventLabel),
            source=source(r.g),
        )
        for r in rows
    ]
    return sorted(found, key=lambda s: (_source_order(s.source), s.id))


@helper("said-by", Param("speaker", "A person, body or country."))
def said_by(kg: Graph, speaker: str) -> list[StatementInfo]:
    """What a person, body or country said, where, and in which source.

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data", reason=False)
        >>> [s.source for s in said_by(kg, "Oreshkin")]
        ['india-russia-business-summit ¶11', 'india-russia-business-summit ¶12', 'india-russia-business-summit ¶13']
    """
    match = kg.resolve(speaker)
    return _statements(kg, _rows(kg, "said-by", match.iri), match.label)


@helper("statements-about", Param("subject", "What the statements are about."))
def statements_about(kg: Graph, subject: str) -> list[StatementInfo]:
    """Who said what about an entity, where, and in which source."""
    return _statements(kg, _rows(kg, "statements-about", kg.resolve(subject).iri), None)


@helper("routes")
def routes(kg: Graph) -> list[RouteInfo]:
    """Transport corridors with the places and countries they connect and cross."""
    source = _Sources(kg)
    found: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in _rows(kg, "routes"):
        entry = found[(id_of(r.route), str(r.routeLabel))]
        entry[str(r.role)].append(f"{r.placeLabel} ({str(r.kind).lower()})")
        entry["sources"].append(source(r.g))
    return [
        RouteInfo(
            id=route,
            label=label,
            connects=tuple(dict.fromkeys(entry["connects"])),
            passes_through=tuple(dict.fromkeys(entry["passes through"])),
            sources=tuple(sorted(set(entry["sources"]))),
        )
        for (route, label), entry in sorted(found.items(), key=lambda i: i[0][1])
    ]


@helper("timeline")
def timeline(kg: Graph) -> list[TimelineEntry]:
    """Dated things in date order; undated ones last, with what the source says about when."""
    merged: dict[str, TimelineEntry] = {}
    rows = _rows(kg, "timeline")
    kinds = _kind_labels(kg, (r.thing for r in rows))
    for r in rows:
        entry = TimelineEntry(
            id=id_of(r.thing),
            label=str(r.label),
            kind=kinds.get(r.thing, ""),
            start=_text(r.start),
            end=_text(r.end),
            when=_text(r.when),
        )
        old = merged.get(entry.id)
        if old is None or (not old.start and entry.start):
            merged[entry.id] = entry
    return sorted(merged.values(), key=lambda e: (e.start == "", e.start, e.label))


def _values(kg: Graph, iris: Iterable[URIRef], pattern: str) -> dict[URIRef, list[Node]]:
    """``?v`` of ``pattern`` for each of ``iris`` (as ``?s``), in one query."""
    listed = " ".join(sorted({iri.n3() for iri in iris}))
    found: dict[URIRef, list[Node]] = defaultdict(list)
    if listed:
        query = f"SELECT ?s ?v WHERE {{ VALUES ?s {{ {listed} }} {pattern} }}"
        for row in kg.query(query, own=True):
            s, v = row  # type: ignore[misc]
            found[s].append(v)  # type: ignore[index]
    return found


def _kind_labels(kg: Graph, iris: Iterable[URIRef]) -> dict[URIRef, str]:
    """The most specific irkg kind of each entity, by its label."""
    ontology = load_ontology()
    known = set(ontology.entity_classes().values())
    return {
        iri: ontology.label(ontology.most_specific(kinds))  # type: ignore[arg-type]
        for iri, types in _values(kg, iris, "?s a ?v").items()
        if (kinds := [t for t in types if t in known])
    }


def _labels(kg: Graph, iris: Iterable[URIRef]) -> dict[URIRef, str]:
    """The label of each entity (its id where it has none)."""
    wanted = set(iris)
    found = {
        iri: min(str(label) for label in labels)
        for iri, labels in _values(kg, wanted, "?s rdfs:label ?v").items()
    }
    return {iri: found.get(iri) or id_of(iri) for iri in wanted}


@dataclass(frozen=True)
class EventInfo:
    """A meeting, summit, forum or visit: where, when, who took part, and the source."""

    id: str
    label: str
    kind: str
    place: str
    when: str
    participants: tuple[str, ...]
    sources: tuple[str, ...]


@helper("events", Param("at", "Only events held at this place.", default=None, option=True))
def events(kg: Graph, at: str | None = None) -> list[EventInfo]:
    """Events with their place, date as the source gives it, and participants.

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data")
        >>> [e.label for e in events(kg, at="Moscow")]
        ["India-Russia top diplomats' meeting in Moscow"]
    """
    place = kg.resolve(at).label if at else None
    source = _Sources(kg)
    found: dict[str, dict[str, Any]] = {}
    for r in _rows(kg, "events"):
        entry = found.setdefault(
            id_of(r.event),
            {"label": str(r.eventLabel), "place": _text(r.placeLabel), "when": _text(r.when),
             "participants": [], "sources": set()},
        )  # fmt: skip
        if r.participantLabel is not None:
            entry["participants"].append(str(r.participantLabel))
        entry["sources"].add(source(r.g))
    kinds = _kind_labels(kg, (entity_iri(event) for event in found))
    return [
        EventInfo(
            id=event,
            label=e["label"],
            kind=kinds.get(entity_iri(event), ""),
            place=e["place"],
            when=e["when"],
            participants=tuple(dict.fromkeys(e["participants"])),
            sources=tuple(sorted(e["sources"])),
        )
        for event, e in sorted(found.items(), key=lambda i: i[1]["label"])
        if place is None or e["place"] == place
    ]


@helper("sources-of", Param("entity", "Any entity: a name, alias or id."))
def sources_of(kg: Graph, entity: str) -> list[Fact]:
    """Every asserted fact about an entity with the document and paragraph that state it.

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data", reason=False)
        >>> [str(f) for f in sources_of(kg, "Pearl") if f.predicate == "release period"]
        ['Zhemchug release period autumn 2025 [moscow-diplomats-meeting ¶7]']
    """
    ontology = load_ontology()
    source = _Sources(kg)
    rows = _rows(kg, "sources-of", kg.resolve(entity).iri)
    labels = _labels(kg, (t for r in rows for t in (r.s, r.o) if is_entity_iri(t)))

    def show(node: Node) -> str:
        if is_entity_iri(node):
            return labels[node]  # type: ignore[index]
        if is_mention_iri(node):  # .../p2/108-114
            return f"mention at {str(node).rsplit('/', 1)[-1]}"
        if isinstance(node, URIRef):
            name = str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            prop = ontology.properties.get(name)
            return prop.label if prop else name
        return str(node) if isinstance(node, Literal) else node.n3()

    return [Fact(show(r.s), show(r.p), show(r.o), source(r.g)) for r in rows]


@helper("mentions", Param("entity", "Any entity: a name, alias or id."))
def mentions(kg: Graph, entity: str) -> list[MentionInfo]:
    """Where ingested articles mention an entity: the words they use, in which paragraph,
    at which characters of its text (``irkg ingest`` records them).

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> mentions(KnowledgeGraph.from_data("data", reason=False), "Moscow")  # no article ingested
        []
    """
    source = _Sources(kg)
    return [
        MentionInfo(
            id_of(r.doc) if is_entity_iri(r.doc) else str(r.doc),
            _text(r.title),
            str(r.words),
            int(r.begin.toPython()),
            int(r.end.toPython()),
            source(r.g),
        )
        for r in _rows(kg, "mentions", kg.resolve(entity).iri)
    ]


@dataclass(frozen=True)
class ClaimInfo:
    """One claim of the claims ledger: where, what, and the facts that carry it."""

    paragraph: int
    number: int
    claim: str
    carried_by: tuple[str, ...]
    unmodelled: str


@helper(
    "claims",
    Param("document", "A source document (its id or slug)."),
    Param("paragraph", "Only this paragraph.", kind=int, default=None, minimum=1),
)
def claims(kg: Graph, document: str, paragraph: int | None = None) -> list[ClaimInfo]:
    """The claims ledger of a source document, or of one of its paragraphs.

    A fact that carries a claim reads as the curated data writes it: a record's id,
    or ``subject property object`` for one triple.

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data", reason=False)
        >>> first = claims(kg, "india-russia-business-summit", 9)[0]
        >>> first.claim, first.carried_by
        ('India and Russia have set a goal of 100 billion dollars of bilateral trade by 2030.', ('target/trade-100bn-2030',))
    """
    name = document if "/" in document or document.startswith("doc/") else f"doc/{document}"
    match = kg.resolve(name)
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for r in _rows(kg, "claims", match.iri):
        key = (int(r.paragraph.toPython()), int(r.number.toPython()))
        entry = found.setdefault(key, {"text": str(r.text), "reason": _text(r.reason), "by": []})
        if r.s is not None:
            entry["by"].append(" ".join(_short(term) for term in (r.s, r.p, r.o)))
        elif r.carrier is not None:
            entry["by"].append(_short(r.carrier))
    if paragraph is not None and paragraph not in {p for p, _ in found}:
        known = sorted({p for p, _ in found})
        raise QueryError(f"{match.id} has no claims in paragraph {paragraph}; paragraphs: {known}")
    return [
        ClaimInfo(p, n, e["text"], tuple(dict.fromkeys(e["by"])), e["reason"])
        for (p, n), e in sorted(found.items())
        if paragraph is None or p == paragraph
    ]


def _short(term: Node) -> str:
    """A term as the curated data writes it: an id, a property's local name, or a value."""
    if is_entity_iri(term):
        return id_of(term)  # type: ignore[arg-type]
    if isinstance(term, URIRef):
        return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return str(term)


@helper(
    "neighbours",
    Param("entity", "Where to start."),
    Param(
        "depth", "How many relations away.", kind=int, default=1, option=True, minimum=1, maximum=6
    ),
)
def neighbours(kg: Graph, entity: str, depth: int = 1) -> list[Neighbour]:
    """The entities a few relations away from one, nearest first, each with how it is linked."""
    import networkx as nx

    if depth < 1:
        raise QueryError("depth must be 1 or more")
    start = kg.resolve(entity).id
    graph = kg.to_networkx()
    if start not in graph:
        return []
    undirected = graph.to_undirected(as_view=True)
    distances = nx.single_source_shortest_path_length(undirected, start, cutoff=depth)
    paths = nx.single_source_shortest_path(undirected, start, cutoff=depth)
    out = []
    for node, distance in distances.items():
        if node == start:
            continue
        before = paths[node][-2]
        relation = _relation(graph, before, node)
        out.append(Neighbour(node, graph.nodes[node]["label"], distance, relation))
    return sorted(out, key=lambda n: (n.distance, n.label))


def _relation(graph: nx.MultiDiGraph, a: str, b: str) -> str:
    if graph.has_edge(a, b):
        return str(sorted(graph[a][b].values(), key=lambda d: d["label"])[0]["label"])
    return "is the object of: " + str(
        sorted(graph[b][a].values(), key=lambda d: d["label"])[0]["label"]
    )


@helper("path", Param("a", "Where the chain starts."), Param("b", "Where it ends."))
def path(kg: Graph, a: str, b: str) -> list[Hop]:
    """The shortest chain of relations between two entities, as sentences with sources.

    Of several equally short chains, the one through the least connected entities wins.

    Example:
        >>> from irkg.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph.from_data("data", reason=False)
        >>> hops = path(kg, "Zhemchug", "Jaishankar")
        >>> hops[0].sentence
        'Zhemchug —concerns→ cinematography'
    """
    import networkx as nx

    start, end = kg.resolve(a), kg.resolve(b)
    graph = kg.to_networkx()
    undirected = graph.to_undirected(as_view=True)
    # Fewest hops first; among those, the path through the least connected nodes, which
    # says more than one through a hub such as India or Russia that touches everything.
    degree = dict(undirected.degree())
    tie = 1 / (2 * max(degree.values(), default=1) * max(len(degree), 1))

    def weight(u: str, v: str, _: Any) -> float:
        return float(1 + tie * (degree[u] + degree[v]))

    try:
        nodes = nx.shortest_path(undirected, start.id, end.id, weight=weight)
    except (nx.NetworkXNoPath, nx.NodeNotFound) as exc:
        raise QueryError(f"no path connects {start.label} and {end.label}") from exc
    hops = []
    for x, y in pairwise(nodes):
        u, v = (x, y) if graph.has_edge(x, y) else (y, x)
        data = graph[u][v][min(graph[u][v])]
        label_u, label_v = graph.nodes[u]["label"], graph.nodes[v]["label"]
        hops.append(Hop(f"{label_u} —{data['label']}→ {label_v}", tuple(data["sources"])))
    return hops


@helper("central", Param("top", "How many to show.", kind=int, default=10, option=True, minimum=1))
def central(kg: Graph, top: int = 10) -> list[Ranked]:
    """The most central entities by betweenness centrality on the undirected network."""
    graph = kg.to_networkx()
    scores = betweenness(graph)
    # Ties first by score to 9 places (two engines' sums differ in the last bits), then id.
    ranked = sorted(scores.items(), key=lambda i: (-round(i[1], 9), i[0]))[: max(top, 0)]
    return [
        Ranked(node, graph.nodes[node]["label"], graph.nodes[node]["kind"], round(score, 4))
        for node, score in ranked
    ]


def betweenness(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Each node's betweenness centrality on the undirected, simple view of ``graph``,
    normalised as networkx's ``betweenness_centrality`` does, computed by igraph (C):
    0.4 s at 2,000 nodes where networkx takes 11 s (``benchmarks/central.py``).

    Example:
        >>> import networkx as nx
        >>> betweenness(nx.MultiDiGraph([("a", "b"), ("b", "c")]))
        {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import igraph

    nodes = sorted(graph.nodes)
    if len(nodes) < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    edges = {tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v}
    simple = igraph.Graph(n=len(nodes), edges=sorted(edges), directed=False)
    scale = 2 / ((len(nodes) - 1) * (len(nodes) - 2))
    return {node: score * scale for node, score in zip(nodes, simple.betweenness(), strict=True)}
