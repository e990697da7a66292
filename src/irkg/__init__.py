"""irkg: the India-Russia knowledge graph."""
__version__ = "0.1.0"
