"""The lossless JSON form: every graph written is read back equal; damage is named."""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from trip import snapshot, trip_graph

from meetgraph.errors import MeetgraphError
from meetgraph.jsonio import from_json_text, to_json_text


@pytest.fixture
def G() -> nx.MultiGraph:
    return trip_graph()


def test_fixture_has_what_the_exports_must_keep(G: nx.MultiGraph) -> None:
    assert G.edges["v", "min", "kr-gov"]["status"] == "missing"
    assert G.number_of_edges("v", "ceo") == 2
    assert G.nodes["pm"]["name"]["ko"] == "총리"


def test_json_round_trip_is_lossless(G: nx.MultiGraph) -> None:
    H = from_json_text(to_json_text(G))
    assert snapshot(H) == snapshot(G)
    assert H.is_multigraph() and not H.is_directed()
    assert H.edges["v", "pm", "v-pm"]["date"] == dt.date(2025, 2, 3)
    assert (
        H.edges["v", "min", "kr-gov"]["explanation"]
        == (G.edges["v", "min", "kr-gov"]["explanation"])
    )


def test_json_is_readable_text_with_a_marker(G: nx.MultiGraph) -> None:
    text = to_json_text(G)
    data = json.loads(text)
    assert data["meetgraph"] == 2
    assert "총리" in text  # not \\u escaped
    edge = next(e for e in data["edges"] if e["key"] == "v-pm")
    assert edge["date"] == "2025-02-03"
    assert {edge["source"], edge["target"]} == {"v", "pm"}


def test_json_from_bytes(G: nx.MultiGraph) -> None:
    assert snapshot(from_json_text(to_json_text(G).encode("utf-8"))) == snapshot(G)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json {", "not valid JSON"),
        ('{"nodes": [], "edges": []}', 'no "meetgraph": 2 marker'),
        ("[1, 2]", 'no "meetgraph": 2 marker'),
        (
            '{"meetgraph": 1, "nodes": [], "edges": []}',
            "unsupported meetgraph JSON version 1 (this meetgraph reads 2);"
            " export the dataset again",
        ),
        ('{"meetgraph": 2, "nodes": {}}', '"nodes" and "edges" must be lists'),
        ('{"meetgraph": 2, "nodes": [{"name": "x"}], "edges": []}', "damaged meetgraph JSON"),
        (
            '{"meetgraph": 2, "nodes": [{"id": "a"}], "edges": [{"target": "a"}]}',
            "damaged meetgraph JSON",
        ),
        (
            '{"meetgraph": 2, "nodes": [{"id": "a"}, {"id": "b"}],'
            ' "edges": [{"source": "a", "target": "b", "key": "m", "date": "soon"}]}',
            "edge a--b--m: date 'soon' is not ISO",
        ),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_from_json_text_rejects_garbage_clearly(text: str | bytes, message: str) -> None:
    with pytest.raises(MeetgraphError) as info:
        from_json_text(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
attr_names = st.text(min_size=1, max_size=6).filter(
    lambda s: s not in {"id", "source", "target", "key", "date"}
)


@st.composite
def multigraphs(draw: st.DrawFn) -> nx.MultiGraph:
    graph = nx.MultiGraph(**draw(st.dictionaries(attr_names, json_values, max_size=3)))
    nodes = draw(st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=5, unique=True))
    for node in nodes:
        graph.add_node(node, **draw(st.dictionaries(attr_names, json_values, max_size=3)))
    for _ in range(draw(st.integers(0, 6))):
        u, v = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        attrs = draw(st.dictionaries(attr_names, json_values, max_size=3))
        attrs["date"] = draw(st.none() | st.dates())
        graph.add_edge(u, v, key=draw(st.text(max_size=4)), **attrs)
    return graph


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(multigraphs())
def test_json_round_trip_of_random_unicode_graphs(graph: nx.MultiGraph) -> None:
    assert snapshot(from_json_text(to_json_text(graph))) == snapshot(graph)
