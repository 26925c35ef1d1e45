"""Filters return views: they select, never mutate."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from test_render import statuses_graph

from meetgraph.errors import MeetgraphError, UnknownActorError
from meetgraph.filters import (
    FilterError,
    choice_filter,
    date_span,
    ego_network,
    filter_graph,
    induced,
    top_nodes,
    values,
)
from meetgraph.render import MAX_DRAWN_NODES

D = dt.date


@pytest.fixture
def graph() -> nx.MultiGraph:
    G = nx.MultiGraph()
    for node, sector, country, kind in [
        ("v", "ai", "US", "person"),
        ("s", "semiconductors", "KR", "person"),
        ("m", "government", "KR", "person"),
        ("b", "government", "KR", "government_body"),
        ("p", "government", "JP", "person"),
        ("x", "ai", "CN", "organization"),
    ]:
        G.add_node(node, sector=sector, country=country, type=kind)
    G.add_edge("v", "s", key="seoul", status="held", date=D(2025, 2, 4))
    G.add_edge("v", "p", key="tokyo", status="held", date=None)
    G.add_edge("v", "m", key="rule", status="missing", date=D(2025, 2, 4))
    G.add_edge("b", "v", key="ask", status="requested", date=None)
    G.add_edge("v", "s", key="later", status="planned", date=D(2025, 2, 6))
    return G


def keys(G: nx.MultiGraph) -> list[str]:
    return sorted(k for *_, k in G.edges(keys=True))


def test_no_filter_keeps_everything(graph: nx.MultiGraph) -> None:
    view = filter_graph(graph)
    assert keys(view) == keys(graph) and sorted(view) == sorted(graph)


def test_sector_keeps_actors_and_edges_among_them(graph: nx.MultiGraph) -> None:
    view = filter_graph(graph, {"sector": ["ai", "government"]})
    assert sorted(view) == ["b", "m", "p", "v", "x"]
    assert keys(view) == ["ask", "rule", "tokyo"]


def test_country_and_type_combine(graph: nx.MultiGraph) -> None:
    view = filter_graph(graph, {"country": ["KR"], "type": ["person"]})
    assert sorted(view) == ["m", "s"]
    assert keys(view) == []


def test_status_filter_keeps_every_actor(graph: nx.MultiGraph) -> None:
    view = filter_graph(graph, {"status": ["missing", "requested"]})
    assert len(view) == len(graph)
    assert keys(view) == ["ask", "rule"]


def test_date_range_is_inclusive_and_drops_undated(graph: nx.MultiGraph) -> None:
    assert keys(filter_graph(graph, since=D(2025, 2, 4), until=D(2025, 2, 4))) == ["rule", "seoul"]
    assert keys(filter_graph(graph, since=D(2025, 2, 5))) == ["later"]
    assert keys(filter_graph(graph, until=D(2025, 2, 5), keep_undated=True)) == [
        "ask",
        "rule",
        "seoul",
        "tokyo",
    ]


def test_empty_selection_means_nothing(graph: nx.MultiGraph) -> None:
    assert len(filter_graph(graph, {"sector": []})) == 0
    assert keys(filter_graph(graph, {"status": []})) == []


def test_filters_never_mutate(graph: nx.MultiGraph) -> None:
    before = (sorted(graph.nodes(data=True)), sorted(graph.edges(keys=True, data=True), key=str))
    view = filter_graph(graph, {"sector": ["ai"], "status": ["held"]}, since=D(2025, 1, 1))
    ego_network(view, "v", radius=2)
    assert (sorted(graph.nodes(data=True)), sorted(graph.edges(keys=True, data=True), key=str)) == (
        before
    )
    with pytest.raises(nx.NetworkXError):
        view.add_node("new")


def test_ego_network_radius(graph: nx.MultiGraph) -> None:
    assert sorted(ego_network(graph, "p", radius=0)) == ["p"]
    assert sorted(ego_network(graph, "p", radius=1)) == ["p", "v"]
    assert sorted(ego_network(graph, "p", radius=2)) == ["b", "m", "p", "s", "v"]
    # Radius counts hops in the view given, not in the full graph.
    held = filter_graph(graph, {"status": ["held"]})
    assert sorted(ego_network(held, "p", radius=2)) == ["p", "s", "v"]


def test_ego_network_of_unknown_or_filtered_actor(graph: nx.MultiGraph) -> None:
    with pytest.raises(UnknownActorError, match="unknown actor 'nobody'"):
        ego_network(graph, "nobody")
    with pytest.raises(UnknownActorError):
        ego_network(filter_graph(graph, {"country": ["JP"]}), "v")


def test_date_span_and_values(graph: nx.MultiGraph) -> None:
    assert date_span(graph) == (D(2025, 2, 4), D(2025, 2, 6))
    assert date_span(filter_graph(graph, {"status": ["requested"]})) is None
    assert values(graph, "country") == ["CN", "JP", "KR", "US"]
    assert values(filter_graph(graph, {"sector": ["government"]}), "type") == [
        "government_body",
        "person",
    ]


def test_top_nodes() -> None:
    G = statuses_graph()
    scores = {"v": 5.0, "pm": 1.0, "min": 1.0, "org": 0.5}
    view = top_nodes(G, scores, 3)
    assert sorted(view) == ["min", "pm", "v"]  # tie between pm and min kept by id
    assert view.number_of_edges() == 2  # v-pm held, v-min missing
    assert sorted(top_nodes(G, scores, 100)) == sorted(G)
    assert MAX_DRAWN_NODES == 1500
    with pytest.raises(MeetgraphError):
        top_nodes(G, scores, -1)


def test_a_few_actors_of_many_are_listed_in_the_graphs_order() -> None:
    # networkx lists a subgraph's set of nodes when they are fewer than half: in an order
    # that changes with the hash seed, and so would layouts and pages of the same view.
    G = nx.MultiGraph()
    G.add_nodes_from(f"actor-{i:02d}" for i in range(40))
    G.add_edges_from((f"actor-{i:02d}", f"actor-{i + 1:02d}") for i in range(0, 39, 3))
    scores = {f"actor-{i:02d}": float(i) for i in range(40)}
    assert list(top_nodes(G, scores, 8)) == [f"actor-{i:02d}" for i in range(32, 40)]
    assert list(ego_network(G, "actor-22", radius=1)) == ["actor-21", "actor-22"]
    chosen = ["actor-31", "actor-07", "actor-19", "actor-02", "actor-26"]
    assert list(induced(G, chosen)) == sorted(chosen)


def test_top_nodes_within_an_edge_budget_takes_fewer_nodes() -> None:
    import networkx as nx

    # A dense core: a, b, c met each other twice; d met a once.
    G = nx.MultiGraph()
    for u, v in ["ab", "ab", "ac", "ac", "bc", "bc", "ad"]:
        G.add_edge(u, v)
    scores = {"a": 4.0, "b": 3.0, "c": 2.0, "d": 1.0}
    assert sorted(top_nodes(G, scores, 4, max_edges=7)) == ["a", "b", "c", "d"]
    kept = top_nodes(G, scores, 4, max_edges=5)
    assert sorted(kept) == ["a", "b"] and kept.number_of_edges() == 2
    assert sorted(top_nodes(G, scores, 4, max_edges=0)) == ["a"]  # the first always
    with pytest.raises(MeetgraphError):
        top_nodes(G, scores, 4, max_edges=-1)


def test_where_meetings_took_place_keeps_every_actor_and_the_meetings_there() -> None:
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings

    G = build_graph(load_dataset(Settings().default_dataset))
    seoul = filter_graph(G, {"meeting_country": ["KR"]})
    assert len(seoul) == len(G)
    assert {d["country"] for *_, d in seoul.edges(data=True)} == {"KR"}
    keys = {k for *_, k in seoul.edges(keys=True)}
    assert {"altman-sk-group", "ministry-request", "kr-government-contact"} <= keys
    assert "altman-ishiba" not in keys and "altman-modi" not in keys
    assert choice_filter("meeting_country").options(G) == ["IN", "JP", "KR"]


@pytest.mark.parametrize(
    ("place", "keys"),
    [
        (
            "KR",
            {
                "altman-sk-group",
                "altman-krafton",
                "altman-developer-workshop",
                "altman-kakao-press-conference",
                "altman-samsung-softbank",
                "ministry-request",
                "openai-kakao-partnership",
                "yoo-son-meeting",
                "kr-government-contact",  # the missing meetings: expected in Korea
            },
        ),
        ("JP", {"altman-ishiba"}),
        ("IN", {"altman-modi"}),
    ],
)
def test_each_meeting_is_kept_by_the_place_it_took_place(place: str, keys: set[str]) -> None:
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings

    G = build_graph(load_dataset(Settings().default_dataset))
    view = filter_graph(G, {"meeting_country": [place]})
    assert {k for *_, k in view.edges(keys=True)} == keys
    assert len(view) == len(G)  # every actor stays


def test_the_place_is_the_meetings_not_the_actors_country() -> None:
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings

    G = build_graph(load_dataset(Settings().default_dataset))
    # Son (JP) met Altman and Lee in Seoul: in KR by the meeting's place, not in JP.
    in_korea = filter_graph(G, {"meeting_country": ["KR"]})
    assert in_korea.has_edge("sam-altman", "son-masayoshi", "altman-samsung-softbank")
    in_japan = filter_graph(G, {"meeting_country": ["JP"]})
    assert not in_japan.has_edge("sam-altman", "son-masayoshi")
    assert in_japan.has_edge("sam-altman", "ishiba-shigeru", "altman-ishiba")


def test_kept_actors_pass_the_actor_filters_but_not_the_edge_filters() -> None:
    G = nx.MultiGraph()
    G.add_nodes_from([("v", {"country": "US"}), ("m", {"country": "KR"}), ("o", {"country": "JP"})])
    G.add_edge("v", "m", key="held", status="held")
    G.add_edge("v", "m", key="missing", status="missing")
    G.add_edge("v", "o", key="elsewhere", status="held")
    view = filter_graph(G, {"country": ["KR"], "status": ["missing"]}, keep=["v"])
    assert sorted(view) == ["m", "v"]
    assert sorted(k for *_, k in view.edges(keys=True)) == ["missing"]


def test_an_unknown_filter_is_named() -> None:
    with pytest.raises(FilterError, match="no filter 'colour' \\(filters: sector, country"):
        filter_graph(nx.MultiGraph(), {"colour": ["red"]})


def test_a_settled_view_holds_what_the_view_holds_in_its_order() -> None:
    import networkx as nx

    from meetgraph.filters import filter_graph, settled
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings

    G = build_graph(load_dataset(Settings().default_dataset))
    view = filter_graph(G, {"sector": ["government", "ai"], "status": ["held", "missing"]})
    H = settled(view)
    assert list(H.nodes(data=True)) == list(view.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(view.edges(keys=True, data=True))
    assert list(H.adj["sam-altman"]) == list(view.adj["sam-altman"])
    assert H.graph == view.graph
    with pytest.raises(nx.NetworkXError):
        H.add_edge("a", "b")


def test_a_settled_actor_filter_of_a_view_holds_what_the_view_holds() -> None:
    from meetgraph.filters import filter_graph, settled
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings

    G = build_graph(load_dataset(Settings().default_dataset))
    # Actors only (the quick path), over a view that filters edges (read through it).
    inner = filter_graph(G, {"status": ["held", "missing"]})
    view = filter_graph(inner, {"sector": ["government", "ai"]})
    H = settled(view)
    assert list(H.edges(keys=True, data=True)) == list(view.edges(keys=True, data=True))
    assert {s for *_, s in H.edges(data="status")} == {"held", "missing"}


def test_settling_a_frozen_graph_or_a_view_hiding_nothing_of_it_copies_nothing() -> None:
    import networkx as nx

    from meetgraph.filters import filter_graph, settled
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings

    G = build_graph(load_dataset(Settings().default_dataset))
    frozen = nx.freeze(G.copy())
    assert settled(frozen) is frozen
    assert settled(filter_graph(frozen)) is frozen
    # Anything hidden, or a graph that could still change: a frozen copy of what it holds.
    some = filter_graph(frozen, {"sector": ["government"]})
    assert settled(some) is not frozen
    assert list(settled(some).edges(keys=True)) == list(some.edges(keys=True))
    for open_graph in (G, filter_graph(G)):
        copy = settled(open_graph)
        assert copy is not G and nx.is_frozen(copy)
        assert list(copy.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
