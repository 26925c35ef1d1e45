"""The server-side layout: deterministic, spread, and fast enough for large graphs."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from meetgraph.layout import layout_positions


def test_layout_keeps_isolates_near_and_handles_tiny_graphs() -> None:
    assert layout_positions(nx.MultiGraph()) == {}
    assert layout_positions(nx.MultiGraph([("a", "a")])) == {"a": (0.0, 0.0)}
    G = nx.MultiGraph(nx.path_graph([str(i) for i in range(30)]))
    G.add_node("alone")
    pos = layout_positions(G)
    spread = max(abs(c) for xy in pos.values() for c in xy)
    assert spread == pytest.approx(60 * 31**0.5, abs=0.01)
    assert len(set(pos.values())) == 31
    # Gravity keeps an isolate at the rim of the drawing, not far out in the void.
    radius = sorted(math.hypot(*xy) for xy in pos.values())
    assert math.hypot(*pos["alone"]) < 1.5 * radius[len(radius) // 2]


def test_layout_of_a_large_graph_places_every_node_apart() -> None:
    # Above the exact-repulsion size the layout samples; speed is shown by benchmarks/run.py.
    G = nx.MultiGraph(nx.gnm_random_graph(3000, 9000, seed=1))
    pos = layout_positions(G)
    assert len(pos) == 3000
    assert len(set(pos.values())) == 3000
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
