"""Labels: a drawing reads the graph's languages once, not once per actor."""

from __future__ import annotations

import pytest


def test_a_drawing_reads_an_undeclared_graphs_languages_once_not_per_actor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import networkx as nx

    from meetgraph import labels
    from meetgraph.layout import layout_positions
    from meetgraph.page import page_model

    G = nx.MultiGraph()
    for i in range(300):
        G.add_node(f"a{i}", name={"ko": f"배우 {i}", "en": f"Actor {i}"}, type="person")
        G.add_edge(f"a{i}", f"a{(i + 1) % 300}", key=f"m{i}", status="held")
    reads = []
    real = labels.graph_languages
    monkeypatch.setattr(labels, "graph_languages", lambda graph: reads.append(1) or real(graph))
    positions = layout_positions(G)
    model = page_model(G, language="en", positions=positions)
    # Read once or so per drawing, not once per actor (300 here).
    assert len(reads) < 10
    assert model["nodes"][0][1] == "Actor 0"
    # The layout named each actor in the first language read off the names.
    assert labels.actor_labels(G, ["a0"]) == {"a0": "배우 0"}
