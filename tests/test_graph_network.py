from __future__ import annotations

import networkx as nx

from irkg.graph import CODE_KINDS, KnowledgeGraph


def test_network_nodes_carry_kind_label_and_sources(kg: KnowledgeGraph) -> None:
    g = kg.to_networkx()
    zhemchug = g.nodes["film/zhemchug"]
    assert zhemchug["label"] == "Zhemchug"
    assert zhemchug["kind"] == "Film"
    assert "Pearl" in zhemchug["aliases"]
    assert zhemchug["sources"] == ["background", "moscow-diplomats-meeting ¶7"]  # names, facts


def test_network_code_lists_are_attributes_not_nodes(kg: KnowledgeGraph) -> None:
    g = kg.to_networkx()
    assert not any(d["kind"] in CODE_KINDS for _, d in g.nodes(data=True))
    obs = g.nodes["obs/moscow-deficit-fy2024-25"]
    assert (obs["value"], obs["unit"], obs["flow"]) == (58.9, "billion US dollars", "trade gap")


def test_network_edges_merge_sources_of_a_fact_stated_twice(kg: KnowledgeGraph) -> None:
    g = kg.to_networkx()
    edge = g.edges["country/india", "country/russia", "strategicPartnerOf"]
    assert edge["sources"] == ["india-russia-business-summit ¶1", "moscow-diplomats-meeting ¶8"]
    assert edge["label"] == "strategic partner of"


def test_network_path_from_film_to_minister(kg: KnowledgeGraph) -> None:
    g = kg.to_networkx().to_undirected(as_view=True)
    path = nx.shortest_path(g, "film/zhemchug", "person/s-jaishankar")
    assert path[0] == "film/zhemchug" and path[-1] == "person/s-jaishankar"
    assert len(path) <= 4


def test_narrow_focus_kinds_and_source(kg: KnowledgeGraph) -> None:
    from irkg.graph import narrow

    g = kg.to_networkx()
    near = narrow(g, focus="film/zhemchug", depth=1)
    assert set(near) == {"film/zhemchug", *nx.all_neighbors(g, "film/zhemchug")}
    people = narrow(g, kinds=["person"])
    assert {d["kind"] for _, d in people.nodes(data=True)} == {"Person"}
    summit = narrow(g, source="doc/india-russia-business-summit")
    assert all(
        any(s.startswith("india-russia-business-summit") for s in d["sources"])
        for _, _, d in summit.edges(data=True)
    )
    assert "film/zhemchug" not in summit  # only the Moscow article mentions it


def test_network_dates_periods_and_what_links_to_them(kg: KnowledgeGraph) -> None:
    g = kg.to_networkx()
    when = {n: d["when"] for n, d in g.nodes(data=True) if "when" in d}
    assert when["period/fy2024-25"] == ["2024-04-01", "2025-03-31"]  # its own dates
    assert when["period/2021"] == ["2021-01-01", "2021-12-31"]  # a named year
    assert when["obs/moscow-deficit-fy2024-25"] == when["period/fy2024-25"]  # by its period
    assert when["target/trade-100bn-2030"] == ["2030-01-01", "2030-12-31"]  # by its deadline
    # A change spans the observations it compares.
    assert when["change/moscow-trade-growth"] == ["2021-01-01", "2025-03-31"]
    assert "period/pre-pandemic" not in when and "country/india" not in when
