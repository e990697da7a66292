"""Growing the graph from new articles (`irkg ingest`): reading, linking, extracting."""

from irkg.ingest.link import Gazetteer, Mention
from irkg.ingest.read import Article, read_article

__all__ = ["Article", "Gazetteer", "Mention", "read_article"]
