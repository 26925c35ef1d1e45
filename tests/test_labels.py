"""Labels: a drawing reads the graph's languages once, not once per actor."""

from __future__ import annotations

import pytest


def test_a_drawing_reads_an_undeclared_graphs_languages_once_not_per_actor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import networkx as nx

    from meetgraph import labels
    from meetgraph.explorer import actors_by_name
    from meetgraph.layout import layout_positions
    from meetgraph.page import page_model
    from meetgraph.timeline import meeting_table

    G = nx.MultiGraph()
    for i in range(300):
        G.add_node(f"a{i}", name={"ko": f"배우 {i}", "en": f"Actor {i}"}, type="person")
        G.add_edge(f"a{i}", f"a{(i + 1) % 300}", key=f"m{i}", status="held")
    reads = []
    real = labels.graph_languages
    monkeypatch.setattr(labels, "graph_languages", lambda graph: reads.append(1) or real(graph))
    positions = layout_positions(G)
    model = page_model(G, language="en", positions=positions)
    order = actors_by_name(G, "en")
    table = meeting_table(G, "en")
    # Read once or so per drawing and table, not once per actor or meeting (300 each here).
    assert len(reads) < 10
    assert order[:3] == ["a0", "a1", "a10"]
    assert table.loc[table["meeting"] == "m0", "participants"].item() == "Actor 0, Actor 1"
    assert model["nodes"][0][1] == "Actor 0"
    # The layout named each actor in the first language read off the names.
    assert labels.actor_labels(G, ["a0"]) == {"a0": "배우 0"}
