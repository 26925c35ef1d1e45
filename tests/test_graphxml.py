"""GraphML and GEXF: what Gephi and networkx read back."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
import pytest
from trip import edge_set, trip_graph

from meetgraph.graphxml import gexf_bytes, graphml_bytes


@pytest.fixture
def G() -> nx.MultiGraph:
    return trip_graph()


def with_control_character(G: nx.MultiGraph) -> nx.MultiGraph:
    H = G.copy()
    H.nodes["pm"]["name"] = {**H.nodes["pm"]["name"], "en": "Prime\x01 Minister\x0b"}
    H.edges["v", "pm", "v-pm"]["place"] = {"en": "Tokyo\x00\tJapan"}
    return H


def no_none_or_empty_name(graph: nx.MultiGraph) -> None:
    for _, attrs in graph.nodes(data=True):
        assert "None" not in attrs.values()
    for *_, attrs in graph.edges(data=True):
        assert "None" not in attrs.values()


def test_graphml_reads_back_in_networkx(G: nx.MultiGraph) -> None:
    data = graphml_bytes(with_control_character(G))
    H = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["pm"]["name_en"] == "Prime Minister"
    assert H.nodes["min"]["name_ko"] == "장관"
    edge = H.edges["v", "pm", "v--pm--v-pm"]
    assert (edge["status"], edge["date"], edge["key"]) == ("held", "2025-02-03", "v-pm")
    assert edge["place_en"] == "Tokyo\tJapan"
    assert edge["evidence"] == "s: 만났다"
    assert H.edges["v", "min", "v--min--kr-gov"]["status"] == "missing"
    # The three-party meeting's three edges share a key but keep distinct ids.
    assert {k for *_, k in H.edges(keys=True, data="key") if k == "v-ceo"} == {"v-ceo"}
    assert sum(1 for *_, k in H.edges(keys=True, data="key") if k == "v-ceo") == 3
    assert "role_en" not in H.nodes["pm"]  # None dropped, not written as "None"
    assert H.graph["sectors"] == "gov: Government; ai: AI"
    assert H.graph["title_ko"] == "방문"
    no_none_or_empty_name(H)


def test_gexf_reads_back_in_networkx(G: nx.MultiGraph) -> None:
    data = gexf_bytes(with_control_character(G))
    H = nx.read_gexf(io.BytesIO(data))
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert edge_set(H) == edge_set(G)
    assert H.nodes["pm"]["label"] == "Prime Minister"
    assert H.nodes["ceo"]["name_ko"] == "대표"
    edge = H.edges["v", "pm", "v-pm"]
    assert (edge["status"], edge["date"]) == ("held", "2025-02-03")
    assert "topics_en" not in edge  # empty: left out, like None
    assert H.edges["v", "ceo", "v-ceo-2"]["status"] == "planned"
    assert "note" not in edge
    assert H.graph["name"] == "Trip"
    no_none_or_empty_name(H)


@pytest.mark.parametrize("write", [graphml_bytes, gexf_bytes])
def test_xml_has_no_illegal_characters(G: nx.MultiGraph, write: Any) -> None:
    text = write(with_control_character(G)).decode("utf-8")
    assert "\x01" not in text and "\x00" not in text and "\x0b" not in text
    assert ">None<" not in text and '"None"' not in text
