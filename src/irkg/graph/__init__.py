"""The knowledge graph: the store, reasoning, validation, figure checks, ledger, networks."""

import typing

from irkg import lazy

if typing.TYPE_CHECKING:
    from irkg.graph.figures import READINGS, FigureCheck, check_figures, readings_of
    from irkg.graph.knowledge_graph import STORES, GraphStats, KnowledgeGraph
    from irkg.graph.ledger import LedgerReport, check_ledger
    from irkg.graph.network import CODE_KINDS, narrow, to_networkx
    from irkg.graph.provenance import (
        Source,
        describe_documents,
        graph_source,
        source_labels,
        sources_of_triple,
    )
    from irkg.graph.reasoning import infer
    from irkg.graph.sparql import PREFIXES, run_query
    from irkg.graph.validation import ValidationReport, ValidationResult, validate
else:
    __getattr__, __dir__ = lazy.exports(
        __name__,
        {
            "irkg.graph.figures": ["READINGS", "FigureCheck", "check_figures", "readings_of"],
            "irkg.graph.knowledge_graph": ["STORES", "GraphStats", "KnowledgeGraph"],
            "irkg.graph.ledger": ["LedgerReport", "check_ledger"],
            "irkg.graph.network": ["CODE_KINDS", "narrow", "to_networkx"],
            "irkg.graph.provenance": [
                "Source",
                "describe_documents",
                "graph_source",
                "source_labels",
                "sources_of_triple",
            ],
            "irkg.graph.reasoning": ["infer"],
            "irkg.graph.sparql": ["PREFIXES", "run_query"],
            "irkg.graph.validation": ["ValidationReport", "ValidationResult", "validate"],
        },
    )

__all__ = [
    "CODE_KINDS",
    "PREFIXES",
    "READINGS",
    "STORES",
    "FigureCheck",
    "GraphStats",
    "KnowledgeGraph",
    "LedgerReport",
    "Source",
    "ValidationReport",
    "ValidationResult",
    "check_figures",
    "check_ledger",
    "describe_documents",
    "graph_source",
    "infer",
    "narrow",
    "readings_of",
    "run_query",
    "source_labels",
    "sources_of_triple",
    "to_networkx",
    "validate",
]
