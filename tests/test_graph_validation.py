from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, expectations
from irkg.graph import KnowledgeGraph, validate
from irkg.loaders import load_rdf_files, load_yaml_files

SHACL_INVALID = sorted((EXAMPLES / "shacl-invalid").iterdir())


def test_validation_real_data_conforms(asserted_kg: KnowledgeGraph) -> None:
    report = asserted_kg.validate()
    assert report.conforms, str(report)
    assert str(report) == "SHACL: the graph conforms to the shapes."


def test_validation_valid_example_conforms() -> None:
    assert validate(load_yaml_files([EXAMPLES / "valid" / "minimal.yaml"])).conforms


@pytest.mark.parametrize("path", SHACL_INVALID, ids=[p.name for p in SHACL_INVALID])
def test_validation_catches_each_kind_of_mistake(path: Path) -> None:
    dataset = load_yaml_files([path]) if path.suffix == ".yaml" else load_rdf_files([path])
    report = validate(dataset)
    assert not report.conforms
    text = str(report)
    expected = expectations(path)
    assert expected
    for message in expected:
        assert message in text
    assert len(report.results) == len(expected)


def test_validation_gives_the_same_report_in_every_store(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    """In a store the shapes run as the store's own queries; the report is pySHACL's."""
    assert str(kg.validate()) == "SHACL: the graph conforms to the shapes."
    if kg.store.native:  # and a store that holds a breach reports it as pySHACL does
        from irkg.graph.stores import open_store

        spec = f"oxigraph:{tmp_path / 'broken'}"
        broken = SHACL_INVALID[0]
        open_store(spec).add([broken], check=False, reason=False)
        expected = validate(load_rdf_files([broken]))
        assert not expected.conforms
        found = KnowledgeGraph.open(spec).validate()
        # the loaded file's own graph and document come along: the breaches are the same
        assert [r.message for r in found.results] == [r.message for r in expected.results]
