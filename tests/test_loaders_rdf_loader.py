from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from irkg.errors import DataError
from irkg.iris import PROVENANCE_GRAPH
from irkg.loaders import load_rdf_files
from irkg.ontology.namespaces import PROV, RDFS


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


def test_rdf_loader_relative_iris_resolve_against_the_file_name_not_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = '<relative-thing> <http://www.w3.org/2000/01/rdf-schema#label> "x" .'
    seen = []
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "extra.ttl").write_text(text, encoding="utf-8")
        monkeypatch.chdir(tmp_path / folder)
        ds = load_rdf_files([Path("extra.ttl")])
        seen.append({str(s) for s in ds.subjects(RDFS.label, Literal("x"))})
    assert seen == [{"https://w3id.org/irkg/file/extra/relative-thing"}] * 2


def test_rdf_loader_blank_nodes_get_the_same_names_in_every_run(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "notes.ttl"
    path.write_text(
        '<https://w3id.org/irkg/id/city/x> <http://x/note> [ <http://x/text> "a" ] , '
        '[ <http://x/text> "b" ] .\n',
        encoding="utf-8",
    )
    script = (
        "import sys; from pathlib import Path; from irkg.loaders import load_rdf_files; "
        "from irkg.exports import to_nquads; print(to_nquads(load_rdf_files([Path(sys.argv[1])])))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(outputs) == 1
    assert "_:b" in outputs.pop()


def test_rdf_loader_plain_jsonld_is_one_source_named_after_its_file(tmp_path: Path) -> None:
    path = tmp_path / "extra-cities.jsonld"
    path.write_text(
        '{"@id": "https://w3id.org/irkg/id/city/kazan",'
        ' "http://www.w3.org/2000/01/rdf-schema#label": "Kazan"}',
        encoding="utf-8",
    )
    ds = load_rdf_files([path])
    graph = URIRef("https://w3id.org/irkg/graph/file/extra-cities")
    assert (
        URIRef("https://w3id.org/irkg/id/city/kazan"),
        RDFS.label,
        Literal("Kazan"),
        graph,
    ) in ds
    meta = ds.graph(PROVENANCE_GRAPH)
    assert meta.value(graph, PROV.wasDerivedFrom) == URIRef(
        "https://w3id.org/irkg/id/doc/file-extra-cities"
    )


@pytest.mark.parametrize("suffix", [".nt", ".nq"])
def test_rdf_loader_line_based_formats_name_the_bad_line(tmp_path: Path, suffix: str) -> None:
    good = '<https://w3id.org/irkg/id/city/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .'
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(f"{good}\n{good}\nthis is not a statement\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"bad{re.escape(suffix)}:3: "):
        load_rdf_files([bad])


def test_rdf_loader_trig_error_names_a_line_inside_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text(
        "@prefix ex: <http://example.org/> .\nex:g {\n  ex:a ex:b ex:c .\n  ex:d ex:e\n}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"bad\.trig:4: trig syntax error"):
        load_rdf_files([bad])


BIG = "7" * 5000
INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "big.ttl",
            f'<urn:a> <urn:label> "A" .\n<urn:a> <urn:count> {BIG} .\n',
            "big.ttl:2: a number of 5,000 digits: irkg reads whole numbers of at most 4,300",
        ),
        (
            "big.nt",
            f'<urn:a> <urn:count> "{BIG}"^^{INTEGER} .\n',
            "big.nt:1: a number of 5,000 digits: irkg reads whole numbers of at most 4,300",
        ),
        (
            "word.nt",
            f'<urn:a> <urn:label> "abc" .\n<urn:a> <urn:count> "abc"^^{INTEGER} .\n',
            'word.nt:2: "abc" is not a valid xsd:integer',
        ),
        (
            "date.ttl",
            '<urn:a> <urn:on> "2024-13-45"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
            'date.ttl:1: "2024-13-45" is not a valid xsd:date',
        ),
    ],
)
def test_rdf_loader_a_literal_that_is_no_value_of_its_type_is_located(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_rdf_files([path])
    assert [str(issue).removeprefix(f"{tmp_path}/") for issue in caught.value.issues] == [message]
    assert capfd.readouterr().err == ""  # not rdflib's logged traceback


def test_rdf_loader_a_json_number_beyond_pythons_limit_is_located(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonld"
    path.write_text(f'{{"@id": "urn:a",\n "urn:count": {BIG}}}', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_rdf_files([path])
    assert [str(issue) for issue in caught.value.issues] == [
        f"{path}:2: a number of 5,000 digits: irkg reads whole numbers of at most 4,300"
    ]
