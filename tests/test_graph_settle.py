"""A load into a store is checked and reasoned over by the store's own engine: the shapes
as queries report what pySHACL reports, the rules infer what OWL 2 RL infers, and a load
that breaks a shape changes nothing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from oxrdflib import OxigraphStore
from rdflib import Dataset, Literal
from rdflib.term import Node

from conftest import EXAMPLES
from irkg.cli import main
from irkg.errors import DataError
from irkg.graph import KnowledgeGraph
from irkg.graph.stores import Store, open_store
from irkg.graph.stores.oxigraph import ox_quads
from irkg.graph.validation import validate, validate_in_store
from irkg.iris import INFERRED_GRAPH
from irkg.loaders import load_rdf_files, load_yaml_files

SHACL_INVALID = sorted((EXAMPLES / "shacl-invalid").iterdir())
NAMELESS = EXAMPLES / "shacl-invalid" / "entity_without_label.trig"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SPARQL server of this module's own, emptied before each test that uses it."""
    from irkg.graph.stores.local import OxigraphServer

    with OxigraphServer(tmp_path_factory.mktemp("settle-server")) as url:
        yield url


@pytest.fixture(params=["oxigraph", "sparql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """An empty store of each kind that checks and reasons in its own engine."""
    if request.param == "oxigraph":
        return open_store(f"oxigraph:{tmp_path / 'kg'}")
    from irkg.graph.stores.sparql import SparqlServer

    remote = SparqlServer(request.getfixturevalue("server"))
    remote.update("DROP ALL")
    return remote


@pytest.fixture(scope="module")
def asserted(asserted_kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated facts of data/ and their provenance, without inferences, as N-Quads."""
    path = tmp_path_factory.mktemp("asserted") / "asserted.nq"
    asserted_kg.dataset.serialize(path, format="nquads")
    return path


def _native(dataset: Dataset) -> Dataset:
    """``dataset`` copied into an Oxigraph store in memory, seen through oxrdflib."""
    store = ox.Store()
    store.extend(ox_quads(dataset.quads((None, None, None, None))))
    return Dataset(store=OxigraphStore(store=store), default_union=True)


def _comparable(triples: Iterator[tuple[Node, Node, Node]]) -> set[tuple[object, ...]]:
    """Triples with literals by value (Oxigraph writes 5.0 as 5)."""
    return {
        tuple(t.toPython() if isinstance(t, Literal) else t for t in triple) for triple in triples
    }


@pytest.mark.slow
@pytest.mark.parametrize("path", SHACL_INVALID, ids=[p.name for p in SHACL_INVALID])
def test_checks_report_what_pyshacl_reports(path: Path) -> None:
    dataset = load_yaml_files([path]) if path.suffix == ".yaml" else load_rdf_files([path])
    expected = str(validate(dataset))
    assert "violation" in expected
    assert str(validate_in_store(_native(dataset))) == expected  # Oxigraph's engine
    assert str(validate_in_store(dataset)) == expected  # rdflib's


def test_rules_infer_what_owl_2_rl_infers(
    store: Store, asserted: Path, memory_kg: KnowledgeGraph
) -> None:
    store.add([asserted])
    inferred = KnowledgeGraph.open(store.spec).dataset.graph(INFERRED_GRAPH)
    owl = memory_kg.dataset.graph(INFERRED_GRAPH)
    assert len(owl) > 700
    assert _comparable(iter(inferred)) == _comparable(iter(owl))


def test_a_load_that_breaks_a_shape_changes_nothing(store: Store, asserted: Path) -> None:
    store.add([asserted])
    before = len(store)
    members = [m.label for m in KnowledgeGraph.open(store.spec).members_of("EAEU")]
    with pytest.raises(DataError) as caught:
        store.add([NAMELESS])
    assert str(caught.value).endswith(
        "SHACL Violation: country/nameless: rdfs:label: every entity needs exactly one "
        "rdfs:label (text) [stated in example ¶1]"
    )
    assert len(store) == before
    kg = KnowledgeGraph.open(store.spec)
    assert not kg.query("ASK { ?s ?p country:nameless }").askAnswer
    assert not kg.query("ASK { country:nameless ?p ?o }").askAnswer
    assert [m.label for m in kg.members_of("EAEU")] == members


def test_a_load_checks_the_nodes_it_mentions(store: Store, tmp_path: Path) -> None:
    """A breach already in the store does not stop an unrelated load; one that the load
    touches does."""
    store.add([NAMELESS], check=False)
    unrelated, touching = tmp_path / "unrelated.ttl", tmp_path / "touching.ttl"
    kazan, irkg = "<https://w3id.org/irkg/id/city/kazan>", "https://w3id.org/irkg/ontology#"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    unrelated.write_text(f'{kazan} a <{irkg}City> ; {label} "Kazan" .\n')
    touching.write_text(
        f"{kazan} <{irkg}locatedIn> <https://w3id.org/irkg/id/country/nameless> .\n"
    )
    store.add([unrelated])
    with pytest.raises(DataError, match="country/nameless: rdfs:label"):
        store.add([touching])


def test_cli_load_says_what_it_checked_and_inferred(asserted: Path, tmp_path: Path) -> None:
    spec = f"oxigraph:{tmp_path / 'kg'}"
    result = CliRunner().invoke(main, ["load", str(asserted), "--store", spec])
    assert result.exit_code == 0, result.output
    assert "checked in" in result.output
    inferred = len(KnowledgeGraph.open(spec).dataset.graph(INFERRED_GRAPH))
    assert f"the inferred graph holds {inferred:,} quads, reasoned in" in result.output
    refused = CliRunner().invoke(main, ["load", str(NAMELESS), "--store", spec])
    assert refused.exit_code != 0
    assert "country/nameless: rdfs:label" in refused.output
    kept = CliRunner().invoke(main, ["load", str(NAMELESS), "--no-check", "--store", spec])
    assert kept.exit_code == 0, kept.output
    assert "not checked" in kept.output


def test_a_file_named_like_one_loaded_before_is_refused(tmp_path: Path) -> None:
    """A file's graph and source are named after its name: facts.ttl after facts.nt would
    merge two sources into one with two names, so it is refused (found by a probe)."""
    spec = f"oxigraph:{tmp_path / 'kg'}"
    first, second = tmp_path / "facts.nt", tmp_path / "facts.ttl"
    first.write_text('<urn:s> <urn:p> "1" .\n')
    second.write_text('<urn:s> <urn:p> "2" .\n')
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(first), "--store", spec]).exit_code == 0
    refused = runner.invoke(main, ["load", str(second), "--store", spec])
    assert refused.exit_code == 2 and "rename this file" in refused.output
    again = runner.invoke(main, ["load", str(first), "--store", spec])  # the same file: fine
    assert again.exit_code == 0 and "+0 quads" in again.output
    fifo = tmp_path / "pipe.nt"
    os.mkfifo(fifo)
    assert "not a regular file" in runner.invoke(main, ["load", str(fifo), "--store", spec]).output


def test_a_second_writer_to_a_sparql_server_is_refused(server: str, asserted: Path) -> None:
    """One writer at a time on a SPARQL server too: the lock is a triple that one update
    adds only where none is (found missing by a probe: two loads both went ahead)."""
    from irkg.errors import StoreError
    from irkg.graph.stores.sparql import SparqlServer

    first, second = SparqlServer(server), SparqlServer(server)
    first.update("DROP ALL")
    with first._one_writer():
        with pytest.raises(StoreError, match="another irkg is writing to this server"):
            second.add([asserted])
        assert len(second) == 2  # the lock alone: nothing was written
    assert len(second) == 0
    second.add([asserted])  # free again
    assert len(second) > 2000
