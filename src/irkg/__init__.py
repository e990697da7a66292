"""irkg: the India-Russia knowledge graph.

Example:
    >>> from irkg import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_data("data", reason=False)
    >>> kg.query("ASK { country:india irkg:memberOf bloc:sco }").askAnswer
    True
"""

from irkg.errors import (
    DataError,
    ExportError,
    FetchRefused,
    IrkgError,
    QueryError,
    ValidationError,
)
from irkg.exports import write_exports
from irkg.graph import KnowledgeGraph, ValidationReport
from irkg.pipeline import BuildReport, build

__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "DataError",
    "ExportError",
    "FetchRefused",
    "IrkgError",
    "KnowledgeGraph",
    "QueryError",
    "ValidationError",
    "ValidationReport",
    "__version__",
    "build",
    "write_exports",
]
