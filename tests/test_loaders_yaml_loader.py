from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Literal

from conftest import DATA, EXAMPLES, expectations
from irkg.cli import main
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


def test_loader_an_unreadable_folder_is_an_error_not_a_silent_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(EXAMPLES / "valid" / "minimal.yaml", tmp_path / "background.yaml")
    (tmp_path / "articles").mkdir()
    real = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "articles":  # as a folder of mode 000 does for a non-root user
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(DataError, match=r"articles: cannot read the folder: Permission denied"):
        load_data_dir(tmp_path)


def test_loader_reads_yml_and_upper_case_suffixes(tmp_path: Path) -> None:
    text = (EXAMPLES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yml").write_text(text, encoding="utf-8")
    (tmp_path / "b.YAML").write_text(
        text.replace("doc/example", "doc/other")
        .replace("country/utopia", "country/elsewhere")
        .replace("bloc/union", "bloc/other"),
        encoding="utf-8",
    )
    ds = load_data_dir(tmp_path)
    assert (entity_iri("country/elsewhere"), RDFS.label, Literal("Utopia")) in ds
    assert (entity_iri("country/utopia"), RDFS.label, Literal("Utopia")) in ds


def test_loader_a_broken_file_does_not_bury_its_cause_under_unknown_ids(tmp_path: Path) -> None:
    (tmp_path / "a_uses.yaml").write_text(
        "document: {id: doc/a, type: NewsArticle, label: A}\n"
        "facts:\n  - [country/zeta, memberOf, bloc/union]\n"
        "  - [country/zeta, memberOf, bloc/other]\n",
        encoding="utf-8",
    )
    (tmp_path / "b_declares.yaml").write_text(
        "document: {id: doc/b, type: NewsArticle, label: B}\nentities:\n  - id: country/zeta\n"
        "    type: Country\n   label: bad indent\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_data_dir(tmp_path)
    assert [Path(i.file).name for i in caught.value.issues] == ["b_declares.yaml"]
    assert "YAML syntax error" in str(caught.value)


def test_loader_says_an_alias_bomb_once_a_line_not_once_an_alias(tmp_path: Path) -> None:
    """Eight lines of nine aliases each, and the line that uses the last: nine places."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    lines += ["document: {id: doc/bomb, type: NewsArticle, label: Bomb}", "facts: *a8", ""]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(tmp_path)])
    assert result.exit_code == DataError.exit_code and "Traceback" not in result.output
    reported = [line for line in result.output.splitlines() if "YAML aliases" in line]
    assert [line.split(":")[1] for line in reported] == [str(n) for n in [*range(2, 10), 11]]


def test_loader_refuses_a_linked_folder_and_a_folder_named_like_a_data_file(
    tmp_path: Path,
) -> None:
    """Neither is skipped without a word: a link to a folder outside the data, a folder
    named like a data file (YAML or RDF); each is named, and nothing is built."""
    data, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    data.mkdir()
    elsewhere.mkdir()
    shutil.copy(EXAMPLES / "valid" / "minimal.yaml", data / "a.yaml")
    (elsewhere / "more.yaml").write_text("document: {id: doc/more}\n", encoding="utf-8")
    (data / "more").symlink_to(elsewhere, target_is_directory=True)
    (data / "d.yaml").mkdir()
    (data / "graphs" / "e.TTL").mkdir(parents=True)
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == DataError.exit_code and "Traceback" not in result.output
    said = " ".join(result.output.split())
    assert f"{data / 'more'}: a link to the folder {elsewhere}: irkg reads no folder" in said
    assert f"{data / 'd.yaml'}: a folder named like a data file (.yaml)" in said
    assert f"{data / 'graphs' / 'e.TTL'}: a folder named like a data file (.TTL)" in said
