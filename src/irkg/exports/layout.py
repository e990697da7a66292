"""Node positions for the explorer, computed in Python before the page is written.

networkx holds the graph; igraph's C layouts place it. networkx's own force
layouts are numpy loops over all node pairs: about 10 s for 2,000 nodes, where
igraph's grid Fruchterman-Reingold takes a quarter of a second. Positions are
seeded and rounded to whole pixels, so the same graph gives the same page.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    import igraph

# igraph, numpy and scipy are imported where they are used: together they take
# most of a second to import, which `irkg ask` and `irkg query` should not pay.

__all__ = ["EDGE_LENGTH", "KAMADA_KAWAI_MAX", "Box", "layout", "separate"]

#: Up to this many nodes a component is placed by Kamada-Kawai (drawn distances
#: follow graph distances: the clearest picture); beyond it by Fruchterman-Reingold.
KAMADA_KAWAI_MAX = 400

#: The drawn length, in pixels, of the median edge.
EDGE_LENGTH = 120

#: The share of a stretched hairball's area that its nodes' boxes fill (see :func:`separate`).
FILL = 0.25

#: How far each node of an overlapping pair moves per round, as a share of what the
#: pair needs to clear (half each: a lone pair clears in one round).
PUSH = 0.5

Positions = dict[Hashable, tuple[int, int]]


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph draws from one global generator: seed it for the call, then hand it back."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _place(component: igraph.Graph) -> list[tuple[float, float]]:
    if component.vcount() == 1:
        return [(0.0, 0.0)]
    if component.vcount() <= KAMADA_KAWAI_MAX:
        # Edges at hubs are drawn longer, so that a hub's many neighbours get room around it.
        degree = component.degree()
        weights = [(max(degree[a], degree[b])) ** 0.5 for a, b in component.get_edgelist()]
        found = component.layout_kamada_kawai(maxiter=50 * component.vcount(), weights=weights)
    else:
        found = component.layout_fruchterman_reingold(niter=500, grid="grid")
    return [(float(x), float(y)) for x, y in found.coords]


def _edge_scale(component: igraph.Graph, coords: list[tuple[float, float]]) -> float:
    lengths = [math.dist(coords[a], coords[b]) for a, b in component.get_edgelist()]
    median = statistics.median(lengths) if lengths else 0.0
    return EDGE_LENGTH / median if median > 0 else 1.0


def layout(graph: nx.Graph, *, seed: int = 7) -> Positions:
    """Pixel positions for every node of ``graph``, its median edge ``EDGE_LENGTH`` long.

    Each connected component is laid out on its own; the largest stays at the
    centre and the others (often single entities) line up underneath it, the
    biggest first, rather than drifting off or piling onto the centre.

    Example:
        >>> positions = layout(nx.path_graph(["a", "b", "c"]))
        >>> sorted(positions)
        ['a', 'b', 'c']
        >>> abs(positions["a"][0] - positions["b"][0]) + abs(positions["a"][1] - positions["b"][1]) > 100
        True
    """
    import igraph

    positions: Positions = {}
    nodes = sorted(graph, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    whole = igraph.Graph(
        n=len(nodes), edges=sorted(tuple(sorted((index[u], index[v]))) for u, v in graph.edges())
    )
    components = sorted(whole.connected_components(), key=lambda c: (-len(c), min(c)))
    cursor_x = cursor_y = row_height = left = right = 0.0
    with _seeded(seed):
        for number, found in enumerate(components):
            members = sorted(found)
            component = whole.induced_subgraph(members, implementation="copy_and_delete")
            coords = _place(component)
            scale = _edge_scale(component, coords)
            xs = [x * scale for x, _ in coords]
            ys = [y * scale for _, y in coords]
            width, height = max(xs) - min(xs), max(ys) - min(ys)
            if number == 0:
                # The main component is centred on the origin; the rest start below it.
                dx, dy = -(max(xs) + min(xs)) / 2, -(max(ys) + min(ys)) / 2
                left, right = -width / 2, max(width / 2, -width / 2 + 6 * EDGE_LENGTH)
                cursor_x, cursor_y = left, height / 2 + EDGE_LENGTH
            else:
                if cursor_x + width > right and cursor_x > left:
                    cursor_x, cursor_y = left, cursor_y + row_height + EDGE_LENGTH
                    row_height = 0.0
                dx, dy = cursor_x - min(xs), cursor_y - min(ys)
                cursor_x += width + EDGE_LENGTH
                row_height = max(row_height, height)
            for member, x, y in zip(members, xs, ys, strict=True):
                positions[nodes[member]] = (round(x + dx), round(y + dy))
    return positions


@dataclass(frozen=True)
class Box:
    """The room a drawn node takes: half its width and height, and how far its centre
    lies below the node's (a label hangs under its node)."""

    half_width: float
    half_height: float
    below: float = 0.0


def separate(positions: Positions, boxes: dict[Hashable, Box], *, rounds: int = 200) -> Positions:
    """Move nodes apart until no two boxes (a node with its label) overlap, or ``rounds`` run out.

    Each round finds the overlapping pairs (a k-d tree keeps that near-linear) and
    pushes each pair apart, half each, along the line between them, just far
    enough to clear; directions are kept, so the layout keeps its shape.

    Example:
        >>> boxes = {"a": Box(50, 10), "b": Box(50, 10)}
        >>> separate({"a": (0, 0), "b": (10, 0)}, boxes)
        {'a': (-45, 0), 'b': (55, 0)}
        >>> boxes["c"] = Box(10, 10)
        >>> separate({"a": (0, 0), "b": (10, 10), "c": (900, 900)}, boxes)
        {'a': (-5, -5), 'b': (15, 15), 'c': (900, 900)}
    """
    import numpy as np
    from scipy.spatial import cKDTree

    nodes = sorted(positions, key=str)
    if len(nodes) < 2:
        return dict(positions)
    # The work is done on the boxes' centres; the nodes move with them.
    below = np.array([(0.0, boxes[n].below) for n in nodes])
    xy = np.array([positions[n] for n in nodes], dtype=float) + below
    half = np.array([(boxes[n].half_width, boxes[n].half_height) for n in nodes], dtype=float)
    # A drawing whose boxes would fill more than its whole area (a hairball) is first
    # stretched as a whole until they fill FILL of it; the pushing below would take
    # hundreds of rounds to make that much room. Sparser drawings only get the pushing.
    span = np.ptp(xy, axis=0)
    area, needed = float(span[0] * span[1]), float((4 * half[:, 0] * half[:, 1]).sum())
    if area and needed > area:
        centre = xy.mean(axis=0)
        xy = centre + (xy - centre) * math.sqrt(needed / FILL / area)
    reach = 2 * float(np.hypot(half[:, 0], half[:, 1]).max())
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[j] - xy[i]
        overlap = half[i] + half[j] - np.abs(delta)
        hit = (overlap > 0).all(axis=1)
        if not hit.any():
            break
        i, j, delta = i[hit], j[hit], delta[hit]
        # Coincident nodes part along a fixed diagonal.
        delta[(delta == 0).all(axis=1)] = (0.01, 0.01)
        # Each pair moves apart along the line joining it (so the picture keeps its
        # directions), just far enough that the boxes clear on one axis.
        apart = (half[i] + half[j]) / np.maximum(np.abs(delta), 1e-9)
        push = delta * ((apart.min(axis=1) - 1) * PUSH + 0.01)[:, None]
        shift = np.zeros_like(xy)
        np.add.at(shift, i, -push)
        np.add.at(shift, j, push)
        # A node caught in k overlaps moves by the sum of its pushes over the square root
        # of k: the plain sum overshoots in a crowd, the mean crawls.
        crowd = np.bincount(np.concatenate([i, j]), minlength=len(xy))
        xy += shift / np.sqrt(np.maximum(crowd, 1))[:, None]
    xy -= below
    return {n: (round(x), round(y)) for n, (x, y) in zip(nodes, xy.tolist(), strict=True)}
