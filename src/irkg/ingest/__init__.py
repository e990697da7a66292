"""Growing the graph from new articles (`irkg ingest`, `irkg accept`): reading, linking,
extracting, proposing for review, and taking reviewed files into the data."""

import typing

from irkg import lazy

if typing.TYPE_CHECKING:
    from irkg.ingest.accept import accept_reviews
    from irkg.ingest.article import Ingested, Paragraph, Proposal, ingest_article
    from irkg.ingest.candidates import Candidate, find_candidates
    from irkg.ingest.figures import Figure, find_figures, sentences
    from irkg.ingest.link import Gazetteer, Mention
    from irkg.ingest.read import Article, read_article
    from irkg.ingest.review import data_file, review_file
    from irkg.ingest.run import IngestReport, find_articles, ingest_files
else:
    __getattr__, __dir__ = lazy.exports(
        __name__,
        {
            "irkg.ingest.accept": ["accept_reviews"],
            "irkg.ingest.article": ["Ingested", "Paragraph", "Proposal", "ingest_article"],
            "irkg.ingest.candidates": ["Candidate", "find_candidates"],
            "irkg.ingest.figures": ["Figure", "find_figures", "sentences"],
            "irkg.ingest.link": ["Gazetteer", "Mention"],
            "irkg.ingest.read": ["Article", "read_article"],
            "irkg.ingest.review": ["data_file", "review_file"],
            "irkg.ingest.run": ["IngestReport", "find_articles", "ingest_files"],
        },
    )

__all__ = [
    "Article",
    "Candidate",
    "Figure",
    "Gazetteer",
    "IngestReport",
    "Ingested",
    "Mention",
    "Paragraph",
    "Proposal",
    "accept_reviews",
    "data_file",
    "find_articles",
    "find_candidates",
    "find_figures",
    "ingest_article",
    "ingest_files",
    "read_article",
    "review_file",
    "sentences",
]
