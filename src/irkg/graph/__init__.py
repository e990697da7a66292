"""The knowledge graph: the store, reasoning, validation, figure checks, networks."""

from irkg.graph.figures import FigureCheck, check_figures
from irkg.graph.knowledge_graph import STORES, GraphStats, KnowledgeGraph
from irkg.graph.network import CODE_KINDS, narrow, to_networkx
from irkg.graph.provenance import Source, graph_source, source_labels, sources_of_triple
from irkg.graph.reasoning import infer
from irkg.graph.sparql import PREFIXES, run_query
from irkg.graph.validation import ValidationReport, ValidationResult, validate

__all__ = [
    "CODE_KINDS",
    "PREFIXES",
    "STORES",
    "FigureCheck",
    "GraphStats",
    "KnowledgeGraph",
    "Source",
    "ValidationReport",
    "ValidationResult",
    "check_figures",
    "graph_source",
    "infer",
    "narrow",
    "run_query",
    "source_labels",
    "sources_of_triple",
    "to_networkx",
    "validate",
]
