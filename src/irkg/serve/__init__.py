"""`irkg serve`: the graph as a read-only SPARQL 1.1 endpoint and the helpers over HTTP."""

from irkg.serve.app import Settings, make_app

__all__ = ["Settings", "make_app"]
