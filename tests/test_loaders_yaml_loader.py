from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal

from conftest import DATA, EXAMPLES, expectations
from irkg.errors import DataError
from irkg.iris import PROVENANCE_GRAPH, entity_iri, paragraph_graph
from irkg.loaders import load_data_dir, load_yaml_files
from irkg.ontology import IRKG
from irkg.ontology.namespaces import PROV, RDFS, SKOS, XSD

INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


def test_loader_valid_example_loads_into_its_paragraph_graph() -> None:
    ds = load_yaml_files([EXAMPLES / "valid" / "minimal.yaml"])
    graph = ds.graph(paragraph_graph("doc/example", 1))
    assert (entity_iri("country/utopia"), IRKG.memberOf, entity_iri("bloc/union")) in graph
    meta = ds.graph(PROVENANCE_GRAPH)
    assert (graph.identifier, PROV.wasDerivedFrom, entity_iri("doc/example")) in meta
    assert (graph.identifier, IRKG.paragraph, Literal(1)) in meta


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_loader_invalid_example_fails_with_expected_messages(path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_yaml_files([path])
    text = str(caught.value)
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' line"
    for message in expected:
        assert message in text
    assert len(caught.value.issues) == len(expected)


def test_loader_reports_every_error_of_every_file_together() -> None:
    with pytest.raises(DataError) as caught:
        load_yaml_files(INVALID)
    files = {Path(issue.file).name for issue in caught.value.issues}
    assert files >= {p.name for p in INVALID}


def test_loader_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "valid" / "minimal.yaml", tmp_path / "a.yaml")
    text = (EXAMPLES / "valid" / "minimal.yaml").read_text().replace("doc/example", "doc/other")
    (tmp_path / "b.yaml").write_text(text)
    with pytest.raises(DataError) as caught:
        load_data_dir(tmp_path)
    messages = [str(issue) for issue in caught.value.issues]
    assert any(
        "b.yaml:8: country/utopia: id: duplicate id, first declared at" in m for m in messages
    )
    assert any("a.yaml:8" in m for m in messages)


def test_loader_missing_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such data folder"):
        load_data_dir(tmp_path / "nowhere")


def test_loader_real_data_types_values_and_keeps_aliases() -> None:
    ds = load_data_dir(DATA)
    obs = entity_iri("obs/summit-trade-total-fy2024-25")
    value = ds.value(obs, IRKG.value)
    assert value == Literal(Decimal("68.7"), datatype=XSD.decimal)
    assert (entity_iri("bloc/eaeu"), SKOS.altLabel, Literal("EAEU")) in ds
    assert (entity_iri("bloc/eaeu"), RDFS.label, Literal("Eurasian Economic Union")) in ds
    fy = entity_iri("period/fy2024-25")
    assert str(ds.value(fy, IRKG.startDate)) == "2024-04-01"
    assert str(ds.value(fy, IRKG.endDate)) == "2025-03-31"
