from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from irkg.errors import DataError
from irkg.iris import PROVENANCE_GRAPH
from irkg.loaders import load_rdf_files
from irkg.ontology.namespaces import PROV


def test_rdf_loader_turtle_gets_a_graph_and_a_source(tmp_path: Path) -> None:
    path = tmp_path / "extra.ttl"
    path.write_text(
        "<https://w3id.org/irkg/id/city/kazan> <http://www.w3.org/2000/01/rdf-schema#label> 'Kazan' ."
    )
    ds = load_rdf_files([path])
    graph = URIRef("https://w3id.org/irkg/graph/file/extra")
    assert len(ds.graph(graph)) == 1
    assert ds.graph(PROVENANCE_GRAPH).value(graph, PROV.wasDerivedFrom) is not None


def test_rdf_loader_reports_syntax_errors_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b .\n")
    with pytest.raises(DataError, match=r"bad.ttl:3: turtle syntax error"):
        load_rdf_files([bad])


def test_rdf_loader_unknown_suffix_is_named(tmp_path: Path) -> None:
    odd = tmp_path / "facts.xyz"
    odd.write_text("")
    with pytest.raises(DataError, match=r"facts.xyz: unknown RDF format"):
        load_rdf_files([odd])


def test_rdf_loader_refuses_text_that_would_break_an_export(tmp_path: Path) -> None:
    bad = tmp_path / "controls.ttl"
    bad.write_text(
        "<https://w3id.org/irkg/id/city/x> <http://www.w3.org/2000/01/rdf-schema#label> "
        '"line\\u2028break" .\n',
        encoding="utf-8",
    )
    with pytest.raises(
        DataError,
        match=r"controls.ttl: text of <https://w3id.org/irkg/id/city/x>: "
        r"the character U\+2028: not allowed in text",
    ):
        load_rdf_files([bad])
