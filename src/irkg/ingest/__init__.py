"""Growing the graph from new articles (`irkg ingest`): reading, linking, extracting."""

from irkg.ingest.figures import Figure, find_figures, sentences
from irkg.ingest.link import Gazetteer, Mention
from irkg.ingest.read import Article, read_article

__all__ = ["Article", "Figure", "Gazetteer", "Mention", "find_figures", "read_article", "sentences"]
