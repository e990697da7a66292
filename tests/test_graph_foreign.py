"""Any RDF graph: entities of schema.org, FOAF and an unknown vocabulary, read by irkg."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from foreign_data import COUNTS, EX, HUB, write_foreign_graph
from irkg.cli import main
from irkg.graph import KnowledgeGraph
from irkg.loaders import load_rdf_files


@pytest.fixture(scope="module")
def foreign_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_foreign_graph(tmp_path_factory.mktemp("foreign") / "people.ttl")


@pytest.fixture(scope="module")
def foreign(foreign_file: Path) -> nx.MultiDiGraph:
    return KnowledgeGraph(load_rdf_files([foreign_file])).to_networkx()


def test_every_typed_or_named_iri_is_an_entity_and_no_vocabulary_term_is(
    foreign: nx.MultiDiGraph,
) -> None:
    assert Counter(d["kind"] for _, d in foreign.nodes(data=True)) == COUNTS
    assert foreign.number_of_nodes() == 2000
    assert not any(n.startswith(("https://schema.org/", "http://xmlns.com/")) for n in foreign)
    assert str(EX.Widget) not in foreign and str(EX[""]) not in foreign


def test_kinds_and_names_come_from_the_data_itself(foreign: nx.MultiDiGraph) -> None:
    def node(iri: object) -> dict[str, object]:
        return dict(foreign.nodes[str(iri)])

    hub = node(HUB)
    assert (hub["label"], hub["kind"], hub["kind_iri"]) == (
        "Globex Holdings",
        "Organization",
        "https://schema.org/Organization",
    )
    assert node(EX["person/p4"])["label"] == "Person 4"  # schema:name
    assert node(EX["city/c7"])["label"] == "City 7"  # skos:prefLabel
    friend = node(EX["friend/f0"])  # rdfs:label in English beats German and foaf:name
    assert friend["label"] == "Friend Zero"
    assert friend["aliases"] == ["Freund Null", "Friend 0"]
    assert friend["kind_label"] == "person"
    widget = node(EX["widget/w3"])  # no name: the IRI's last segment
    assert (widget["label"], widget["kind"], widget["kind_label"]) == ("w3", "Widget", "gadget")
    assert node(EX["thing/t5"])["kind"] == "Entity"
    assert node(EX["person/p4"])["values"] == [["birth date", "1954-01-05"]]
    assert node(EX["person/p4"])["sources"] == ["file-people"]


def test_relations_are_named_by_their_label_or_local_name(foreign: nx.MultiDiGraph) -> None:
    labels = Counter(d["label"] for _, _, d in foreign.edges(data=True))
    assert labels == {
        "works for": 900,  # the file's own rdfs:label
        "knows": 300,
        "parent organization": 299,  # schema:parentOrganization, read as words
        "location": 299,
        "made by": 200,
        "near": 100,
    }


def test_ask_and_resolve_find_foreign_entities(foreign_file: Path) -> None:
    kg = KnowledgeGraph(load_rdf_files([foreign_file]))
    assert kg.resolve("globex holdings").id == str(HUB)
    assert kg.resolve(str(EX["widget/w3"])).label == "w3"
    assert kg.resolve("Freund Null").id == str(EX["friend/f0"])
    top = kg.central(1)[0]
    assert (top.id, top.label, top.kind) == (str(HUB), "Globex Holdings", "Organization")


@pytest.mark.slow
def test_cli_explores_and_ranks_a_foreign_graph(foreign_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "foreign.html"
    explored = runner.invoke(
        main, ["explore", "--graph", str(foreign_file), "--no-open", "--out", str(out)]
    )
    assert explored.exit_code == 0, explored.output
    assert "(2000 entities, 2098 relations)" in explored.output
    assert "warning" not in explored.output
    html = out.read_text("utf-8")
    data = re.search(r'<script type="application/json" id="irkg-page">(.*?)</script>', html)
    assert data is not None
    groups = json.loads(data[1])["groups"]
    # Classes whose names irkg's ontology knows are drawn as its own (a schema:City is a
    # place); the file's own class is a kind of its own, named by its label; untyped last.
    assert [(g["key"], g["label"]) for g in groups] == [
        ("Place", "place"),
        ("Person", "person"),
        ("Organization", "organisation"),
        ("Widget", "gadget"),
        ("Entity", "entity"),
    ]
    assert len({(g["color"], g["shape"]) for g in groups}) == len(groups)
    central = runner.invoke(main, ["ask", "central", "--top", "1", "--graph", str(foreign_file)])
    assert central.exit_code == 0 and "Globex Holdings" in central.output


def test_cli_explore_warns_when_a_graph_has_no_entities(tmp_path: Path) -> None:
    bare = tmp_path / "bare.ttl"
    bare.write_text("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n")
    result = CliRunner().invoke(
        main, ["explore", "--graph", str(bare), "--no-open", "--out", str(tmp_path / "b.html")]
    )
    assert result.exit_code == 0
    assert "(0 entities, 0 relations)" in result.output
    assert "warning: no entities" in result.output
