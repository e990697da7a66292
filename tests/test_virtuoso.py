"""A second real SPARQL server: Virtuoso Open Source (Debian's `virtuoso-opensource`).

Not in the default run (`make test`): `make virtuoso` installs Virtuoso where it can,
then runs these tests, which start it on free loopback ports with a database of their
own and stop it after. irkg's graph saved there, a load into it (checked and reasoned
over by Virtuoso's engine), the helpers and a CONSTRUCT give what `memory` gives.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES
from irkg.errors import DataError
from irkg.graph import KnowledgeGraph
from irkg.graph.helpers import HELPERS
from irkg.iris import INFERRED_GRAPH

pytestmark = pytest.mark.virtuoso

#: Arguments for each helper that takes some.
ARGUMENTS = {
    "members-of": ["EAEU"], "memberships": ["India"], "shared-memberships": ["India", "Russia"],
    "said-by": ["Goyal"], "statements-about": ["trade imbalance"], "sources-of": ["Zhemchug"],
    "claims": ["india-russia-business-summit"], "neighbours": ["Moscow"],
    "path": ["Zhemchug", "Jaishankar"],
}  # fmt: skip


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Virtuoso on free loopback ports for this module; its spec."""
    from irkg.graph.stores.local import VirtuosoServer

    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    saved = {name: os.environ.get(name) for name in server.env}
    os.environ.update(server.env)
    try:
        yield f"sparql:{server.url}"
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def test_virtuoso_answers_every_helper_as_memory_does(
    virtuoso: str, memory_kg: KnowledgeGraph
) -> None:
    memory_kg.save(virtuoso)
    kg = KnowledgeGraph.open(virtuoso)
    for name, helper in HELPERS.items():
        if name == "central":  # Virtuoso's own system graphs join the network view
            continue
        args = ARGUMENTS.get(name, [])
        assert helper(kg, *args) == helper(memory_kg, *args), name


def test_virtuoso_construct_gives_back_every_graph(
    virtuoso: str, memory_kg: KnowledgeGraph
) -> None:
    memory_kg.save(virtuoso)
    kg = KnowledgeGraph.open(virtuoso)
    for graph in (
        "graph:provenance",
        "graph:inferred",
        "<https://w3id.org/irkg/graph/moscow-diplomats-meeting/p3>",
    ):
        construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        there, here = set(kg.query(construct)), set(memory_kg.query(construct))
        assert there == here and len(here) > 10, graph


def test_virtuoso_checks_and_reasons_over_a_load(
    virtuoso: str, asserted_kg: KnowledgeGraph, memory_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    from irkg.graph.stores import open_store

    store = open_store(virtuoso)
    store.replace([])  # irkg's graphs gone, Virtuoso's own kept
    asserted = tmp_path / "asserted.nq"
    asserted_kg.dataset.serialize(asserted, format="nquads")
    store.add([asserted])
    inferred = KnowledgeGraph.open(virtuoso).dataset.graph(INFERRED_GRAPH)
    assert set(inferred) == set(memory_kg.dataset.graph(INFERRED_GRAPH))
    before = len(store)
    with pytest.raises(DataError, match="country/nameless: rdfs:label"):
        store.add([EXAMPLES / "shacl-invalid" / "entity_without_label.trig"])
    assert len(store) == before
