"""`irkg serve`: the graph as a read-only SPARQL 1.1 endpoint and the helpers over HTTP.

The web application is in :mod:`irkg.serve.app` (imported only by the server, so that
other commands do not load the web stack); :mod:`irkg.serve.answers` answers queries.
"""
