"""`irkg ask central` at scale: igraph's betweenness against networkx's, the baseline.

Run: .venv/bin/python benchmarks/central.py [--nodes N]

A seeded random network of N nodes (3 relations a node, as irkg's networks run) is
scored by both; the figures are seconds, with the largest difference between scores.
"""

from __future__ import annotations

import argparse
import time

import igraph  # noqa: F401  (imported before the clock starts, as a server has it)
import networkx as nx

from irkg.graph.helpers import betweenness


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    args = parser.parse_args()
    network = nx.relabel_nodes(
        nx.MultiDiGraph(nx.gnm_random_graph(args.nodes, 3 * args.nodes, seed=7, directed=True)),
        str,
    )
    started = time.perf_counter()
    fast = betweenness(network)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    slow = nx.betweenness_centrality(nx.Graph(network.to_undirected()), normalized=True)
    theirs = time.perf_counter() - started
    gap = max(abs(fast[n] - slow[n]) for n in fast)
    print(f"{args.nodes:,} nodes: igraph {ours:.2f} s, networkx {theirs:.2f} s "
          f"({theirs / ours:.0f}x); largest difference {gap:.1e}")  # fmt: skip


if __name__ == "__main__":
    main()
