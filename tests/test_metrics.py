"""Centrality checked against values computed by hand on small graphs."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from meetgraph import metrics
from meetgraph.metrics import MEASURES, SIZE_MEASURES, centrality, collapse, counterfactual
from meetgraph.records import ACTOR_COLUMNS, flat_columns


def graph(edges: list[tuple[str, str, str, str]], isolated: str = "") -> nx.MultiGraph:
    G = nx.MultiGraph()
    for node in sorted({n for e in edges for n in e[:2]} | set(isolated)):
        G.add_node(node, name={"en": node.upper()}, type="person", sector="s", country="KR")
    for u, v, key, status in edges:
        G.add_edge(u, v, key=key, status=status)
    return G


# A star: v met a (twice), b and c; a missing edge to g and a planned one to p.
STAR = [
    ("v", "a", "m1", "held"),
    ("v", "a", "m2", "held"),
    ("v", "b", "m3", "held"),
    ("v", "c", "m4", "held"),
    ("v", "g", "r1", "missing"),
    ("v", "p", "p1", "planned"),
]


def test_collapse_counts_distinct_meetings_of_chosen_statuses() -> None:
    H = collapse(graph(STAR))
    weights = {frozenset((u, v)): w for u, v, w in H.edges(data="weight")}
    assert weights == {frozenset("va"): 2, frozenset("vb"): 1, frozenset("vc"): 1}
    assert set(H) == {"v", "a", "b", "c", "g", "p"}
    assert collapse(graph(STAR), ["missing"]).edges["v", "g"]["weight"] == 1


def test_star_by_hand() -> None:
    table = centrality(graph(STAR))
    assert table.loc["v", "degree"] == 3 and table.loc["v", "weighted_degree"] == 4
    assert table.loc["a", "weighted_degree"] == 2
    # v lies on every shortest path between a, b and c: 3 of C(5, 2) = 10 pairs.
    assert table.loc["v", "betweenness"] == pytest.approx(3 / 10)
    # closeness (Wasserman-Faust): v reaches 3 at distance 1 among n = 6.
    assert table.loc["v", "closeness"] == pytest.approx(3 / 3 * 3 / 5)
    # a reaches v (1), b and c (2): (3/5) * (3/5).
    assert table.loc["a", "closeness"] == pytest.approx(3 / 5 * 3 / 5)
    assert table.loc["g", "closeness"] == 0.0 and table.loc["g", "eigenvector"] == 0.0
    assert table.index.name == "actor"
    assert table.loc["v", "name_en"] == "V"


def test_eigenvector_on_weighted_star_by_hand() -> None:
    # Adjacency of v with weights (2, 1, 1): leading eigenvalue sqrt(6),
    # eigenvector (sqrt(6), 2, 1, 1) normalised.
    table = centrality(graph(STAR))
    norm = math.sqrt(6 + 4 + 1 + 1)
    assert table.loc["v", "eigenvector"] == pytest.approx(math.sqrt(6) / norm)
    assert table.loc["a", "eigenvector"] == pytest.approx(2 / norm)


def test_eigenvector_never_fails_on_disconnected_graphs() -> None:
    G = graph([("a", "b", "1", "held"), ("c", "d", "2", "held"), ("d", "e", "3", "held")], "z")
    table = centrality(G)
    assert table.loc["a", "eigenvector"] == pytest.approx(2**-0.5)
    assert table.loc["d", "eigenvector"] == pytest.approx(2**-0.5)
    assert table.loc["c", "eigenvector"] == pytest.approx(0.5)
    assert table.loc["z", "eigenvector"] == 0.0
    assert table["pagerank"].sum() == pytest.approx(1.0)


def test_statuses_choose_what_counts() -> None:
    held = centrality(graph(STAR))
    planned = centrality(graph(STAR), statuses=("held", "planned"))
    assert held.loc["p", "degree"] == 0 and planned.loc["p", "degree"] == 1
    assert planned.attrs["statuses"] == ["held", "planned"]


def test_communities_are_seeded_and_numbered_by_size() -> None:
    two_triangles = [
        (u, v, f"{u}{v}", "held") for u, v in ["ab", "bc", "ca", "de", "ef", "fd", "cd"]
    ]
    G = graph([*two_triangles, ("f", "g", "fg", "held")])
    first = centrality(G, seed=1)["community"]
    assert first.equals(centrality(G, seed=1)["community"])
    assert first["a"] == first["b"] == first["c"]
    assert first["d"] == first["e"] == first["f"] == first["g"] == 0
    assert first["a"] == 1


def test_betweenness_is_sampled_above_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    G = graph([(str(i), str(i + 1), f"m{i}", "held") for i in range(30)])
    assert centrality(G).attrs["approximate"] == []
    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_LIMIT", 10)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLE", 5)
    table = centrality(G, seed=3)
    assert table.attrs["approximate"] == ["betweenness"]
    assert table["betweenness"].equals(centrality(G, seed=3)["betweenness"])


def test_empty_graph_gives_an_empty_table() -> None:
    table = centrality(nx.MultiGraph())
    assert table.empty and "pagerank" in table.columns


def test_counterfactual_adds_missing_edges_as_if_held() -> None:
    change = counterfactual(graph(STAR))
    assert change.loc["g", "degree_before"] == 0 and change.loc["g", "degree_after"] == 1
    assert change.loc["v", "degree_change"] == 1
    assert change.loc["b", "degree_change"] == 0
    assert change["pagerank_change"].is_monotonic_decreasing
    assert change.loc["g", "pagerank_change"] > 0


@pytest.mark.parametrize("seed", range(4))
def test_betweenness_and_closeness_equal_networkx_on_random_graphs(seed: int) -> None:
    random_graph = nx.gnm_random_graph(40, 70, seed=seed)
    random_graph.add_nodes_from(range(40, 43))  # isolates
    G = graph([(str(u), str(v), f"m{i}", "held") for i, (u, v) in enumerate(random_graph.edges)])
    G.add_nodes_from(["40", "41", "42"], name={"en": "i"}, type="person")
    table = centrality(G)
    H = collapse(G)
    expected_betweenness = nx.betweenness_centrality(H)
    expected_closeness = nx.closeness_centrality(H)
    for node in H:
        assert table.loc[node, "betweenness"] == pytest.approx(expected_betweenness[node])
        assert table.loc[node, "closeness"] == pytest.approx(expected_closeness[node])


def test_table_columns_come_from_the_record_and_the_registry() -> None:
    G = graph(STAR)
    G.graph["languages"] = ["en", "ja"]
    table = centrality(G)
    actor_columns = flat_columns(ACTOR_COLUMNS, ["en", "ja"])
    assert list(table.columns) == actor_columns + [m.name for m in MEASURES]
    assert list(table.columns[:3]) == ["name_en", "name_ja", "type"]
    change = counterfactual(G)
    assert list(change.columns[: len(actor_columns)]) == actor_columns
    assert [c.removesuffix("_before") for c in change.columns if c.endswith("_before")] == [
        m.name for m in SIZE_MEASURES
    ]


def test_counts_are_integers_and_the_same_graph_gives_the_same_numbers() -> None:
    table = centrality(graph(STAR))
    for entry in MEASURES:
        assert (table[entry.name].dtype.kind == "i") == entry.integer, entry.name
    # Eigenvectors solved from a fixed start: bit for bit the same on every run.
    assert table.equals(centrality(graph(STAR)))
