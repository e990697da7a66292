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

from irkg.errors import IrkgError, QueryError
from irkg.graph import helpers
from irkg.graph.figures import FigureCheck, check_figures
from irkg.graph.ledger import LedgerReport, check_ledger
from irkg.graph.provenance import Source, graph_sources
from irkg.graph.resolve import EntityIndex, Match
from irkg.graph.sparql import run_query
from irkg.graph.stores import STORES, Store, open_store
from irkg.graph.validation import ValidationReport, validate_in_store
from irkg.iris import (
    CLAIM_BASE,
    ID_BASE,
    ID_PATTERN,
    INFERRED_GRAPH,
    PROVENANCE_GRAPH,
    entity_iri,
)
from irkg.loaders import load_data_store
from irkg.ontology import load_ontology

if TYPE_CHECKING:
    import networkx as nx

    from irkg.loaders.cache import DataCache

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

    def __init__(self, dataset: Dataset | None = None, *, store: str | Store = "memory") -> None:
        if store != "memory" and dataset is not None:
            raise IrkgError("give a dataset or a store to open, not both")
        self.store: Store = open_store(store, dataset=dataset) if isinstance(store, str) else store
        self.dataset = self.store.dataset
        self._entities: EntityIndex | None = None
        self._sources: dict[Node, Source | None] | None = None
        self._network: nx.MultiDiGraph | None = None

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
        return open_store(store).replace(self.store.quads())

    @classmethod
    def from_data(
        cls,
        data_dir: Path | str = "data",
        *,
        reason: bool = True,
        cache: DataCache | None = None,
        instead: Mapping[Path, Path] | None = None,
    ) -> KnowledgeGraph:
        """Load curated data into Oxigraph in memory and, unless ``reason`` is False, run
        OWL 2 RL reasoning. ``cache`` keeps what each file gave, so that a file unchanged
        since is not parsed again (:mod:`irkg.loaders.cache`); ``instead`` reads some
        files from elsewhere (:func:`irkg.loaders.load_data_dir`).

        Raises:
            DataError: if the data has errors; every problem is listed.
        """
        from irkg.graph.stores.memory import MemoryStore

        kg = cls(store=MemoryStore(inner=load_data_store(data_dir, cache, instead)))
        if reason:
            kg.reason()
        return kg

    def reason(self) -> int:
        """Infer what the ontology entails into the inferred graph, afresh, by its rules in
        the store's engine (:mod:`irkg.graph.rules`: on irkg's data, exactly OWL 2 RL's
        closure); return how many triples the inferred graph holds."""
        from irkg.graph.rules import run_rules

        self._network = self._entities = self._sources = None  # what they read has changed
        self.store.update(f"DROP SILENT GRAPH <{INFERRED_GRAPH}>")
        return run_rules(self.store.update, self._inferred)

    def _inferred(self) -> int:
        rows = self.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}",
            own=True,
        )
        (size,) = next(iter(rows))  # type: ignore[misc]
        return int(str(size))

    def validate(self) -> ValidationReport:
        """Validate the asserted facts against the SHACL shapes, in the store's engine
        (the shapes compiled to queries give pySHACL's report: see :mod:`irkg.graph.checks`)."""
        return validate_in_store(self.dataset)

    def check_figures(self) -> list[FigureCheck]:
        """Compare stated multiples, totals and deficits with the figures they rest on."""
        return check_figures(self.dataset)

    def check_ledger(self) -> LedgerReport:
        """Measure how the claims of every source paragraph cover its facts."""
        return check_ledger(self.dataset)

    def query(self, sparql: str, *, own: bool = False) -> Result:
        """Run a SPARQL query over the union graph, with irkg's prefixes predeclared
        (``own``: see :func:`~irkg.graph.sparql.run_query`)."""
        return run_query(self.dataset, sparql, own=own)

    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities and relations as a networkx MultiDiGraph (see :func:`to_networkx`),
        made once per graph: treat it as read-only."""
        if self._network is None:
            from irkg.graph.network import to_networkx

            self._network = to_networkx(self.dataset)
        return self._network

    def stats(self) -> GraphStats:
        """Count entities by class, facts, sources and graphs, in a few queries."""
        ontology = load_ontology()
        by_iri = {iri: name for name, iri in ontology.entity_classes().items()}
        kinds = " ".join(iri.n3() for iri in by_iri)
        asserted = f"FILTER(?g != <{INFERRED_GRAPH}> && ?g != <{PROVENANCE_GRAPH}>)"
        types: dict[URIRef, list[URIRef]] = {}
        for s, o in self.query(  # type: ignore[misc]
            f"SELECT DISTINCT ?s ?o WHERE {{ VALUES ?o {{ {kinds} }} GRAPH ?g {{ ?s a ?o }} "
            f'{asserted} FILTER(STRSTARTS(STR(?s), "{ID_BASE}")) }}',
            own=True,
        ):
            types.setdefault(s, []).append(o)  # type: ignore[arg-type]
        counts = Counter(by_iri[ontology.most_specific(found)] for found in types.values())

        def number(query: str) -> int:
            (found,) = next(iter(self.query(query, own=True)))  # type: ignore[misc]
            return int(str(found))

        facts = number(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {asserted} "
            f'FILTER(!STRSTARTS(STR(?s), "{CLAIM_BASE}")) }}'
        )
        inferred = number(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}"
        )
        graphs = number(
            f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH <{PROVENANCE_GRAPH}> "
            "{ ?g a irkg:AssertionGraph } }"
        )
        documents = self.query(
            f"SELECT DISTINCT ?doc WHERE {{ GRAPH <{PROVENANCE_GRAPH}> "
            "{ ?g prov:wasDerivedFrom ?doc } FILTER(isIRI(?doc)) }",
            own=True,
        )
        return GraphStats(
            entities_by_class=dict(sorted(counts.items())),
            facts=facts,
            inferred=inferred,
            sources=sorted(str(row[0]) for row in documents),  # type: ignore[index]
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
        if ID_PATTERN.fullmatch(typed):  # an id: its IRI's label, or nothing
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

    # The named helpers (irkg.graph.helpers.HELPERS, `irkg ask --list`) are methods too,
    # typed as their functions are: kg.members_of("EAEU") is kg.ask("members-of", "EAEU").
    central = helpers.central
    claims = helpers.claims
    events = helpers.events
    members_of = helpers.members_of
    memberships = helpers.memberships
    mentions = helpers.mentions
    neighbours = helpers.neighbours
    path = helpers.path
    routes = helpers.routes
    said_by = helpers.said_by
    shared_memberships = helpers.shared_memberships
    sources_of = helpers.sources_of
    statements_about = helpers.statements_about
    targets = helpers.targets
    timeline = helpers.timeline
    trade = helpers.trade

    def ask(self, helper: str, *args: object, **kwargs: object) -> list[object]:
        """Ask a named question (see ``irkg ask --list``).

        Raises:
            QueryError: if no helper has that name, or the question has no answer.

        Example:
            >>> kg = KnowledgeGraph.from_data("data", reason=False)
            >>> [m.label for m in kg.ask("members-of", "EAEU")][:2]
            ['Armenia', 'Belarus']
        """
        found = helpers.HELPERS.get(helper) or helpers.HELPERS.get(helper.replace("_", "-"))
        if found is None:
            names = ", ".join(sorted(helpers.HELPERS))
            raise QueryError(f"no helper named {helper!r}; known: {names}")
        return found(self, *args, **kwargs)

    def __len__(self) -> int:
        return sum(len(g) for g in self.dataset.graphs())
