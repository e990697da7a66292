"""What rdflib logs that irkg reports better itself (no rdflib import: the command line
installs the filter before anything is parsed)."""

from __future__ import annotations

import logging

__all__ = ["LiteralNoise"]


class LiteralNoise(logging.Filter):
    """Drops what rdflib logs, with a traceback, for a literal whose text is no value of
    its datatype (``"abc"^^xsd:integer``, an integer of more than 4,300 digits): the
    literal keeps its text, and the loader reports it with its line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")
