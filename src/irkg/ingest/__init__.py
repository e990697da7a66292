"""Growing the graph from new articles (`irkg ingest`): reading, linking, extracting."""

from irkg.ingest.link import Gazetteer, Mention

__all__ = ["Gazetteer", "Mention"]
