"""The explorer's layout: deterministic, every component placed, no box overlapping another."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest

from irkg.exports.layout import EDGE_LENGTH, Box, layout, separate
from irkg.graph import KnowledgeGraph


@pytest.fixture(scope="module")
def seed(asserted_kg: KnowledgeGraph) -> nx.Graph:
    return nx.Graph(asserted_kg.to_networkx())


def _overlaps(
    positions: dict[str, tuple[int, int]], boxes: dict[str, Box]
) -> list[tuple[str, str]]:
    return [
        (a, b)
        for a, b in combinations(sorted(positions), 2)
        if abs(positions[a][0] - positions[b][0]) + 1 < boxes[a].half_width + boxes[b].half_width
        and abs(positions[a][1] - positions[b][1]) + 1 < boxes[a].half_height + boxes[b].half_height
    ]


def test_layout_is_deterministic_and_in_whole_pixels(seed: nx.Graph) -> None:
    first = layout(seed)
    assert first == layout(seed)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(seed, reverse=True))
    shuffled.add_edges_from(sorted(seed.edges(), reverse=True))
    assert layout(shuffled) == first  # insertion order does not matter
    assert set(first) == set(seed)
    assert all(isinstance(c, int) for xy in first.values() for c in xy)


def test_layout_draws_edges_at_the_chosen_length(seed: nx.Graph) -> None:
    positions = layout(seed)
    lengths = sorted(
        ((positions[u][0] - positions[v][0]) ** 2 + (positions[u][1] - positions[v][1]) ** 2) ** 0.5
        for u, v in seed.edges()
    )
    assert abs(lengths[len(lengths) // 2] - EDGE_LENGTH) <= 2


def test_layout_puts_small_components_below_the_main_one(seed: nx.Graph) -> None:
    graph = seed.copy()
    graph.add_node("media/unlinked")  # an entity with no relation at all
    components = sorted(nx.connected_components(graph), key=len, reverse=True)
    assert len(components) == 2
    positions = layout(graph)
    lowest_main = max(positions[n][1] for n in components[0])
    assert positions["media/unlinked"][1] > lowest_main


def test_separate_clears_every_overlap_of_the_seed_graph(seed: nx.Graph) -> None:
    boxes = {n: Box(60 if seed.degree(n) > 5 else 30, 20) for n in seed}
    before = layout(seed)
    assert _overlaps(before, boxes)  # the raw layout crowds the hubs
    after = separate(before, boxes)
    assert _overlaps(after, boxes) == []


def test_separate_stretches_a_hairball_before_pushing() -> None:
    graph = nx.barabasi_albert_graph(600, 2, seed=1)
    boxes = {n: Box(40, 12) for n in graph}
    before = layout(graph)
    assert len(_overlaps(before, boxes)) > 1000
    assert _overlaps(separate(before, boxes), boxes) == []
