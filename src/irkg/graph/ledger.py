"""The claims ledger: what each paragraph says, claim by claim, and which facts carry it.

Every paragraph of a source lists its claims (see :mod:`irkg.loaders.yaml_loader`);
each claim cites the facts of its paragraph that carry it, or says why none do.
The ledger proves coverage both ways: a paragraph with no claims, or a fact that no
claim cites, is a gap; a claim that cites a fact its paragraph does not state is
dangling. The check reads only the graph, so it works on any loaded export.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from irkg.graph.provenance import Source
from irkg.graph.sparql import select_rows
from irkg.iris import id_of, is_entity_iri, is_ledger_iri, is_mention_iri
from irkg.ontology import IRKG
from irkg.ontology.namespaces import RDF

__all__ = ["LedgerReport", "check_ledger"]

_PARAGRAPH_QUADS = """
SELECT ?g ?doc ?para ?read ?s ?p ?o WHERE {
  ?g a irkg:AssertionGraph ; prov:wasDerivedFrom ?doc ; irkg:paragraph ?para .
  BIND (EXISTS { ?g irkg:paragraphText ?text } AS ?read)
  OPTIONAL { GRAPH ?g { ?s ?p ?o } }
}
"""

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class LedgerReport:
    """How well the claims of every paragraph cover its facts.

    Attributes:
        paragraphs: paragraphs of source documents in the graph.
        claims: claims in all of them.
        modelled: claims that cite at least one fact.
        unmodelled: claims that say why no fact carries them.
        facts: facts stated in paragraphs.
        carried: of those, facts that some claim cites.
        without_claims: paragraphs that list no claim.
        uncarried: facts no claim cites, each with its paragraph.
        dangling: facts claims cite that their paragraph does not state.
    """

    paragraphs: int
    claims: int
    modelled: int
    unmodelled: int
    facts: int
    carried: int
    without_claims: list[str] = field(default_factory=list)
    uncarried: list[str] = field(default_factory=list)
    dangling: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every paragraph has claims and every fact is carried by one."""
        return not (self.without_claims or self.uncarried or self.dangling)

    def __str__(self) -> str:
        return (
            f"{self.claims} claims in {self.paragraphs} paragraphs ({self.modelled} modelled, "
            f"{self.unmodelled} unmodelled); {self.carried} of {self.facts} facts carried"
        )

    def problems(self) -> list[str]:
        """Each gap and dangling reference as one line."""
        return (
            [f"{where}: no claims" for where in self.without_claims]
            + [f"{fact}: carried by no claim" for fact in self.uncarried]
            + [f"{fact}: cited by a claim but not stated there" for fact in self.dangling]
        )


def check_ledger(dataset: Dataset) -> LedgerReport:
    """Measure how the claims of every paragraph cover its facts.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> report = check_ledger(load_data_dir("data"))
        >>> report.complete, report.facts == report.carried
        (True, True)
    """
    paragraph_of: dict[Node, Source] = {}
    stated: dict[Node, set[Triple]] = defaultdict(set)
    ledger: dict[Node, set[Triple]] = defaultdict(set)
    read: set[Node] = set()  # paragraphs of ingested articles
    for row in select_rows(dataset, _PARAGRAPH_QUADS):
        graph, doc, para, was_read, s, p, o = cast(
            tuple[Node, Node, Literal, Any, Any, Any, Any], row
        )
        if graph not in paragraph_of:
            paragraph_of[graph] = Source(_name(doc), int(para.toPython()))
            if was_read is not None and was_read.toPython():
                read.add(graph)
        if s is None or is_mention_iri(s):
            continue  # a mention is what the text names, not a fact the paragraph states
        (ledger if is_ledger_iri(s) else stated)[graph].add((s, p, o))
    # An ingested paragraph owes claims once a person has accepted facts from it.
    for graph in read - set(stated) - set(ledger):
        del paragraph_of[graph]
    return _report(paragraph_of, stated, ledger)


def _report(
    paragraph_of: dict[Node, Source],
    stated: dict[Node, set[Triple]],
    ledger: dict[Node, set[Triple]],
) -> LedgerReport:
    claims = modelled = unmodelled = facts = carried = 0
    without, uncarried, dangling = [], [], []
    for graph, source in sorted(paragraph_of.items(), key=lambda item: item[1].sort_key):
        where = str(source)
        notes = ledger.get(graph, set())
        claim_nodes = {s for s, p, o in notes if p == RDF.type and o == IRKG.Claim}
        cited = [o for s, p, o in notes if p == IRKG.carriedBy]
        reified = _reified(notes)
        claims += len(claim_nodes)
        modelled += len({s for s, p, _ in notes if p == IRKG.carriedBy})
        unmodelled += len({s for s, p, _ in notes if p == IRKG.unmodelledBecause})
        if not claim_nodes:
            without.append(where)
        own = stated.get(graph, set())
        covered: set[Triple] = set()
        for node in cited:
            if node in reified:
                triple = reified[node]
                if triple in own:
                    covered.add(triple)
                else:
                    dangling.append(f"{where}: {_show(triple)}")
            else:
                mine = {t for t in own if t[0] == node}
                if not mine:
                    dangling.append(f"{where}: {_name(node)}")
                covered |= mine
        facts += len(own)
        carried += len(own & covered)
        uncarried += [f"{where}: {_show(t)}" for t in sorted(own - covered, key=_show)]
    return LedgerReport(
        len(paragraph_of),
        claims,
        modelled,
        unmodelled,
        facts,
        carried,
        without,
        uncarried,
        dangling,
    )


def _reified(notes: set[Triple]) -> dict[Node, Triple]:
    parts: dict[Node, dict[Node, Node]] = defaultdict(dict)
    for s, p, o in notes:
        if p in (RDF.subject, RDF.predicate, RDF.object):
            parts[s][p] = o
    return {
        s: (d[RDF.subject], d[RDF.predicate], d[RDF.object])
        for s, d in parts.items()
        if len(d) == 3
    }


def _name(node: Node) -> str:
    if is_entity_iri(node):
        return id_of(node)  # type: ignore[arg-type]
    if isinstance(node, URIRef):
        return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return repr(str(node)) if isinstance(node, Literal) else str(node)


def _show(triple: Triple) -> str:
    return "[" + ", ".join(_name(term) for term in triple) + "]"
