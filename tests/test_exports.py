from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from conftest import ROOT
from irkg.errors import ExportError
from irkg.exports import (
    EXPORT_FILES,
    render_exports,
    to_explorer_html,
    to_gexf,
    to_graphml,
    to_jsonld,
    to_nquads,
    to_ntriples,
    to_trig,
    to_turtle,
    write_atomic,
    write_rdf,
)
from irkg.graph import KnowledgeGraph


@pytest.fixture(scope="module")
def kg(memory_kg: KnowledgeGraph) -> KnowledgeGraph:
    """`irkg build` writes the exports from the graph it built in memory (Oxigraph's)."""
    return memory_kg


def _held(kg: KnowledgeGraph, *, union: bool = False) -> set[str]:
    """What the store holds, as Oxigraph writes each quad (or triple of the union)."""
    return _held_in(kg.store.inner, union=union)  # type: ignore[attr-defined]


def _read_back(text: str, fmt: ox.RdfFormat, *, union: bool = False) -> set[str]:
    """An export read as irkg reads RDF (by Oxigraph, which keeps each value's canonical
    form: Turtle's bare ``5.0`` is the store's ``"5"^^xsd:decimal``)."""
    store = ox.Store()
    store.load(text, format=fmt)
    return _held_in(store, union=union)


def _held_in(store: ox.Store, *, union: bool) -> set[str]:
    if union:
        return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store}
    return {str(q) for q in store}


@pytest.fixture(scope="module")
def rendered(kg: KnowledgeGraph) -> dict[str, str]:
    return render_exports(kg)


@pytest.mark.parametrize(
    ("serialise", "fmt"),
    [(to_turtle, ox.RdfFormat.TURTLE), (to_ntriples, ox.RdfFormat.N_TRIPLES)],
)
def test_export_union_round_trips(kg: KnowledgeGraph, serialise: object, fmt: ox.RdfFormat) -> None:
    text = serialise(kg.dataset)  # type: ignore[operator]
    assert _read_back(text, fmt, union=True) == _held(kg, union=True)


@pytest.mark.parametrize(
    ("serialise", "fmt"),
    [
        (to_trig, ox.RdfFormat.TRIG),
        (to_nquads, ox.RdfFormat.N_QUADS),
        (to_jsonld, ox.RdfFormat.JSON_LD),
    ],
)
def test_export_named_graphs_round_trip_with_provenance(
    kg: KnowledgeGraph, serialise: object, fmt: ox.RdfFormat
) -> None:
    assert _read_back(serialise(kg.dataset), fmt) == _held(kg)  # type: ignore[operator]


def test_export_jsonld_context_is_inline(rendered: dict[str, str]) -> None:
    document = json.loads(rendered["irkg.jsonld"])
    assert isinstance(document["@context"], dict)
    assert document["@context"]["irkg"] == "https://w3id.org/irkg/ontology#"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_networks_round_trip(kg: KnowledgeGraph, fmt: str) -> None:
    network = kg.to_networkx()
    if fmt == "graphml":
        back = nx.parse_graphml(to_graphml(network))
    else:
        back = nx.read_gexf(io.BytesIO(to_gexf(network).encode("utf-8")))
    assert set(back.nodes) == set(network.nodes)
    assert back.number_of_edges() == network.number_of_edges()
    assert back.nodes["bloc/eaeu"]["label"] == "Eurasian Economic Union"


def test_export_csv_is_ready_for_neo4j(rendered: dict[str, str], kg: KnowledgeGraph) -> None:
    nodes = list(csv.DictReader(io.StringIO(rendered["nodes.csv"])))
    edges = list(csv.DictReader(io.StringIO(rendered["edges.csv"])))
    network = kg.to_networkx()
    assert len(nodes) == network.number_of_nodes()
    assert len(edges) == network.number_of_edges()
    india = next(n for n in nodes if n["id:ID"] == "country/india")
    assert india[":LABEL"] == "Country"
    target = next(n for n in nodes if n["id:ID"] == "target/trade-100bn-2030")
    assert target["sentence"] == network.nodes["target/trade-100bn-2030"]["sentence"]
    assert "100 billion US dollars by 2030" in target["sentence"]
    assert {e[":TYPE"] for e in edges} >= {"MEMBER_OF", "HAS_MEMBER", "STRATEGIC_PARTNER_OF"}


def test_export_explorer_is_offline_and_escapes_labels(rendered: dict[str, str]) -> None:
    html = rendered["explorer.html"]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"<(script|link)[^>]+(src|href)=", html)  # everything is inline
    evil = nx.MultiDiGraph()
    evil.add_node(
        "person/x", label="<img src=x onerror=alert(1)>", kind="Person", aliases=["</script><b>"]
    )
    page = to_explorer_html(evil)
    assert "<img src=x" not in page
    assert "</script><b>" not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page


def test_export_files_are_committed_and_up_to_date(rendered: dict[str, str]) -> None:
    stale = [
        name
        for name, text in rendered.items()
        if not (ROOT / "exports" / name).is_file()
        or (ROOT / "exports" / name).read_bytes() != text.encode("utf-8")
    ]
    assert stale == [], f"exports/ is stale: run `make build` (stale: {stale})"
    assert sorted(p.name for p in (ROOT / "exports").iterdir()) == sorted(EXPORT_FILES)


_DIGEST = """
import hashlib, sys
from irkg.exports import render_exports
from irkg.graph import KnowledgeGraph
for name, text in render_exports(KnowledgeGraph.from_data(sys.argv[1])).items():
    print(name, hashlib.sha256(text.encode()).hexdigest())
"""


@pytest.mark.slow
def test_export_is_byte_identical_across_hash_seeds(rendered: dict[str, str]) -> None:
    digests = []
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", _DIGEST, str(ROOT / "data")],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        digests.append(out.stdout)
    ours = "".join(f"{n} {hashlib.sha256(t.encode()).hexdigest()}\n" for n, t in rendered.items())
    assert digests[0] == digests[1] == ours


def test_write_rdf_guesses_format_and_names_bad_suffix(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = write_rdf(kg.dataset, tmp_path / "g.nq")
    assert path.read_text().count("\n") == len(to_nquads(kg.dataset).splitlines())
    with pytest.raises(ExportError, match=r"g\.xyz: unknown RDF format"):
        write_rdf(kg.dataset, tmp_path / "g.xyz")


def test_write_atomic_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "out" / "a.txt", "one\n")
    write_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "a.txt", "old\n")
    blocker = tmp_path / "dir"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(ExportError, match="cannot write"):
        write_atomic(blocker / "b.txt", "new\n")
    assert target.read_text() == "old\n"


def test_export_explorer_caps_big_graphs_and_says_so() -> None:
    big = nx.MultiDiGraph()
    for i in range(60):
        big.add_node(f"person/p{i}", label=f"P{i}", kind="Person")
        big.add_edge("person/p0", f"person/p{i}", key="knows", label="knows", sources=[])
    html = to_explorer_html(big, max_nodes=10)
    assert "Showing the 10 most connected of 60 entities" in html
    assert html.count('"kind": "Person"') == 10


def test_export_every_format_round_trips_the_text_irkg_accepts(tmp_path: Path) -> None:
    """Tabs, newlines, quotes, backslashes, Cyrillic, Devanagari and emoji survive every
    export; the characters that would not are refused at load (tests/examples/invalid)."""
    cyrillic = "\u0416\u0435\u043c\u0447\u0443\u0433"
    tricky = f'Tab\there "quoted" back\\\\slash\n{cyrillic} मेरा नाम जोकर 🎬 <b>&amp;</b>'
    data = tmp_path / "tricky.yaml"
    data.write_text(
        "document: {id: doc/tricky, type: NewsArticle, label: Tricky}\n"
        "paragraphs:\n  - paragraph: 1\n    facts:\n"
        f"      - {{id: person/tricky, type: Person, label: {json.dumps(tricky, ensure_ascii=False)}}}\n",
        encoding="utf-8",
    )
    from irkg.loaders import load_yaml_files

    ds = load_yaml_files([data])
    label = tricky
    for serialise, fmt in ((to_ntriples, "nt"), (to_turtle, "turtle")):
        graph = Graph().parse(data=serialise(ds), format=fmt)
        assert label in {str(o) for o in graph.objects()}, fmt
    for serialise, fmt in ((to_nquads, "nquads"), (to_trig, "trig"), (to_jsonld, "json-ld")):
        parsed = Dataset(default_union=True).parse(data=serialise(ds), format=fmt)
        assert label in {str(o) for o in parsed.objects()}, fmt
    network = KnowledgeGraph(ds).to_networkx()
    back = nx.read_gexf(io.BytesIO(to_gexf(network).encode("utf-8")))
    assert back.nodes["person/tricky"]["label"] == label
    assert nx.parse_graphml(to_graphml(network)).nodes["person/tricky"]["label"] == label
