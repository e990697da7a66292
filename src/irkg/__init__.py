"""irkg: the India-Russia knowledge graph.

Example:
    >>> from irkg import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_data("data", reason=False)
    >>> kg.query("ASK { country:india irkg:memberOf bloc:sco }").askAnswer
    True
"""

import typing

from irkg import lazy

if typing.TYPE_CHECKING:
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
else:
    __getattr__, __dir__ = lazy.exports(
        __name__,
        {
            "irkg.errors": [
                "DataError",
                "ExportError",
                "FetchRefused",
                "IrkgError",
                "QueryError",
                "ValidationError",
            ],
            "irkg.exports": ["write_exports"],
            "irkg.graph": ["KnowledgeGraph", "ValidationReport"],
            "irkg.pipeline": ["BuildReport", "build"],
        },
    )

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
