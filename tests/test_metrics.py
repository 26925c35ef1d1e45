"""Centrality checked by hand on small graphs and against networkx on random ones."""

from __future__ import annotations

import math
import random
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from meetgraph import metrics
from meetgraph.expectations import as_if_held
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset
from meetgraph.metrics import MEASURES, SIZE_MEASURES, centrality, collapse, counterfactual
from meetgraph.records import ACTOR_COLUMNS, flat_columns
from meetgraph.settings import Settings


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


def test_eigenvector_is_of_the_main_component_and_zero_elsewhere() -> None:
    # A path c-d-e and, met twice, the pair a-b: a component on its own, it scores nothing.
    edges = [("a", "b", "1", "held"), ("a", "b", "4", "held")]
    G = graph([*edges, ("c", "d", "2", "held"), ("d", "e", "3", "held")], "z")
    table = centrality(G)
    assert table["eigenvector"].to_dict() == pytest.approx(
        {"a": 0.0, "b": 0.0, "c": 0.5, "d": 2**-0.5, "e": 0.5, "z": 0.0}, abs=1e-12
    )
    assert table["pagerank"].sum() == pytest.approx(1.0)


def test_eigenvector_main_component_ties_go_to_the_first_actor() -> None:
    table = centrality(graph([("c", "d", "1", "held"), ("a", "b", "2", "held")]))
    assert table["eigenvector"].to_dict() == pytest.approx(
        {"a": 2**-0.5, "b": 2**-0.5, "c": 0.0, "d": 0.0}, abs=1e-12
    )
    assert centrality(graph([], "ab"))["eigenvector"].tolist() == [0.0, 0.0]


def bundled_graph() -> nx.MultiGraph:
    return build_graph(load_dataset(Settings().default_dataset))


def test_eigenvector_on_the_bundled_data_ranks_the_visitor_above_the_isolated_pair() -> None:
    table = centrality(bundled_graph())
    eigenvector = table["eigenvector"]
    # OpenAI-Kakao met only each other: per component they scored 0.707 against 0.663.
    assert eigenvector["openai"] == 0.0 and eigenvector["kakao"] == 0.0
    assert eigenvector.idxmax() == "sam-altman"
    assert eigenvector["sam-altman"] == pytest.approx(0.6626004, abs=1e-7)
    assert eigenvector["sam-altman"] > eigenvector["openai"]
    assert np.linalg.norm(eigenvector) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("statuses", [("held",), ("held", "planned", "missing")])
def test_eigenvector_on_the_bundled_data_equals_networkx(statuses: tuple[str, ...]) -> None:
    G = bundled_graph()
    table = centrality(G, statuses)
    assert_columns_equal(table, {"eigenvector": main_component_eigenvector(collapse(G, statuses))})


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


def random_meetings(seed: int) -> nx.MultiGraph:
    """Two random parts and a pair, some meeting up to three times, isolates, a self-meeting."""
    rng = random.Random(seed)
    parts = [nx.gnm_random_graph(40, 90, seed=seed), nx.gnm_random_graph(12, 14, seed=seed + 1)]
    shape = nx.disjoint_union_all(parts)
    shape.add_nodes_from(range(52, 55))
    shape.add_edge(55, 56)
    G = nx.MultiGraph()
    G.add_nodes_from((f"n{n}" for n in shape), type="person", sector="s", country="KR")
    for u, v in shape.edges:
        for meeting in range(rng.choice([1, 1, 2, 3])):
            G.add_edge(f"n{u}", f"n{v}", key=f"m{u}-{v}-{meeting}", status="held")
    G.add_edge("n0", "n0", key="alone", status="held")
    G.add_edge("n1", "n2", key="later", status="planned")
    return G


def main_component_eigenvector(H: nx.Graph) -> dict[str, float]:
    """networkx's eigenvector centrality of the largest component (first on ties), else 0."""
    values = dict.fromkeys(H, 0.0)
    order = {node: i for i, node in enumerate(H)}
    components = [c for c in nx.connected_components(H) if len(c) > 1]
    if not components:
        return values
    main = max(components, key=lambda c: (len(c), -min(order[n] for n in c)))
    if len(main) == 2:  # networkx's solver needs three nodes
        values.update(dict.fromkeys(main, 2**-0.5))
    else:
        values.update(nx.eigenvector_centrality_numpy(H.subgraph(main), weight="weight"))
    return values


def assert_columns_equal(table: pd.DataFrame, expected: dict[str, dict[str, float]]) -> None:
    for name, values in expected.items():
        wanted = pd.Series(values, dtype=float).reindex(table.index)
        assert np.allclose(table[name], wanted, rtol=0, atol=1e-9), name


@pytest.mark.parametrize("seed", range(5))
def test_exact_measures_equal_networkx_on_random_graphs(seed: int) -> None:
    G = random_meetings(seed)
    table = centrality(G, seed=seed)
    H = collapse(G)
    assert not any(u == v for u, v in H.edges) and H.number_of_nodes() == 57
    assert table.attrs["approximate"] == []
    expected = {
        "pagerank": nx.pagerank(H, weight="weight", tol=1e-15, max_iter=10_000),
        "degree": dict(H.degree),
        "weighted_degree": dict(H.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(H),
        "closeness": nx.closeness_centrality(H),
        "eigenvector": main_component_eigenvector(H),
    }
    assert_columns_equal(table, expected)


def larger_meetings(seed: int, actors: int = 400) -> nx.MultiGraph:
    """A random part of ``actors`` and a small one, met 1-5 times a pair, and isolates."""
    rng = random.Random(seed)
    parts = [nx.gnm_random_graph(actors, 4 * actors, seed=seed), nx.gnm_random_graph(30, 40, seed)]
    shape = nx.disjoint_union_all(parts)
    shape.add_nodes_from(range(actors + 30, actors + 40))
    G = nx.MultiGraph()
    G.add_nodes_from((f"n{n}" for n in shape), type="person", sector="s", country="KR")
    for u, v in shape.edges:
        for meeting in range(rng.choice([1, 1, 2, 5])):
            G.add_edge(f"n{u}", f"n{v}", key=f"m{meeting}", status="held")
    return G


@pytest.mark.parametrize("seed", range(3))
def test_eigenvector_of_a_main_component_listed_after_others_equals_networkx(seed: int) -> None:
    # The parts in reverse: the small part, the isolates, then the main component.
    G = larger_meetings(seed, actors=200)
    reordered = nx.MultiGraph()
    reordered.add_nodes_from(reversed(list(G.nodes(data=True))))
    reordered.add_edges_from(G.edges(keys=True, data=True))
    assert next(iter(reordered)) == "n239"
    table = centrality(reordered, seed=seed, measures=["eigenvector"])
    expected = main_component_eigenvector(collapse(reordered))
    assert_columns_equal(table, {"eigenvector": expected})
    assert (table["eigenvector"][[f"n{i}" for i in range(200, 240)]] == 0.0).all()
    assert (table["eigenvector"][[f"n{i}" for i in range(200)]] > 0).all()


def test_eigenvector_main_component_ties_of_three_go_to_the_first_actor() -> None:
    # Two paths of three, the second met more often: the first in the graph's order wins.
    paths = [("d", "e", "1"), ("e", "f", "2"), ("a", "b", "3"), ("b", "c", "4")]
    edges = [(u, v, key, "held") for u, v, key in paths]
    G = graph([*edges, ("a", "b", "5", "held"), ("b", "c", "6", "held")])
    reordered = nx.MultiGraph()
    reordered.add_nodes_from(sorted(G.nodes(data=True), reverse=True))  # f first
    reordered.add_edges_from(G.edges(keys=True, data=True))
    table = centrality(reordered)
    assert table["eigenvector"].to_dict() == pytest.approx(
        {"f": 0.5, "e": 2**-0.5, "d": 0.5, "c": 0.0, "b": 0.0, "a": 0.0}, abs=1e-12
    )
    assert_columns_equal(table, {"eigenvector": main_component_eigenvector(collapse(reordered))})


def test_eigenvector_zeros_outside_the_main_component_raise_no_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # as a program that shows every warning
        table = centrality(larger_meetings(0, actors=50), measures=["eigenvector"])
    assert (table["eigenvector"] == 0.0).sum() == 40
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize("seed", range(3))
def test_pagerank_above_prpacks_direct_solve_equals_networkx(seed: int) -> None:
    # PRPACK solves graphs under 128 actors directly, larger ones by iteration.
    G = larger_meetings(seed)
    table = centrality(G, measures=["pagerank"])
    expected = nx.pagerank(collapse(G), weight="weight", tol=1e-15, max_iter=10_000)
    assert_columns_equal(table, {"pagerank": expected})


def test_pagerank_gives_back_the_openmp_threads_it_limits() -> None:
    pools = metrics._threadpools()
    openmp = pools.select(user_api="openmp")
    # Three, whatever the machine's cores: a pool left at PageRank's one would show.
    with pools.limit(limits=3, user_api="openmp"):
        assert [pool["num_threads"] for pool in openmp.info()] == [3]  # igraph's libgomp
        centrality(larger_meetings(0), measures=["pagerank"])
        assert [pool["num_threads"] for pool in openmp.info()] == [3]


def test_betweenness_from_a_sample_equals_networkx_from_the_same_sources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_LIMIT", 20)
    monkeypatch.setattr(metrics, "EXACT_CLOSENESS_LIMIT", 20)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLE", 15)
    for seed in range(3):
        G = random_meetings(seed)
        table = centrality(G, seed=seed)
        assert table.attrs["approximate"] == ["betweenness", "closeness"]
        expected = nx.betweenness_centrality(collapse(G), k=15, seed=seed)
        assert_columns_equal(table, {"betweenness": expected})


@pytest.fixture
def sampled_above_20(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closeness and betweenness estimated above 20 actors, from 20 sources (at least 8)."""
    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_LIMIT", 20)
    monkeypatch.setattr(metrics, "EXACT_CLOSENESS_LIMIT", 20)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLE", 20)
    monkeypatch.setattr(metrics, "_MIN_SOURCES", 8)


@pytest.mark.usefixtures("sampled_above_20")
def test_closeness_from_a_sample_is_close_and_exact_where_it_can_be() -> None:
    G = random_meetings(7)
    H = collapse(G)
    exact = pd.Series(nx.closeness_centrality(H))
    table = centrality(G, seed=1)
    closeness = table["closeness"]
    sources = {list(H)[i] for i in random.Random(1).sample(range(len(H)), 20)}
    large = [f"n{i}" for i in range(40)]
    assert len(sources & set(large)) > 8  # so the large part is estimated
    # A source, and an actor of a part holding fewer than 8 other sources, are searched from.
    exactly = sorted(sources | set(H) - set(large))
    assert np.allclose(closeness[exactly], exact[exactly], rtol=0, atol=1e-12)
    assert closeness["n54"] == 0.0
    assert not np.allclose(closeness[large], exact[large], rtol=0, atol=1e-12)
    assert closeness.equals(centrality(G, seed=1)["closeness"])


@pytest.mark.parametrize("seed", range(3))
def test_sampled_distances_equal_networkx_searches(seed: int) -> None:
    # Sources in the large part, in the small one and isolated, so searches of every size.
    G = larger_meetings(seed, actors=100)
    H = collapse(G)
    c = metrics._collapsed(G, ("held",), seed)
    index = {node: i for i, node in enumerate(c.nodes)}
    chosen = [*random.Random(seed).sample(range(100), 25), 100, 101, 129, 130, 139]
    sources = np.asarray([index[f"n{i}"] for i in chosen])
    found, total, own = metrics._sampled_distances(c, sources)
    expected_found, expected_total = np.zeros(len(H), dtype=np.int64), np.zeros(len(H))
    expected_own = []
    for source in sources:
        lengths = nx.single_source_shortest_path_length(H, c.nodes[source])
        del lengths[c.nodes[source]]
        for node, length in lengths.items():
            expected_found[index[node]] += 1
            expected_total[index[node]] += length
        expected_own.append(sum(lengths.values()))
    assert np.array_equal(found, expected_found) and np.array_equal(total, expected_total)
    assert own.tolist() == expected_own
    assert expected_found.max() == 25 and 0 in expected_own  # large part, isolates


@pytest.mark.parametrize("seed", range(3))
def test_closeness_from_a_sample_is_within_its_documented_error(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_LIMIT", 20)
    monkeypatch.setattr(metrics, "EXACT_CLOSENESS_LIMIT", 20)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLE", 60)
    shape = nx.gnm_random_graph(300, 1200, seed=seed)
    G = nx.MultiGraph()
    G.add_nodes_from(shape, type="person")
    G.add_edges_from(shape.edges, status="held")
    closeness = centrality(G, seed=seed)["closeness"]
    exact = pd.Series(nx.closeness_centrality(shape))
    error = (closeness - exact).abs() / exact
    # 60 sources of 300: the median actor within 3%, every actor within 20%.
    assert error.median() < 0.03 and error.max() < 0.20


def test_communities_of_a_seed_are_the_same_every_time() -> None:
    G = random_meetings(3)
    tables = [centrality(G, seed=s, measures=["community"]) for s in (5, 5, 6)]
    assert tables[0]["community"].equals(tables[1]["community"])
    sizes = tables[2]["community"].value_counts().sort_index()
    assert sizes.is_monotonic_decreasing and sizes.index.tolist() == list(range(len(sizes)))
    # Louvain puts the two random parts apart, and each isolate alone.
    community = tables[0]["community"]
    assert set(community[[f"n{i}" for i in range(40)]]).isdisjoint(
        community[[f"n{i}" for i in range(40, 52)]]
    )
    assert community[["n52", "n53", "n54"]].nunique() == 3


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


def test_counterfactual_after_is_the_what_if_view() -> None:
    G = bundled_graph()
    change = counterfactual(G)
    what_if = centrality(as_if_held(G))
    for entry in SIZE_MEASURES:
        after = change[f"{entry.name}_after"].reindex(what_if.index)
        assert np.allclose(after, what_if[entry.name], rtol=0, atol=1e-12), entry.name
    # Each of the four missing meetings is one more meeting of the visitor's.
    columns = ["weighted_degree_before", "weighted_degree_after"]
    assert change.loc["sam-altman", columns].tolist() == [8, 12]
