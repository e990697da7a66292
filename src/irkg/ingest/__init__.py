"""Growing the graph from new articles (`irkg ingest`): reading, linking, extracting."""

from irkg.ingest.candidates import Candidate, find_candidates
from irkg.ingest.figures import Figure, find_figures, sentences
from irkg.ingest.link import Gazetteer, Mention
from irkg.ingest.read import Article, read_article

__all__ = [
    "Article",
    "Candidate",
    "Figure",
    "Gazetteer",
    "Mention",
    "find_candidates",
    "find_figures",
    "read_article",
    "sentences",
]
