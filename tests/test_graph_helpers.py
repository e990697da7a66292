"""The named helpers answer real questions of the built graph."""

from __future__ import annotations

from decimal import Decimal

import pytest

from irkg.errors import QueryError
from irkg.graph import KnowledgeGraph
from irkg.graph.helpers import QUERY_FILES, bind_query, load_query


def test_helpers_members_of_eaeu_are_its_five_members(kg: KnowledgeGraph) -> None:
    members = kg.members_of("EAEU")
    assert [m.id for m in members] == [
        "country/armenia", "country/belarus", "country/kazakhstan", "country/kyrgyzstan", "country/russia",
    ]  # fmt: skip
    assert all(m.sources == ("moscow-diplomats-meeting ¶3",) for m in members)


def test_helpers_shared_memberships_of_india_and_russia(kg: KnowledgeGraph) -> None:
    shared = kg.shared_memberships("India", "Russia")
    assert [m.id for m in shared] == ["bloc/brics", "bloc/g20", "bloc/sco", "organization/un"]
    # No article states these memberships: they are background facts.
    assert {m.sources for m in shared} == {("background",)}


def test_helpers_memberships_of_russia_include_the_eaeu(kg: KnowledgeGraph) -> None:
    assert "bloc/eaeu" in [m.id for m in kg.memberships("Russia")]


def test_helpers_trade_shows_both_sources_for_fy25(kg: KnowledgeGraph) -> None:
    totals = [(f.value, f.source) for f in kg.trade("total") if f.period == "FY2024-25"]
    assert totals == [
        (Decimal("68.0"), "moscow-diplomats-meeting ¶2"),
        (Decimal("68.7"), "india-russia-business-summit ¶6"),
    ]
    assert {f.flow for f in kg.trade()} == {"total trade", "exports", "imports", "trade gap"}
    assert [f.value for f in kg.trade("gap")] == [Decimal("6.6"), Decimal("58.9")]


def test_helpers_said_by_gives_occasion_quote_and_source(kg: KnowledgeGraph) -> None:
    said = kg.said_by("Srivastava")
    assert [s.source for s in said] == [
        "india-russia-business-summit ¶14",
        "india-russia-business-summit ¶15",
    ]
    assert said[1].quote == "managing dependence in a fractured world"
    goyal = kg.said_by("Piyush Goyal")
    occasions = {int(s.source.rsplit("¶", 1)[1]): s.occasion for s in goyal}
    assert occasions == {
        1: "India-Russia Business Summit",
        2: "India-Russia Business Summit",
        3: "India-Russia Business Summit",
        7: "Ficci's Russia Business Forum meeting",
        8: "Ficci's Russia Business Forum meeting",
        10: "Ficci's Russia Business Forum meeting",  # "also said": the same remarks
    }
    assert [s.quote for s in goyal if s.quote] == ["Sectors that hold potential to boost exports"]


def test_helpers_statements_about_a_topic_name_every_speaker(kg: KnowledgeGraph) -> None:
    speakers = {s.speaker for s in kg.statements_about("trade imbalance")}
    assert speakers == {"S. Jaishankar", "Piyush Goyal", "Maxim Oreshkin"}


def test_helpers_routes_connect_india_and_russia_through_named_places(kg: KnowledgeGraph) -> None:
    by_id = {r.id: r for r in kg.routes()}
    assert set(by_id) == {"route/instc", "route/northern-sea-route", "route/chennai-vladivostok"}
    assert "Chennai (city)" in by_id["route/chennai-vladivostok"].connects
    assert "Iran (country)" in by_id["route/instc"].passes_through


def test_helpers_timeline_orders_dated_things_and_keeps_vague_ones(kg: KnowledgeGraph) -> None:
    entries = kg.timeline()
    assert [e.id for e in entries[:2]] == ["film/zhemchug", "target/trade-100bn-2030"]
    assert entries[0].when == "autumn 2025"
    assert (entries[1].start, entries[1].when) == ("2030-12-31", "by 2030")  # a deadline
    undated = {e.id: e.when for e in entries if not e.start}
    assert "Thursday" in undated["event/india-russia-business-summit"]


def test_helpers_events_at_a_place(kg: KnowledgeGraph) -> None:
    [moscow] = kg.events(at="Moscow")
    assert moscow.participants == ("India", "Russia", "S. Jaishankar")
    assert kg.events(at="New Delhi") == []  # only the summit article's dateline names it


def test_helpers_sources_of_names_article_and_paragraph(kg: KnowledgeGraph) -> None:
    facts = kg.sources_of("Zhemchug")
    assert any(
        f.predicate == "release period"
        and f.object == "autumn 2025"
        and f.source == "moscow-diplomats-meeting ¶7"
        for f in facts
    )


def test_helpers_path_from_film_to_minister_reads_as_sentences(kg: KnowledgeGraph) -> None:
    hops = kg.path("Zhemchug", "Jaishankar")
    assert [h.sentence for h in hops] == [
        "Zhemchug —concerns→ cinematography",
        "India-Russia top diplomats' meeting in Moscow —discussed→ cinematography",
        "S. Jaishankar —participated in→ India-Russia top diplomats' meeting in Moscow",
    ]
    assert hops[2].sources == ("moscow-diplomats-meeting ¶2",)


def test_helpers_neighbours_at_depth_two_reach_further(kg: KnowledgeGraph) -> None:
    near = {n.id for n in kg.neighbours("Zhemchug")}
    far = {n.id for n in kg.neighbours("Zhemchug", depth=2)}
    assert "country/india" in near and near < far
    with pytest.raises(QueryError):
        kg.neighbours("Zhemchug", depth=0)


def test_helpers_central_puts_india_first(kg: KnowledgeGraph) -> None:
    ranked = kg.central(3)
    assert ranked[0].id == "country/india"
    assert len(ranked) == 3 and ranked[0].score >= ranked[1].score >= ranked[2].score


#: Questions about ingested articles, which data/ has none of (tests/test_ingest_run.py
#: runs them as they are on an ingested article).
ABOUT_INGESTED = {"mentions"}


@pytest.mark.parametrize("name", sorted(set(QUERY_FILES) - ABOUT_INGESTED))
def test_helpers_every_query_file_runs_as_it_is(kg: KnowledgeGraph, name: str) -> None:
    assert len(kg.query(load_query(name))) > 0


def test_helpers_bind_query_needs_a_parameter_line() -> None:
    with pytest.raises(QueryError, match="no line marked"):
        bind_query("SELECT * WHERE { ?s ?p ?o }")


def test_helpers_shared_memberships_count_either_direction_without_reasoning(
    asserted_kg: KnowledgeGraph,
) -> None:
    # Russia's EAEU membership is stated as "EAEU has member Russia", Armenia's too.
    assert [m.id for m in asserted_kg.shared_memberships("Russia", "Armenia")] == ["bloc/eaeu"]


# -- the registry ------------------------------------------------------------------------


def test_registry_makes_the_commands_and_the_methods(kg: KnowledgeGraph) -> None:
    from click.testing import CliRunner

    from irkg.cli import main
    from irkg.graph.helpers import HELPERS

    listed = CliRunner().invoke(main, ["ask", "--list"]).output
    assert [line.split()[0] for line in listed.splitlines()] == sorted(HELPERS)
    for name, helper in HELPERS.items():
        assert helper.description[:1].isupper() and helper.description in listed
        # a method of its own function, so that type checkers see its parameters and rows
        assert getattr(KnowledgeGraph, name.replace("-", "_")) is helper.function
    assert kg.ask("members-of", "EAEU") == kg.members_of("EAEU") == kg.ask("members_of", "EAEU")
    assert "members_of" in dir(kg)
    with pytest.raises(QueryError, match="no helper named 'member-of'; known: central, claims"):
        kg.ask("member-of", "EAEU")
    with pytest.raises(AttributeError, match="no attribute 'members'"):
        kg.members  # noqa: B018


def test_registry_parameters_are_the_functions(kg: KnowledgeGraph) -> None:
    """Each record's parameters are its function's, with the same defaults (registration
    refuses a mismatch), and `irkg ask` takes them as its arguments and options."""
    import inspect

    from irkg.graph.helpers import HELPERS, REQUIRED

    for helper in HELPERS.values():
        declared = list(inspect.signature(helper.function).parameters.values())[1:]
        assert [p.name for p in declared] == [p.name for p in helper.params]
        assert [p.default for p in declared] == [
            REQUIRED if p.default is REQUIRED else p.default for p in helper.params
        ]


def test_the_network_view_is_made_once_per_graph(asserted_kg: KnowledgeGraph) -> None:
    kg = KnowledgeGraph(asserted_kg.dataset)
    first = kg.to_networkx()
    assert kg.to_networkx() is first
    kg.path("Zhemchug", "Jaishankar")
    kg.central(3)
    assert kg.to_networkx() is first


def test_helpers_ask_a_remote_store_in_a_few_requests(kg: KnowledgeGraph) -> None:
    """No helper walks the store a triple pattern at a time: on a SPARQL server each makes a
    handful of requests, however many rows it returns (the network view of the seed graph
    once took 776)."""
    if not kg.store.spec.startswith("sparql:"):
        pytest.skip("counts requests to a SPARQL server")
    for ask in (
        lambda kg: kg.events(),
        lambda kg: kg.timeline(),
        lambda kg: kg.sources_of("Moscow"),
        lambda kg: kg.members_of("EAEU"),
        lambda kg: kg.to_networkx(),
    ):
        fresh = KnowledgeGraph.open(kg.store.spec)  # nothing remembered from other tests
        assert len(ask(fresh)) > 3
        assert 0 < fresh.store.requests <= 6  # type: ignore[attr-defined]


def test_central_betweenness_is_networkx_s(memory_kg: KnowledgeGraph) -> None:
    """igraph computes `central`'s scores; networkx, the oracle, gives the same on the seed
    network, normalised the same way."""
    import networkx as nx

    from irkg.graph.helpers import betweenness

    network = memory_kg.to_networkx()
    found = betweenness(network)
    expected = nx.betweenness_centrality(nx.Graph(network.to_undirected()), normalized=True)
    assert found.keys() == expected.keys()
    assert max(abs(found[n] - expected[n]) for n in found) < 1e-12
    assert [r.id for r in memory_kg.central(top=3)] == sorted(
        expected, key=lambda n: (-round(expected[n], 9), n)
    )[:3]
