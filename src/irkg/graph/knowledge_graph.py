"""KnowledgeGraph: one object over a store, with build, reasoning, validation and queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from irkg.errors import IrkgError
from irkg.graph import helpers
from irkg.graph.figures import FigureCheck, check_figures
from irkg.graph.ledger import LedgerReport, check_ledger
from irkg.graph.provenance import Source, graph_sources
from irkg.graph.reasoning import infer
from irkg.graph.resolve import EntityIndex, Match
from irkg.graph.sparql import run_query
from irkg.graph.stores import STORES, Store, open_store
from irkg.graph.validation import ValidationReport, validate
from irkg.iris import (
    ID_BASE,
    ID_PATTERN,
    INFERRED_GRAPH,
    PROVENANCE_GRAPH,
    entity_iri,
    is_entity_iri,
    is_ledger_iri,
)
from irkg.loaders import load_data_dir
from irkg.ontology import IRKG, load_ontology
from irkg.ontology.namespaces import PROV, RDF

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["STORES", "GraphStats", "KnowledgeGraph"]


@dataclass(frozen=True)
class GraphStats:
    """Counts that describe a built graph (``facts`` leaves out the claims ledger)."""

    entities_by_class: dict[str, int]
    facts: int
    inferred: int
    sources: list[str]
    graphs: int
    figure_checks: list[FigureCheck] = field(default_factory=list)

    @property
    def entities(self) -> int:
        """The number of distinct entities."""
        return sum(self.entities_by_class.values())


class KnowledgeGraph:
    """The India-Russia knowledge graph over an RDF dataset.

    The dataset's default graph is the union of its named graphs: one per source
    paragraph, the background graph, the provenance graph, and the inferred graph.

    Args:
        dataset: an existing dataset, or None for a new empty one.
        store: the store to open, by name (see :data:`STORES`).

    Example:
        >>> kg = KnowledgeGraph.from_data("data", reason=False)
        >>> rows = kg.query("SELECT ?m WHERE { ?bloc rdfs:label 'Eurasian Economic Union' ;"
        ...                 " irkg:hasMember ?m }")
        >>> len(rows)
        5
    """

    def __init__(self, dataset: Dataset | None = None, *, store: str = "memory") -> None:
        if store != "memory" and dataset is not None:
            raise IrkgError("give a dataset or a store to open, not both")
        self.store: Store = open_store(store, dataset=dataset)
        self.dataset = self.store.dataset
        self._entities: EntityIndex | None = None
        self._sources: dict[Node, Source | None] | None = None

    @classmethod
    def open(cls, store: str) -> KnowledgeGraph:
        """Open the graph kept in ``store`` (``memory``, or ``oxigraph:DIR``: see
        :mod:`irkg.graph.stores`).

        Raises:
            StoreError: if the spec is unknown or the store cannot be opened.

        Example:
            >>> import tempfile
            >>> folder = tempfile.mkdtemp() + "/kg"
            >>> kg = KnowledgeGraph.from_data("data", reason=False)
            >>> kg.save(f"oxigraph:{folder}") == len(list(kg.dataset.quads()))
            True
            >>> KnowledgeGraph.open(f"oxigraph:{folder}").members_of("EAEU")[0].label
            'Armenia'
        """
        return cls(store=store)

    def save(self, store: str) -> int:
        """Make this graph the whole contents of ``store``, in one step; return its quads."""
        return open_store(store).replace(self.dataset)

    @classmethod
    def from_data(cls, data_dir: Path | str = "data", *, reason: bool = True) -> KnowledgeGraph:
        """Load curated data and, unless ``reason`` is False, run OWL 2 RL reasoning.

        Raises:
            DataError: if the data has errors; every problem is listed.
        """
        kg = cls(load_data_dir(data_dir))
        if reason:
            kg.reason()
        return kg

    def reason(self) -> int:
        """Run OWL 2 RL reasoning into the inferred graph; return how many triples it holds."""
        return len(infer(self.dataset))

    def validate(self) -> ValidationReport:
        """Validate the asserted facts against the SHACL shapes."""
        return validate(self.dataset)

    def check_figures(self) -> list[FigureCheck]:
        """Compare stated multiples, totals and deficits with the figures they rest on."""
        return check_figures(self.dataset)

    def check_ledger(self) -> LedgerReport:
        """Measure how the claims of every source paragraph cover its facts."""
        return check_ledger(self.dataset)

    def query(self, sparql: str) -> Result:
        """Run a SPARQL query over the union graph, with irkg's prefixes predeclared."""
        from irkg.graph.sparql import run_query

        return run_query(self.dataset, sparql)

    def to_networkx(self) -> nx.MultiDiGraph:
        """Return entities and relations as a networkx MultiDiGraph (see :func:`to_networkx`)."""
        from irkg.graph.network import to_networkx

        return to_networkx(self.dataset)

    def stats(self) -> GraphStats:
        """Count entities by class, facts, sources and graphs."""
        by_iri = {iri: name for name, iri in load_ontology().entity_classes().items()}
        inferred = self.dataset.graph(INFERRED_GRAPH)
        ontology = load_ontology()
        types: dict[URIRef, list[URIRef]] = {}
        facts = 0
        for graph in self.dataset.graphs():
            if graph.identifier in (INFERRED_GRAPH, PROVENANCE_GRAPH):
                continue
            facts += sum(1 for s, _, _ in graph if not is_ledger_iri(s))
            for s, _, o in graph.triples((None, RDF.type, None)):
                if is_entity_iri(s) and o in by_iri:
                    types.setdefault(s, []).append(o)  # type: ignore[arg-type]
        counts = Counter(by_iri[ontology.most_specific(found)] for found in types.values())
        meta = self.dataset.graph(PROVENANCE_GRAPH)
        sources = sorted(
            {str(doc) for doc in meta.objects(None, PROV.wasDerivedFrom) if isinstance(doc, URIRef)}
        )
        graphs = sum(1 for _ in meta.subjects(RDF.type, IRKG.AssertionGraph))
        return GraphStats(
            entities_by_class=dict(sorted(counts.items())),
            facts=facts,
            inferred=len(inferred),
            sources=sources,
            graphs=graphs,
        )

    def sources(self, graphs: Iterable[Node]) -> Mapping[Node, Source | None]:
        """The source of each of ``graphs`` (see :func:`graph_sources`; None where none is
        recorded), remembered: in memory all are read at once, from a store only those
        asked for, in one query per thousand."""
        known = self._sources
        if known is None:
            known = self._sources = {} if self.store.native else dict(graph_sources(self.dataset))
        if self.store.native:
            missing = {g for g in graphs if g not in known}
            if missing:
                found = graph_sources(self.dataset, missing)
                known.update({g: found.get(g) for g in missing})
        return known

    @property
    def entities(self) -> EntityIndex:
        """The index of labels, aliases and ids that :meth:`resolve` looks names up in."""
        if self._entities is None:
            self._entities = EntityIndex(self.dataset)
        return self._entities

    def resolve(self, name: str) -> Match:
        """Find the one entity ``name`` stands for: a label, alias or id, forgiving case,
        accents, dashes and small typos.

        Raises:
            QueryError: if nothing matches (naming the nearest) or several do (listing them).

        Example:
            >>> KnowledgeGraph.from_data("data", reason=False).resolve("pearl").id
            'film/zhemchug'
        """
        if self._entities is None and self.store.native:
            found = self._named_exactly(name)
            if found is not None:
                return found
        return self.entities.resolve(name)

    def _named_exactly(self, name: str) -> Match | None:
        """The one entity whose label (else alias) is ``name`` but for case, asked of the
        store's engine: a command that names an entity need not index every label of a
        large store first. None when it takes the full index to decide."""
        typed = name.strip()
        if ID_PATTERN.match(typed):  # an id: its IRI's label, or nothing
            iri = entity_iri(typed)
            labels = run_query(
                self.dataset, f"SELECT ?l WHERE {{ <{iri}> rdfs:label ?l }}", own=True
            )
            for (label,) in labels:  # type: ignore[misc]
                return Match(iri, str(label))
        # Exact literals are index lookups; a handful of spellings covers most typing.
        variants = sorted({typed, typed.lower(), typed.upper(), typed.title(), typed.capitalize()})
        values = " ".join(Literal(v).n3() for v in variants)
        rows = run_query(
            self.dataset,
            f"SELECT DISTINCT ?s ?label ?own WHERE {{ VALUES ?n {{ {values} }} "
            "{ ?s rdfs:label ?n BIND(true AS ?own) } UNION { ?s skos:altLabel ?n BIND(false AS ?own) } "
            f'?s rdfs:label ?label FILTER(STRSTARTS(STR(?s), "{ID_BASE}")) }}',
            own=True,
        )
        found: dict[bool, set[tuple[URIRef, str]]] = {True: set(), False: set()}
        for s, label, own in rows:  # type: ignore[misc]
            if isinstance(s, URIRef) and isinstance(own, Literal):
                found[bool(own.toPython())].add((s, str(label)))
        for matches in (found[True], found[False]):
            if len({s for s, _ in matches}) == 1:
                iri, label = sorted(matches)[0]
                return Match(iri, label)
            if matches:
                return None  # several: the index words the choice
        return None

    # The named helpers (see irkg.graph.helpers, and `irkg ask --list`).

    def members_of(self, bloc: str) -> list[helpers.Membership]:
        """The members of a bloc or organisation, with sources."""
        return helpers.members_of(self, bloc)

    def memberships(self, entity: str) -> list[helpers.Membership]:
        """The blocs and organisations an entity belongs to, with sources."""
        return helpers.memberships(self, entity)

    def shared_memberships(self, a: str, b: str) -> list[helpers.Membership]:
        """The blocs and organisations both entities belong to."""
        return helpers.shared_memberships(self, a, b)

    def trade(self, flow: str | None = None) -> list[helpers.TradeFigure]:
        """Every trade observation, optionally of one flow, each with its source."""
        return helpers.trade(self, flow)

    def targets(self) -> list[helpers.TargetInfo]:
        """Goals for figures by a period, with sources."""
        return helpers.targets(self)

    def said_by(self, speaker: str) -> list[helpers.StatementInfo]:
        """What someone said, where, and in which source."""
        return helpers.said_by(self, speaker)

    def statements_about(self, subject: str) -> list[helpers.StatementInfo]:
        """Who said what about something."""
        return helpers.statements_about(self, subject)

    def routes(self) -> list[helpers.RouteInfo]:
        """Transport corridors and the places they connect."""
        return helpers.routes(self)

    def events(self, at: str | None = None) -> list[helpers.EventInfo]:
        """Meetings, summits and visits, optionally only those held at a place."""
        return helpers.events(self, at)

    def timeline(self) -> list[helpers.TimelineEntry]:
        """Dated things in order, with the uncertainty the sources leave."""
        return helpers.timeline(self)

    def sources_of(self, entity: str) -> list[helpers.Fact]:
        """Every fact about an entity with its document and paragraph."""
        return helpers.sources_of(self, entity)

    def claims(self, document: str, paragraph: int | None = None) -> list[helpers.ClaimInfo]:
        """The claims ledger of a source document, or of one of its paragraphs."""
        return helpers.claims(self, document, paragraph)

    def neighbours(self, entity: str, depth: int = 1) -> list[helpers.Neighbour]:
        """Entities within ``depth`` relations."""
        return helpers.neighbours(self, entity, depth)

    def path(self, a: str, b: str) -> list[helpers.Hop]:
        """The shortest chain of relations between two entities, as sentences."""
        return helpers.path(self, a, b)

    def central(self, top: int = 10) -> list[helpers.Ranked]:
        """The most central entities (betweenness centrality)."""
        return helpers.central(self, top)

    def __len__(self) -> int:
        return sum(len(g) for g in self.dataset.graphs())
